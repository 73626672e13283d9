package io.batchrest.model;

import jakarta.batch.runtime.BatchStatus;

import java.time.Instant;
import java.util.List;

/** A top-level step execution with its metrics and, for a partitioned step, its partitions. */
public record StepExecutionRecord(long stepExecutionId, String stepName, long executionId, long instanceId,
                                  String submitter, BatchStatus batchStatus, Instant startTime, Instant endTime,
                                  String exitStatus, StepMetrics metrics, List<Partition> partitions) {

    /** One partition of a partitioned step, with the server that ran it. */
    public record Partition(int partitionNumber, BatchStatus batchStatus, Instant startTime, Instant endTime,
                            String exitStatus, String restUrl, String serverId, StepMetrics metrics) {
    }
}
