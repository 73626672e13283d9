package io.batchrest.service;

/**
 * The outcome of purging one instance in a bulk purge (docs/contract.md §7), in Liberty's vocabulary, plus what
 * batch-rest adds: WOULD_PURGE (a dry run's instance that a purge would purge, left untouched) and PENDING (an
 * instance of an asynchronous purge that has no result yet).
 */
public record PurgeResult(long instanceId, Status status, String message, String redirectUrl) {

    public enum Status { COMPLETED, FAILED, STILL_ACTIVE, JOBLOGS_ONLY, NOT_LOCAL, WOULD_PURGE, PENDING }

    static PurgeResult completed(long instanceId) {
        return new PurgeResult(instanceId, Status.COMPLETED, "Successful purge.", "");
    }
}
