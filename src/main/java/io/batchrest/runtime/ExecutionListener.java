package io.batchrest.runtime;

import io.batchrest.cluster.ServerIdentity;
import io.batchrest.joblog.JobLogSettings;
import io.batchrest.joblog.JobLogs;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.batchrest.repository.JobExecutionRepository;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Added to every job's JSL, runs on the job's top-level thread: records this server as the one running the
 * execution (SPEC §10), and opens and closes the execution's job log when job logging is on.
 */
@Named(ExecutionListener.REF)
@Dependent
public class ExecutionListener implements JobListener {

    public static final String REF = "batchRestExecutionListener";

    @Inject
    JobContext job;

    @Inject
    ServerIdentity identity;

    @Inject
    JobLogSettings jobLogging;

    @Inject
    JobLogs logs;

    @Inject
    JobExecutionRepository executions;

    /** One update of the execution's row records both this server and the log's folder. */
    @Override
    public void beforeJob() {
        Optional<Path> logDirectory = jobLogging.enabled()
                ? Optional.of(logs.directoryOf(job.getInstanceId(), job.getExecutionId(), job.getJobName()))
                : Optional.empty();
        executions.recordStart(job.getExecutionId(), identity.restUrl(), identity.serverId(),
                logDirectory.map(JobLogs::logPath));
        logDirectory.ifPresent(directory -> logs.executionStarted(job.getInstanceId(), job.getExecutionId(),
                job.getJobName(), directory));
    }

    @Override
    public void afterJob() {
        logs.executionEnded(job.getInstanceId(), job.getExecutionId(), job.getJobName());
    }
}
