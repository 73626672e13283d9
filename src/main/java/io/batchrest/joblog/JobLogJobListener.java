package io.batchrest.joblog;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Added to every job's JSL: opens and closes the execution's job log on the job's top-level thread. */
@Named(JobLogJobListener.REF)
@Dependent
public class JobLogJobListener implements JobListener {

    public static final String REF = "batchRestJobLogListener";

    @Inject
    JobContext job;

    @Inject
    JobLogs logs;

    @Override
    public void beforeJob() {
        logs.executionStarted(job.getInstanceId(), job.getExecutionId(), job.getJobName());
    }

    @Override
    public void afterJob() {
        logs.executionEnded(job.getInstanceId(), job.getExecutionId(), job.getJobName());
    }
}
