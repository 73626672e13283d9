package io.batchrest.service;

import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.repository.StoredTextLimits.StoredText;
import io.batchrest.runtime.JslDocument;
import io.batchrest.service.Fakes.Gateway.Start;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static io.batchrest.service.Fakes.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Submission (docs/contract.md §4): every refusal comes before the batch runtime records anything. */
class JobSubmissionServiceTest {

    private static final long INSTANCE = 5;
    private static final long EXECUTION = 11;

    private final Fakes fakes = new Fakes();
    private final JobSubmissionService submissions = fakes.submissions();

    private static JobSubmission packaged(String application, String module, Map<String, String> parameters) {
        return new JobSubmission(application, module, null, "chunkCopy", parameters, Optional.empty());
    }

    private static JobSubmission inline(String jobId) {
        String xml = "<job id=\"" + jobId + "\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"s\"><batchlet ref=\"b\"/></step></job>";
        return new JobSubmission("batch-rest", null, null, null, parameters("items", "5"),
                Optional.of(new JslDocument(jobId, xml.getBytes(StandardCharsets.UTF_8))));
    }

    /** What the runtime records when it starts the job: the instance and its first execution. */
    private void runtimeWillRecord(JobInstanceRecord instance) {
        fakes.put(instance);
        fakes.addExecution(EXECUTION, instance.instanceId(), BatchStatus.STARTING, Map.of());
        fakes.gateway.startedExecutionId = EXECUTION;
    }

    @Test
    void aPackagedJobIsStartedWithTheRequestsParametersAndItsInstanceAnswered() {
        runtimeWillRecord(fakes.addInstance(INSTANCE, "submitter1", InstanceState.SUBMITTED));

        JobInstanceRecord instance = submissions.submit(packaged("batch-rest", null,
                parameters("items", "5", "failAt", "3")), SUBMITTER);

        assertEquals(List.of(new Start("chunkCopy", parameters("items", "5", "failAt", "3"))),
                fakes.gateway.packagedStarts);
        assertEquals(List.of(), fakes.gateway.inlineStarts);
        assertEquals(INSTANCE, instance.instanceId());
        assertEquals(1, instance.executionCount());
        assertEquals(List.of("chunkCopy"), fakes.metrics.submittedJobs);
    }

    @Test
    void inlineJslIsStartedAsSuchAndCountedUnderItsJobNameOnceTheRuntimeHasNamedIt() {
        Instant now = Instant.now();
        runtimeWillRecord(new JobInstanceRecord(INSTANCE, null, "batch-rest", "admin", BatchStatus.STARTING,
                "batchrest-inline-1", InstanceState.SUBMITTED, null, now, now, 0));

        submissions.submit(inline("inlineJob"), ADMIN);

        assertEquals(List.of(new Start("inlineJob", parameters("items", "5"))), fakes.gateway.inlineStarts);
        assertEquals(List.of(), fakes.gateway.packagedStarts);
        assertEquals(List.of("batchrest-inline-1"), fakes.metrics.submittedJobs, "the row has no job name yet");
    }

    @Test
    void aCallerWithoutTheSubmitterRoleIsRefused() {
        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to start batch jobs.",
                () -> submissions.submit(packaged("batch-rest", null, Map.of()), MONITOR));
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.",
                () -> submissions.submit(packaged("batch-rest", null, Map.of()), NOBODY));
        assertFalse(fakes.gateway.calledAtAll());
        assertEquals(List.of(), fakes.metrics.submittedJobs);
    }

    @Test
    void anApplicationThisServerDoesNotServeIsRefused() {
        Refusal refusal = assertRefused(Refusal.Kind.INVALID, "The application other is not served by this server; "
                + "jobs can be submitted to the application batch-rest.",
                () -> submissions.submit(packaged("other", null, Map.of()), SUBMITTER));
        assertEquals(List.of(new Refusal.InvalidParameter("applicationName", refusal.getMessage())),
                refusal.invalidParameters());

        assertRefused(Refusal.Kind.INVALID, "The application other is not served by this server; jobs can be "
                + "submitted to the application batch-rest.",
                () -> submissions.submit(packaged(null, "other.war", Map.of()), SUBMITTER));
        Refusal module = assertRefused(Refusal.Kind.INVALID, "The module other.war of application batch-rest is not "
                + "served by this server; its module is batch-rest.war.",
                () -> submissions.submit(packaged("batch-rest", "other.war", Map.of()), SUBMITTER));
        assertEquals("moduleName", module.invalidParameters().get(0).name());
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void aParameterTooLongForTheRepositoryIsRefused() {
        fakes.limits.sizes.put(StoredText.JOB_PARAMETER_VALUE, 3);

        Refusal refusal = assertRefused(Refusal.Kind.INVALID, "The value of job parameter items has 4 characters: the "
                + "job repository stores at most 3.",
                () -> submissions.submit(packaged("batch-rest", null, parameters("items", "1000")), SUBMITTER));
        assertEquals(List.of(new Refusal.InvalidParameter("jobParameters.items", refusal.getMessage())),
                refusal.invalidParameters());
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void aLongParameterNameIsQuotedShortened() {
        fakes.limits.sizes.put(StoredText.JOB_PARAMETER_NAME, 10);
        String name = "p".repeat(45);

        Refusal refusal = assertRefused(Refusal.Kind.INVALID, "The job parameter name " + "p".repeat(40) + "... has 45 "
                + "characters: the job repository stores at most 10.",
                () -> submissions.submit(packaged("batch-rest", null, Map.of(name, "v")), SUBMITTER));
        assertEquals("jobParameters", refusal.invalidParameters().get(0).name());
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void anInlineJobIdTooLongForTheRepositoryIsRefused() {
        fakes.limits.sizes.put(StoredText.JOB_NAME, 8);

        Refusal refusal = assertRefused(Refusal.Kind.INVALID, "The job id inlineJob of the jobXML has 9 characters: "
                + "the job repository stores at most 8.", () -> submissions.submit(inline("inlineJob"), SUBMITTER));
        assertEquals("jobXML", refusal.invalidParameters().get(0).name());
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void parametersWithinTheLimitsPass() {
        fakes.limits.sizes.put(StoredText.JOB_PARAMETER_NAME, 5);
        fakes.limits.sizes.put(StoredText.JOB_PARAMETER_VALUE, 4);
        runtimeWillRecord(fakes.addInstance(INSTANCE, "submitter1", InstanceState.SUBMITTED));

        submissions.submit(packaged("batch-rest", "batch-rest.war", parameters("items", "1000")), SUBMITTER);

        assertEquals(List.of(new Start("chunkCopy", parameters("items", "1000"))), fakes.gateway.packagedStarts);
    }
}
