package io.batchrest.model;

import jakarta.batch.runtime.BatchStatus;

import java.time.Instant;
import java.util.Optional;

/**
 * One state change of a job instance, of one of its executions or of a step of an execution. {@code executionId} is 0
 * and {@code batchStatus} empty for a change of the instance alone (submitted, purged); {@code step} is present for
 * the step events; {@code time} is when the change happened (absent for a purge).
 */
public record JobChange(JobEventType type, long instanceId, String jobName, String submitter, long executionId,
                        Optional<BatchStatus> batchStatus, String exitStatus, Optional<Step> step,
                        Optional<Instant> time) {

    /** A step of an execution; its metrics are known when it has ended. */
    public record Step(long stepExecutionId, String stepName, Optional<StepMetrics> metrics) {
    }

    /** Whether the change belongs to an execution: then it carries executionId and batchStatus. */
    public boolean ofExecution() {
        return executionId > 0;
    }
}
