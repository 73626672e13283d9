package io.batchrest.runtime;

import io.batchrest.events.JobEvents;
import io.batchrest.joblog.JobLogs;
import io.batchrest.model.StepMetrics;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Optional;

/**
 * Added to every step of every job's JSL, with the step's place in the job as properties: a step of a split flow
 * runs on the flow's own thread, which this marks; a partitioned step tells the job log to look for its
 * partition threads while it runs. It also reports the step's start and end as job events (docs/api.md, "Job
 * events"), and why a step failed to the job log (docs/contract.md §8).
 */
@Named(StepProgressListener.REF)
@Dependent
public class StepProgressListener implements StepListener {

    public static final String REF = "batchRestStepLogListener";

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    JobLogs logs;

    @Inject
    JobEvents events;

    /** The split whose flow contains the step, or empty. */
    @Inject
    @BatchProperty
    String split;

    @Inject
    @BatchProperty
    String flow;

    @Inject
    @BatchProperty
    String partitioned;

    @Override
    public void beforeStep() {
        if (inSplitFlow()) {
            logs.flowStepStarted(job.getExecutionId(), split, flow);
        }
        if (Boolean.parseBoolean(partitioned)) {
            logs.partitionedStepStarted(job.getExecutionId());
        }
        events.stepStarted(job.getInstanceId(), job.getExecutionId(), job.getJobName(), step.getStepExecutionId(),
                step.getStepName());
    }

    @Override
    public void afterStep() {
        // Like afterJob, afterStep runs before the runtime records the step's final status.
        BatchStatus finalStatus = ExecutionListener.finalStatus(step.getBatchStatus());
        String exitStatus = ExecutionListener.exitStatus(step.getExitStatus(), finalStatus);
        logs.stepEnded(step.getStepName(), finalStatus, exitStatus, Optional.ofNullable(step.getException()));
        events.stepEnded(job.getInstanceId(), job.getExecutionId(), job.getJobName(), step.getStepExecutionId(),
                step.getStepName(), finalStatus, exitStatus, StepMetrics.of(step.getMetrics()));
        if (Boolean.parseBoolean(partitioned)) {
            logs.partitionedStepEnded(job.getExecutionId());
        }
        if (inSplitFlow()) {
            logs.flowStepEnded();
        }
    }

    private boolean inSplitFlow() {
        return split != null && !split.isEmpty();
    }
}
