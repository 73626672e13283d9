package io.batchrest.runtime;

import io.batchrest.cluster.ServerIdentity;
import io.batchrest.events.JobEvents;
import io.batchrest.joblog.JobLogSettings;
import io.batchrest.joblog.JobLogs;
import io.batchrest.metrics.BatchMetrics;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.batchrest.repository.JobExecutionRepository;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Added to every job's JSL, runs on the job's top-level thread: records this server as the one running the
 * execution (docs/contract.md §10), opens and closes the execution's job log when job logging is on, and counts the
 * execution and its run time in the metrics once it has ended (README, "Health and metrics"), and reports its start and
 * end as job events (docs/api.md, "Job events").
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

    @Inject
    BatchMetrics metrics;

    @Inject
    JobEvents events;

    /** The batch runtime calls one listener instance before and after its execution. */
    private long startedNanos;

    /** One update of the execution's row records both this server and the log's folder. */
    @Override
    public void beforeJob() {
        startedNanos = System.nanoTime();
        Optional<Path> logDirectory = jobLogging.enabled()
                ? Optional.of(logs.directoryOf(job.getInstanceId(), job.getExecutionId(), job.getJobName()))
                : Optional.empty();
        executions.recordStart(job.getExecutionId(), identity.restUrl(), identity.serverId(),
                logDirectory.map(JobLogs::logPath));
        logDirectory.ifPresent(directory -> logs.executionStarted(job.getInstanceId(), job.getExecutionId(),
                job.getJobName(), directory));
        events.executionStarted(job.getInstanceId(), job.getExecutionId(), job.getJobName());
    }

    @Override
    public void afterJob() {
        BatchStatus finalStatus = finalStatus(job.getBatchStatus());
        String exitStatus = exitStatus(job.getExitStatus(), finalStatus);
        logs.executionEnded(job.getInstanceId(), job.getExecutionId(), job.getJobName(), finalStatus, exitStatus);
        metrics.executionEnded(job.getJobName(), finalStatus, Duration.ofNanos(System.nanoTime() - startedNanos));
        events.executionEnded(job.getInstanceId(), job.getExecutionId(), job.getJobName(), finalStatus, exitStatus);
    }

    /**
     * Liberty's runtime calls afterJob before it records the final status: an execution that ran to its end still
     * says STARTED and one being stopped STOPPING, while FAILED (and a JSL stop, STOPPED) are set already.
     */
    public static BatchStatus finalStatus(BatchStatus atAfterJob) {
        return switch (atAfterJob) {
            case STARTING, STARTED -> BatchStatus.COMPLETED;
            case STOPPING -> BatchStatus.STOPPED;
            default -> atAfterJob;
        };
    }

    /** An exit status nobody set is the batch status, as the runtime records it. */
    public static String exitStatus(String set, BatchStatus finalStatus) {
        return set != null ? set : finalStatus.name();
    }
}
