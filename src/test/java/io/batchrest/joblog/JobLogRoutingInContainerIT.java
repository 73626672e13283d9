package io.batchrest.joblog;

import io.batchrest.InContainer;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.service.JobSubmissionService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Job-log routing inside the server: what the sample jobs' batchlets log on partition threads and on split-flow
 * threads lands in the part file of its own execution and work unit, also while another execution's partitions log
 * at the same time; a thread that runs no job logs into no job log.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(InContainer.TAG)
class JobLogRoutingInContainerIT {

    private static final Logger LOG = Logger.getLogger(JobLogRoutingInContainerIT.class.getName());

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment(JobLogRoutingInContainerIT.class);
    }

    @Inject
    JobSubmissionService submissions;

    @Inject
    JobExecutionRepository executions;

    @Inject
    JobLogs logs;

    @Inject
    JobLogFiles files;

    /** An ended execution and the folder of its complete log. */
    private record Run(long executionId, Path directory) {

        String read(String part) throws IOException {
            return Files.readString(directory.resolve(part));
        }
    }

    private Run ended(JobInstanceRecord instance) {
        long executionId = InContainer.executionOf(executions, instance);
        InContainer.awaitCompleted(executionId);
        InContainer.awaitTrue("the log of execution " + executionId + " to be complete", () -> !logs.isOpen(executionId));
        String logPath = executions.findById(executionId).orElseThrow().logPath();
        return new Run(executionId, files.directory(logPath).orElseThrow(
                () -> new AssertionError("no log folder " + logPath + " below the job-log root")));
    }

    /** The sample batchlets' records in a part file (what follows the record's time and logger). */
    private static List<String> lines(String log, String marker) {
        return log.lines().filter(line -> line.contains(marker)).map(line -> line.substring(line.indexOf(marker)))
                .toList();
    }

    private static List<String> expected(String unit, int lines) {
        return IntStream.rangeClosed(1, lines).mapToObj(line -> unit + " line " + line + " of " + lines).toList();
    }

    @Test
    void partitionThreadsOfTwoExecutionsAtOnceLogIntoTheirOwnPartitionsFiles() throws IOException {
        InContainer.runOneJobAlone(submissions, executions);
        JobInstanceRecord three = InContainer.submitPackaged(submissions, "partitionedBatchlet",
                Map.of("partitions", "3", "logLines", "3", "sleepSeconds", "1"));
        JobInstanceRecord four = InContainer.submitPackaged(submissions, "partitionedBatchlet",
                Map.of("partitions", "3", "logLines", "4", "sleepSeconds", "1"));
        String outsideAnyJob = "logged by the test thread " + UUID.randomUUID();
        LOG.info(outsideAnyJob);

        Map<Run, Integer> linesPerPartition = Map.of(ended(three), 3, ended(four), 4);
        for (Map.Entry<Run, Integer> ran : linesPerPartition.entrySet()) {
            Run run = ran.getKey();
            assertEquals(List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log", "step1/2/part.1.log"),
                    files.parts(run.directory()));
            String topLevel = run.read("part.1.log");
            assertEquals(List.of(), lines(topLevel, "step1 partition"), topLevel);
            assertFalse(topLevel.contains(outsideAnyJob), topLevel);
            for (int partition = 0; partition < 3; partition++) {
                String log = run.read("step1/" + partition + "/part.1.log");
                assertEquals(expected("step1 partition " + partition, ran.getValue()), lines(log, "step1 partition"),
                        log);
                assertFalse(log.contains(outsideAnyJob), log);
            }
        }
    }

    @Test
    void stepsOfSplitFlowsLogIntoTheirFlowsFilesAndTheFinalStepIntoTheTopLevelFile() throws IOException {
        Run run = ended(InContainer.submitPackaged(submissions, "splitFlow", Map.of("logLines", "2")));

        assertEquals(List.of("part.1.log", "split1/flow1/part.1.log", "split1/flow2/part.1.log"),
                files.parts(run.directory()));
        Map<String, String> stepOfPart = Map.of("part.1.log", "finalStep", "split1/flow1/part.1.log", "flow1step",
                "split1/flow2/part.1.log", "flow2step");
        for (Map.Entry<String, String> part : stepOfPart.entrySet()) {
            String log = run.read(part.getKey());
            for (String step : List.of("finalStep", "flow1step", "flow2step")) {
                assertEquals(step.equals(part.getValue()) ? expected(step, 2) : List.of(), lines(log, step + " line"),
                        part.getKey() + ":\n" + log);
            }
        }
    }
}
