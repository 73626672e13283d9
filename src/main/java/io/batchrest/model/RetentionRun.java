package io.batchrest.model;

import java.time.Instant;

/**
 * One run of retention (README, "Retention"): the server that ran it, when, how many instances it purged and how many
 * it could not purge (they stay, and the next run tries them again).
 */
public record RetentionRun(String server, Instant started, Instant ended, long purged, long failed) {
}
