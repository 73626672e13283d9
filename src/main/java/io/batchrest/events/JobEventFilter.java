package io.batchrest.events;

import io.batchrest.model.JobChange;

import java.util.Optional;
import java.util.Set;

/**
 * Which events a subscriber receives (docs/api.md, "Job events"): only the instances of {@code submitter} when
 * present (a caller who may only see their own, docs/contract.md §9), of one of {@code jobNames} and of one of
 * {@code instanceIds} when these are not empty. Names and ids match exactly.
 */
public record JobEventFilter(Optional<String> submitter, Set<String> jobNames, Set<Long> instanceIds) {

    public boolean matches(JobChange change) {
        return submitter.map(owner -> owner.equals(change.submitter())).orElse(true)
                && (jobNames.isEmpty() || jobNames.contains(change.jobName()))
                && (instanceIds.isEmpty() || instanceIds.contains(change.instanceId()));
    }
}
