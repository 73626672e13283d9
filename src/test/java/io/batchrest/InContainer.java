package io.batchrest;

import io.batchrest.api.ServletCallerHeaders;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.security.CallerScope;
import io.batchrest.joblog.JobLogFiles;
import io.batchrest.service.JobLogService;
import io.batchrest.service.JobSubmission;
import io.batchrest.service.JobSubmissionService;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.inject.spi.CDI;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What the in-container tests share (README, "Test it"): the deployment, the caller they submit as, and waiting for
 * a job inside the server. The tests run inside arquillianServer (src/test/arquillian/server.xml, embedded Derby),
 * started by Arquillian in the failsafe execution {@code in-container}; each is tagged {@link #TAG}, which only the
 * in-container executions run. Those also tagged {@link #REPOSITORY_SQL_TAG} run once more in the execution
 * {@code in-container-postgresql}, inside arquillianPostgresqlServer, whose job repository is the topology's PostgreSQL
 * database. There they share the database with the multi-server tests' servers: a test finds its own rows by their
 * ids or by a job parameter of its own, never by counting or emptying a table.
 */
public final class InContainer {

    /** The JUnit tag of the in-container tests. */
    public static final String TAG = "in-container";

    /** The JUnit tag of the in-container tests of the repository's SQL, which run on Derby and on PostgreSQL. */
    public static final String REPOSITORY_SQL_TAG = "repository-sql";

    /**
     * A submitter as the services see one. The test server has no application security, so the batch runtime
     * records no user; the services still check the caller's roles.
     */
    public static final CallerScope SUBMITTER = new CallerScope("inContainer", false, true, false);

    /** Jobs of the sample application end within this on a loaded machine. */
    public static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);

    private static final Set<BatchStatus> FINAL = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private InContainer() {
    }

    /**
     * The application as the build packaged it (target/batch-rest.war: classes, JSL, the library with JSL of its
     * own), without its HTTP layer (the api package and web.xml, whose filters accept only authenticated HTTPS) but
     * for the one class of it that a lower layer needs (the caller's headers, cluster/CallerHeaders), plus the test
     * classes. Named batch-rest.war, like the application, so that its jobs belong to "batch-rest".
     */
    public static WebArchive deployment(Class<?>... testClasses) {
        File war = new File(System.getProperty("incontainer.war", "target/batch-rest.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "batch-rest.war").importFrom(war)
                .as(WebArchive.class);
        archive.delete("/WEB-INF/classes/io/batchrest/api");
        archive.delete("/WEB-INF/web.xml");
        archive.addClasses(ServletCallerHeaders.class, InContainer.class);
        archive.addClasses(testClasses);
        return archive;
    }

    /** Submits packaged JSL of the application as {@link #SUBMITTER}. */
    public static JobInstanceRecord submitPackaged(JobSubmissionService submissions, String jobXmlName,
                                                   Map<String, String> parameters) {
        return submissions.submit(new JobSubmission("batch-rest", null, null, jobXmlName, parameters,
                Optional.empty()), SUBMITTER);
    }

    /**
     * Runs a short job alone and waits for its end, before a test submits jobs at once. Derby reserves a range of
     * identity values for each table with the first insert after the server's start (jvm.options), and a reservation
     * fails at once when another transaction touches the catalog at that moment: the first jobs after a start
     * must not be started together.
     */
    public static void runOneJobAlone(JobSubmissionService submissions, JobExecutionRepository executions) {
        JobInstanceRecord instance = submitPackaged(submissions, "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "logLines", "1"));
        awaitCompleted(executionOf(executions, instance));
    }

    /** The only execution of an instance that was just submitted. */
    public static long executionOf(JobExecutionRepository executions, JobInstanceRecord instance) {
        List<JobExecutionRecord> all = executions.findByInstance(instance.instanceId());
        if (all.size() != 1) {
            throw new AssertionError("instance " + instance.instanceId() + " has " + all.size() + " executions");
        }
        return all.get(0).executionId();
    }

    /** Waits until the runtime reports a final status for the execution, and returns it. */
    public static JobExecution awaitFinal(long executionId) {
        awaitTrue("execution " + executionId + " to end",
                () -> FINAL.contains(BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus()));
        return BatchRuntime.getJobOperator().getJobExecution(executionId);
    }

    /**
     * Waits for the execution's end and fails unless it COMPLETED, saying why it did not: its exit status, its steps'
     * and what the server logged about it (a job that fails now and then on a loaded machine leaves nothing else).
     */
    public static void awaitCompleted(long executionId) {
        JobExecution execution = awaitFinal(executionId);
        if (execution.getBatchStatus() != BatchStatus.COMPLETED) {
            StringBuilder why = new StringBuilder("execution " + executionId + " ended " + execution.getBatchStatus()
                    + ", exit status " + execution.getExitStatus());
            for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(executionId)) {
                why.append("\n  step ").append(step.getStepName()).append(": ").append(step.getBatchStatus())
                        .append(", exit status ").append(step.getExitStatus());
            }
            why.append("\njob log:\n").append(jobLog(executionId));
            why.append("\nserver log, last warnings and errors:\n").append(serverLogWarnings());
            throw new AssertionError(why.toString());
        }
    }

    /** The execution's job log as text (its exception's stack trace is there, not in the server's log). */
    private static String jobLog(long executionId) {
        CallerScope admin = new CallerScope("inContainerAdmin", true, false, false);
        try {
            JobLogService.ExecutionLogs logs = CDI.current().select(JobLogService.class).get()
                    .ofExecution(executionId, admin).fold(here -> here, elsewhere -> null);
            if (logs == null) {
                return "(written on another server)";
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            CDI.current().select(JobLogFiles.class).get().writeText(List.of(logs.section("")), text);
            return text.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "(not readable: " + e + ")";
        }
    }

    /**
     * The last warnings and errors of the server's messages.log, with their stack traces; the server runs in its
     * output folder.
     */
    private static String serverLogWarnings() {
        Path log = Path.of("logs", "messages.log");
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> kept = new ArrayList<>();
            boolean inEntry = false;
            for (String line : lines) {
                if (line.startsWith("[")) {
                    inEntry = line.contains(" W ") || line.contains(" E ") || line.contains("[WARNING")
                            || line.contains("[ERROR");
                }
                if (inEntry) {
                    kept.add(line);
                }
            }
            return String.join("\n", kept.subList(Math.max(0, kept.size() - 120), kept.size()));
        } catch (IOException e) {
            return "(" + log.toAbsolutePath() + " not readable: " + e + ")";
        }
    }

    /** Waits until the runtime reports the execution as running. */
    public static void awaitStarted(long executionId) {
        awaitTrue("execution " + executionId + " to start", () -> BatchRuntime.getJobOperator()
                .getJobExecution(executionId).getBatchStatus() == BatchStatus.STARTED);
    }

    public static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + JOB_TIMEOUT + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }
}
