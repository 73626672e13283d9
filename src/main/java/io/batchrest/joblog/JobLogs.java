package io.batchrest.joblog;

import io.batchrest.metrics.BatchMetrics;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.repository.StepExecutionRepository;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Writes the job logs (docs/contract.md §8). A {@link java.util.logging} handler on the root logger takes every record
 * and routes it to the work unit of the job thread that emitted it: the top-level thread and split-flow threads are
 * marked by the listeners this product adds to every job's JSL, partition threads are recognised by
 * {@link PartitionThreads}. Records of threads that run no job are left alone. The job's thread only encodes a
 * record into its unit's buffer; the {@link JobLogDisk} writes the buffers to the part files on a thread of its own.
 */
@ApplicationScoped
public class JobLogs {

    private static final String RULE = "==========================================================";

    /** The work unit of the current thread, set by the job and step listeners. */
    private static final ThreadLocal<JobLogPartWriter> CURRENT = new ThreadLocal<>();

    @Inject
    JobLogSettings settings;

    @Inject
    JobExecutionRepository executions;

    @Inject
    StepExecutionRepository steps;

    @Inject
    BatchMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private static final long FLUSH_EVERY_MILLIS = 250;
    private ScheduledFuture<?> flushing;
    private JobLogDisk disk;

    private final Map<Long, ExecutionLog> running = new ConcurrentHashMap<>();
    private final PartitionThreads partitionThreads = new PartitionThreads();
    private final RoutingHandler handler = new RoutingHandler();
    /** Set while the current thread looks up its partition (which may read the repository, which may log). */
    private final ThreadLocal<Boolean> lookingUpPartition = ThreadLocal.withInitial(() -> false);

    void install(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        disk = new JobLogDisk(threads, fault -> handler.reportError("Cannot write a job log", fault,
                java.util.logging.ErrorManager.WRITE_FAILURE), metrics::jobLogBytesWritten);
        Logger.getLogger("").addHandler(handler);
        flushing = scheduler.scheduleWithFixedDelay(this::flushRunning, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    void uninstall(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        if (flushing != null) {
            flushing.cancel(false);
        }
        Logger.getLogger("").removeHandler(handler);
        running.values().forEach(ExecutionLog::close);
        running.clear();
        if (disk != null) {
            disk.close();
        }
    }

    /**
     * Opens the log of a starting execution under
     * {@code <root>/<jobName>/<yyyy-MM-dd>/instance.<i>/execution.<e>/}, records that directory as the execution's
     * LOGPATH, writes the banner and marks the current (top-level) thread.
     */
    public void executionStarted(long instanceId, long executionId, String jobName, Path directory) {
        ExecutionLog log = new ExecutionLog(directory, settings.maxRecords(), disk, parameters(executionId));
        running.put(executionId, log);
        CURRENT.set(log.topLevel());
        log.topLevel().write(banner("Started invoking execution for a job", instanceId, executionId, jobName,
                log.jobParameters(), ""));
    }

    /**
     * The folder of an execution's part files (job name, day, instance, execution; README, "Job logs"), which the
     * execution's LOGPATH records, as Liberty's does.
     */
    public Path directoryOf(long instanceId, long executionId, String jobName) {
        return settings.root().resolve(jobName).resolve(LocalDate.now().toString())
                .resolve("instance." + instanceId).resolve("execution." + executionId);
    }

    /** LOGPATH as Liberty writes it: the folder with a trailing separator. */
    public static String logPath(Path directory) {
        return directory + File.separator;
    }

    /**
     * Writes the closing banner, with the execution's final batch and exit status, and closes every part file of the
     * execution. As in Liberty's job logs, a FAILED execution's banner says that an exception was thrown. The log
     * counts as open ({@link #isOpen}) until its files are complete.
     */
    public void executionEnded(long instanceId, long executionId, String jobName, BatchStatus batchStatus,
                               String exitStatus) {
        CURRENT.remove();
        ExecutionLog log = running.get(executionId);
        if (log != null) {
            try {
                String title = batchStatus == BatchStatus.FAILED ? "Exception thrown when invoking execution for a job"
                        : "Completed invoking execution for a job";
                log.topLevel().write(banner(title, instanceId, executionId, jobName, log.jobParameters(),
                        "\n Job Batch Status = " + batchStatus + ", Job Exit Status = " + exitStatus));
                log.close();
            } finally {
                running.remove(executionId);
            }
        }
    }

    /**
     * Whether this server is writing the execution's log: from the start of the execution until every record of it,
     * the closing banner included, is in its part files. A follower of the log (docs/contract.md §8) ends only after
     * this turns false: the batch runtime may record a final status before the log is closed.
     */
    public boolean isOpen(long executionId) {
        return running.containsKey(executionId);
    }

    /**
     * Why job logs cannot be written to their folder, or empty when they can (or job logging is off): the folder
     * is created if missing and a file is created in it and deleted again. The readiness check (README, "Health and
     * metrics").
     */
    public Optional<String> folderProblem() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Path root = settings.root();
        try {
            Files.createDirectories(root);
            Files.delete(Files.createTempFile(root, ".health-", ".probe"));
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.of("The job-log folder " + root + " cannot be written: " + e);
        }
    }

    /** Why the job-log writer is dead or stuck, or empty while it works: the liveness check. */
    public Optional<String> writerProblem() {
        return disk == null ? Optional.empty() : disk.problem(settings.writerStuckAfter());
    }

    /** Readers of a running job's log see its records within this delay. */
    private void flushRunning() {
        for (ExecutionLog log : running.values()) {
            try {
                log.flush();
            } catch (RuntimeException e) {
                handler.reportError("Cannot flush a job log", e, java.util.logging.ErrorManager.FLUSH_FAILURE);
            }
        }
    }

    /**
     * Why a step failed, in the log of the current thread's work unit, as Liberty's job logs say it: the exception a
     * step-level artifact threw, with its stack trace, then that the step failed. Liberty's runtime does not call the
     * step listener on a partition's thread and gives the top-level thread no exception of a partition, so a failed
     * partitioned step has the second record only (its exception is in the server's messages.log). Routed like any
     * record, but given to this product's handler alone.
     */
    public void stepEnded(String stepName, BatchStatus batchStatus, String exitStatus, Optional<Exception> exception) {
        exception.ifPresent(thrown -> handler.publish(record(Level.WARNING,
                "An exception occurred while running the step " + stepName + ".", thrown)));
        if (batchStatus == BatchStatus.FAILED) {
            handler.publish(record(Level.WARNING, "Step " + stepName + " failed with batch status " + batchStatus
                    + " and exit status " + exitStatus + ".", null));
        }
    }

    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(JobLogRecordFormat.BANNER_LOGGER);
        record.setThrown(thrown);
        return record;
    }

    /** A step of a split flow starts on the flow's own thread. */
    public void flowStepStarted(long executionId, String split, String flow) {
        ExecutionLog log = running.get(executionId);
        if (log != null) {
            CURRENT.set(log.subUnit(split, flow));
        }
    }

    public void flowStepEnded() {
        CURRENT.remove();
    }

    public void partitionedStepStarted(long executionId) {
        Optional.ofNullable(running.get(executionId)).ifPresent(ExecutionLog::partitionedStepStarted);
    }

    public void partitionedStepEnded(long executionId) {
        Optional.ofNullable(running.get(executionId)).ifPresent(ExecutionLog::partitionedStepEnded);
    }

    private String parameters(long executionId) {
        return executions.parametersOf(executionId).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Banners are records of their own logger, written in the same line format as every other record; {@code more}
     * is empty or further lines, each starting with a line feed.
     */
    private static LogRecord banner(String title, long instanceId, long executionId, String jobName,
                                    String parameters, String more) {
        return record(Level.INFO, "\n" + RULE + "\n" + title + "\n JobInstance id = " + instanceId
                + "\n JobExecution id = " + executionId + "\n Job Name = " + jobName + "\n Job Parameters = "
                + parameters + more + "\n" + RULE + "\n", null);
    }

    /**
     * The unit of a partition thread, which no listener marks. Only while a partitioned step runs, and not for a
     * record logged by the lookup itself (it may read the repository).
     */
    private JobLogPartWriter unitOfPartitionThread() {
        if (!anyPartitionsRunning() || lookingUpPartition.get()) {
            return null;
        }
        lookingUpPartition.set(true);
        try {
            return partitionThreads.current().map(thread -> {
                ExecutionLog log = running.get(thread.executionId());
                if (log == null) {
                    return null;
                }
                Optional<Integer> partition = thread.partitionStepExecutionId()
                        .flatMap(id -> log.partitionNumber(id, steps::partitionNumberOf));
                return partition.isPresent()
                        ? log.subUnit(thread.stepName(), Integer.toString(partition.get()))
                        : log.topLevel();
            }).orElse(null);
        } finally {
            lookingUpPartition.set(false);
        }
    }

    private boolean anyPartitionsRunning() {
        for (ExecutionLog log : running.values()) {
            if (log.hasRunningPartitions()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The root-logger handler; a fault in it must never disturb the code that logged. It runs for every record of
     * every thread, so the common cases cost one thread-local lookup: a thread marked as a job's, or no partitioned
     * step running anywhere.
     */
    private final class RoutingHandler extends Handler {

        @Override
        protected void reportError(String message, Exception fault, int code) {
            super.reportError(message, fault, code);
        }

        @Override
        public void publish(LogRecord record) {
            try {
                JobLogPartWriter unit = CURRENT.get(); // a unit that has ended ignores what it is given
                if (unit == null) {
                    unit = unitOfPartitionThread();
                }
                if (unit != null) {
                    unit.write(record);
                }
            } catch (RuntimeException e) {
                reportError("Cannot write a job log record", e, java.util.logging.ErrorManager.WRITE_FAILURE);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
