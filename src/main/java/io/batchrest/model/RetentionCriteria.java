package io.batchrest.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What retention purges of one job name at one moment (README, "Retention"): a finished instance whose last update
 * is at or before the cutoff of its final state, unless it is one of the {@code keepLast} newest finished instances
 * of the job name. A final state without a cutoff is kept forever.
 *
 * @param jobName  the job name these criteria are for
 * @param cutoffs  per final state, the latest last-updated time that is old enough
 * @param keepLast how many of the newest finished instances (by instance id) are kept whatever their age
 */
public record RetentionCriteria(String jobName, Map<InstanceState, Instant> cutoffs, int keepLast) {

    public RetentionCriteria {
        EnumMap<InstanceState, Instant> copy = new EnumMap<>(InstanceState.class);
        copy.putAll(cutoffs);
        cutoffs = Collections.unmodifiableMap(copy);
    }

    public Optional<Instant> cutoff(InstanceState state) {
        return Optional.ofNullable(cutoffs.get(state));
    }

    /**
     * Whether an instance of this job name is purged, given how many finished instances of the job name are newer
     * (have a higher instance id).
     */
    public boolean selects(JobInstanceRecord instance, int newerFinished) {
        if (!instance.jobName().equals(jobName) || instance.instanceState().isActive() || newerFinished < keepLast) {
            return false;
        }
        return cutoff(instance.instanceState())
                .map(cutoff -> instance.lastUpdatedTime() != null && !instance.lastUpdatedTime().isAfter(cutoff))
                .orElse(false);
    }
}
