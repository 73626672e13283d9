package io.batchrest.service;

/** The outcome of purging one instance in a bulk purge (docs/contract.md §7), in Liberty's vocabulary. */
public record PurgeResult(long instanceId, Status status, String message, String redirectUrl) {

    public enum Status { COMPLETED, FAILED, STILL_ACTIVE, JOBLOGS_ONLY, NOT_LOCAL }

    static PurgeResult completed(long instanceId) {
        return new PurgeResult(instanceId, Status.COMPLETED, "Successful purge.", "");
    }
}
