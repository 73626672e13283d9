package io.batchrest.service;

import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.RetentionLease;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET retention} shows (docs/api.md, "Retention"): the settings as parsed, the lease and last run of the
 * cluster, and a dry run at {@code now}: how many instances a run would purge, and one page of them, oldest id first.
 */
public record RetentionStatus(RetentionSettings settings, Optional<RetentionLease> lease, Instant now,
                              long selected, List<JobInstanceRecord> page) {
}
