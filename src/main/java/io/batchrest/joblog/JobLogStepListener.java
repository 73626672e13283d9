package io.batchrest.joblog;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Added to every step of every job's JSL, with the step's place in the job as properties: a step of a split flow
 * runs on the flow's own thread, which this marks; a partitioned step tells the job log to look for its
 * partition threads while it runs.
 */
@Named(JobLogStepListener.REF)
@Dependent
public class JobLogStepListener implements StepListener {

    public static final String REF = "batchRestStepLogListener";

    @Inject
    JobContext job;

    @Inject
    JobLogs logs;

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
    }

    @Override
    public void afterStep() {
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
