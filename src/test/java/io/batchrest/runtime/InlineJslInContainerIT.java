package io.batchrest.runtime;

import io.batchrest.InContainer;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.service.JobSubmission;
import io.batchrest.service.JobSubmissionService;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inline JSL through the server's real JobOperator: the submission path serves the document from memory
 * ({@link JslClassLoader}) while the runtime reads it, the job runs with this product's listeners, and the document is
 * not served any more once the start has returned.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(InContainer.TAG)
@Tag(InContainer.REPOSITORY_SQL_TAG)
class InlineJslInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment(InlineJslInContainerIT.class, ContextLoaderProbe.class);
    }

    @Inject
    JobSubmissionService submissions;

    @Inject
    JobExecutionRepository executions;

    @Inject
    JobInstanceRepository instances;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private static String inlineJob(String jobId) {
        return "<job id=\"" + jobId + "\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"probe\"><batchlet ref=\"contextLoaderProbe\"/></step></job>";
    }

    private JobInstanceRecord submitInline(String jobId, Map<String, String> parameters) {
        return submissions.submit(new JobSubmission("batch-rest", null, null, null, parameters,
                Optional.of(JslDocument.parse(inlineJob(jobId), "jobXML"))), InContainer.SUBMITTER);
    }

    @Test
    void inlineJslStartsAndCompletesWithTheListenersAndIsNotServedAfterItsStart() {
        String run = UUID.randomUUID().toString();
        JobInstanceRecord instance = submitInline("inContainerInline", Map.of("run", run));

        assertEquals("inContainerInline", instance.jobName());
        assertTrue(instance.jobXmlName().startsWith(JobXmlName.INLINE_PREFIX), instance.jobXmlName());
        long executionId = InContainer.executionOf(executions, instance);
        InContainer.awaitCompleted(executionId);
        JobExecution execution = BatchRuntime.getJobOperator().getJobExecution(executionId);
        assertEquals("COMPLETED", execution.getExitStatus());
        assertEquals(List.of("probe PROBED"), executions.findById(executionId).orElseThrow().steps().stream()
                .map(step -> step.stepName() + " " + step.exitStatus()).toList());
        assertEquals(run, execution.getJobParameters().getProperty("run"));
        assertEquals(InstanceState.COMPLETED, instances.findById(instance.instanceId()).orElseThrow().instanceState());

        // The runtime read the JSL through the in-memory loader and ran the job with it as context class loader.
        JslClassLoader loader = assertInstanceOf(JslClassLoader.class, ContextLoaderProbe.LOADERS.get(executionId));
        assertNull(loader.getResource(JobXmlName.resourcePath(instance.jobXmlName())),
                "the inline JSL is not served once its start has returned");
        // Packaged JSL stays readable through the same loader (kept there, or the application's own file).
        assertNotNull(loader.getResource(JobXmlName.resourcePath("sleepyBatchlet")));

        // What the runtime stored is the client's JSL with this product's listeners added.
        String stored = new String(instances.jobXml(instance.instanceId()).orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(stored.contains("contextLoaderProbe"), stored);
        assertTrue(stored.contains(StepProgressListener.REF), stored);
    }

    @Test
    void concurrentInlineSubmissionsShareOneLoaderAndLeaveNothingInIt() throws Exception {
        InContainer.runOneJobAlone(submissions, executions);
        // Four submissions at once on threads of the server, as concurrent requests are.
        List<Future<JobInstanceRecord>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String jobId = "inContainerInline" + i;
            starts.add(executor.submit(() -> submitInline(jobId, Map.of())));
        }
        List<JobInstanceRecord> submitted = new ArrayList<>();
        for (Future<JobInstanceRecord> start : starts) {
            submitted.add(start.get(InContainer.JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(4, submitted.size());

        JslClassLoader shared = null;
        for (JobInstanceRecord instance : submitted) {
            long executionId = InContainer.executionOf(executions, instance);
            InContainer.awaitCompleted(executionId);
            JslClassLoader loader = assertInstanceOf(JslClassLoader.class, ContextLoaderProbe.LOADERS.get(executionId));
            if (shared != null) {
                assertSame(shared, loader);
            }
            shared = loader;
            assertNull(loader.getResource(JobXmlName.resourcePath(instance.jobXmlName())));
        }
        assertEquals(List.of("inContainerInline0", "inContainerInline1", "inContainerInline2", "inContainerInline3"),
                submitted.stream().map(JobInstanceRecord::jobName).toList());
        assertEquals(4, submitted.stream().map(JobInstanceRecord::jobXmlName).distinct().count());
    }
}
