package io.batchrest.model;

/** The eight Jakarta Batch step metrics, in the order the API lists them. */
public record StepMetrics(long read, long write, long commit, long rollback, long readSkip, long processSkip,
                          long filter, long writeSkip) {
}
