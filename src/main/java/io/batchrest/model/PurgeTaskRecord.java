package io.batchrest.model;

import java.time.Instant;

/**
 * An asynchronous bulk purge as its table holds it (docs/contract.md §7).
 *
 * @param submitter    the user who started it
 * @param serverId     the server that runs it, which resumes it when it starts again
 * @param search       the bulk purge request's path and query below the REST root, as the client sent it
 * @param matched      how many instances the search selected when the task was created
 * @param purged       how many of them were purged
 * @param failed       how many of them were left in place (any result but a purge)
 * @param message      why a FAILED task stopped; {@code ""} otherwise
 * @param endTime      when it ended, null while it runs
 */
public record PurgeTaskRecord(String taskId, String submitter, String serverId, PurgeTaskState state, String search,
                              boolean jobStoreOnly, int matched, int purged, int failed, String message,
                              Instant createTime, Instant lastUpdatedTime, Instant endTime) {

    /** The matched instances that have no result yet. */
    public int remaining() {
        return matched - purged - failed;
    }
}
