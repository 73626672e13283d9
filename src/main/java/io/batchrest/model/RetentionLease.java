package io.batchrest.model;

import java.time.Instant;
import java.util.Optional;

/**
 * The retention lease of a cluster as stored (README, "Retention"): the server that holds it and until when (both
 * empty when nobody does), and the last run of any server.
 */
public record RetentionLease(Optional<String> holder, Optional<Instant> expires, Optional<RetentionRun> lastRun) {
}
