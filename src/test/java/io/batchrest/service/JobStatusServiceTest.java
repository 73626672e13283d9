package io.batchrest.service;

import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.status.JobStatus;
import io.batchrest.status.JobStatus.Progress;
import io.batchrest.status.JobStatus.Status;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.OTHER_SUBMITTER;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static io.batchrest.service.Fakes.metrics;
import static io.batchrest.service.Fakes.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compact status of an instance (docs/contract.md §11): Liberty's states in the status vocabulary, the message,
 * the server of the latest execution, the progress over every execution, and who may read it.
 */
class JobStatusServiceTest {

    private static final long INSTANCE = 5;
    private static final long EXECUTION = 11;
    private static final long RESTART = 12;

    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2024-05-01T10:05:00Z");
    private static final Instant ENDED = Instant.parse("2024-05-01T10:04:59Z");

    /** Three steps: one at the top, two in the flows of a split. */
    private static final String THREE_STEPS = "<job id=\"chunkCopy\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
            + "version=\"2.0\"><step id=\"prepare\" next=\"both\"><batchlet ref=\"b\"/></step>"
            + "<split id=\"both\"><flow id=\"f1\"><step id=\"copy\"><batchlet ref=\"b\"/></step></flow>"
            + "<flow id=\"f2\"><step id=\"report\"><batchlet ref=\"b\"/></step></flow></split></job>";

    private final Fakes fakes = new Fakes();
    private final JobStatusService statuses = fakes.statuses();

    private void instance(InstanceState state, String submitter) {
        fakes.put(new JobInstanceRecord(INSTANCE, "chunkCopy", Fakes.APPLICATION, submitter, null, "chunkCopy", state,
                null, CREATED, UPDATED, 0));
    }

    private void jsl(String xml) {
        fakes.instances.jobXmls.put(INSTANCE, xml.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the whole status

    @Test
    void aSubmittedInstanceWithoutExecutionIsCreatedWithNothingRunYet() {
        instance(InstanceState.SUBMITTED, "submitter1");
        jsl(THREE_STEPS);

        assertEquals(new JobStatus(INSTANCE, Status.Created, "submitter1", "",
                "Job chunkCopy (instance 5) is SUBMITTED; it has no execution yet.", CREATED, UPDATED, null,
                new Progress(0, 3, 0, 0, 0, 0), ""), statuses.status(INSTANCE, SUBMITTER));
    }

    @Test
    void aSubmittedInstanceWithAnExecutionNotYetRunningIsQueued() {
        instance(InstanceState.SUBMITTED, "submitter1");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTING, parameters("items", "5"));

        JobStatus status = statuses.status(INSTANCE, SUBMITTER);

        assertEquals(Status.Queued, status.status());
        assertEquals("Job chunkCopy (instance 5) is SUBMITTED; its latest execution 11 has batch status STARTING.",
                status.statusMessage());
        assertEquals(Fakes.THIS_SERVER, status.workerId());
        assertEquals(null, status.completed());
    }

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"JMS_QUEUED", "JMS_CONSUMED"})
    void anInstanceWaitingInAQueueIsQueued(InstanceState state) {
        instance(state, "submitter1");

        assertEquals(Status.Queued, statuses.status(INSTANCE, ADMIN).status());
    }

    @Test
    void aRunningInstanceIsProcessingOnTheServerOfItsLatestExecutionWithItsParameters() {
        instance(InstanceState.DISPATCHED, "submitter1");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, parameters("items", "3"));
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.STARTED, parameters("items", "5", "failAt", "-1"),
                "server-2", "https://server-2:9443/ibm/api/batch");

        JobStatus status = statuses.status(INSTANCE, MONITOR);

        assertEquals(Status.Processing, status.status());
        assertEquals("server-2", status.workerId());
        assertEquals("Job chunkCopy (instance 5) is DISPATCHED; its latest execution 12 has batch status STARTED.",
                status.statusMessage());
        assertEquals("failAt=-1;items=5", status.parameters(), "the latest execution's, by name");
        assertEquals(null, status.completed(), "not final");
    }

    @Test
    void aCompletedInstanceIsCompletedWhenItsLatestExecutionEnded() {
        instance(InstanceState.COMPLETED, "submitter1");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        fakes.endExecution(EXECUTION, BatchStatus.COMPLETED, "COMPLETED", ENDED);

        JobStatus status = statuses.status(INSTANCE, ADMIN);

        assertEquals(Status.Completed, status.status());
        assertEquals(ENDED, status.completed());
        assertEquals("Job chunkCopy (instance 5) is COMPLETED; its latest execution 11 has batch status COMPLETED "
                + "and exit status COMPLETED.", status.statusMessage());
    }

    /** The runtime writes the instance's final state before the execution's end, and reads take no locks. */
    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"COMPLETED", "FAILED", "STOPPED", "ABANDONED"})
    void aFinalInstanceWhoseLatestExecutionHasNotEndedYetIsStillProcessing(InstanceState state) {
        instance(state, "submitter1");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());

        JobStatus status = statuses.status(INSTANCE, ADMIN);

        assertEquals(true, statuses.isFinal(INSTANCE), "the row alone: a waiting request then builds the status");
        assertEquals(Status.Processing, status.status());
        assertEquals(null, status.completed());
        assertEquals("Job chunkCopy (instance 5) is " + state + "; its latest execution 11 has batch status STARTED.",
                status.statusMessage());
    }

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"FAILED", "STOPPED", "ABANDONED"})
    void anInstanceThatEndedOtherwiseIsCompletedWithErrors(InstanceState state) {
        instance(state, "submitter1");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        fakes.endExecution(EXECUTION, BatchStatus.FAILED, "boom", ENDED);

        JobStatus status = statuses.status(INSTANCE, ADMIN);

        assertEquals(Status.CompletedWithErrors, status.status());
        assertEquals(ENDED, status.completed());
        assertEquals("Job chunkCopy (instance 5) is " + state + "; its latest execution 11 has batch status FAILED "
                + "and exit status boom.", status.statusMessage());
    }

    @Test
    void anInstanceStoppedBeforeItRanIsFinalWithoutACompletionTime() {
        instance(InstanceState.STOPPED, "submitter1");

        JobStatus status = statuses.status(INSTANCE, ADMIN);

        assertEquals(Status.CompletedWithErrors, status.status());
        assertEquals(null, status.completed());
        assertEquals("", status.workerId());
        assertEquals("Job chunkCopy (instance 5) is STOPPED; it has no execution yet.", status.statusMessage());
    }

    @Test
    void missingTextsAreEmptyRatherThanNull() {
        fakes.put(new JobInstanceRecord(INSTANCE, null, Fakes.APPLICATION, null, null, "batchrest-inline-1",
                InstanceState.SUBMITTED, null, CREATED, UPDATED, 0));
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTING, Map.of(), null, null);

        JobStatus status = statuses.status(INSTANCE, ADMIN);

        assertEquals("", status.identity());
        assertEquals("", status.workerId());
        assertEquals("", status.parameters());
        assertEquals("Job  (instance 5) is SUBMITTED; its latest execution 11 has batch status STARTING.",
                status.statusMessage());
    }

    // ---- progress

    @Test
    void progressCountsStepsCompletedInAnyExecutionOfTheStepsInTheJslAndTheItemsOfEveryRun() {
        instance(InstanceState.DISPATCHED, "submitter1");
        jsl(THREE_STEPS);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of());
        fakes.addStep(21, EXECUTION, "prepare", BatchStatus.COMPLETED, metrics(0, 0, 0, 0, 0, 0));
        fakes.addStep(22, EXECUTION, "copy", BatchStatus.FAILED, metrics(10, 6, 1, 1, 2, 0));
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.STARTED, Map.of());
        fakes.addStep(23, RESTART, "copy", BatchStatus.COMPLETED, metrics(20, 17, 2, 0, 0, 1));
        fakes.addStep(24, RESTART, "report", BatchStatus.STARTED, metrics(0, 0, 0, 0, 0, 0));

        assertEquals(new Progress(2, 3, 30, 23, 3, 4), statuses.status(INSTANCE, ADMIN).progress());
    }

    @Test
    void withoutStoredJslTheTotalIsTheStepsCompleted() {
        instance(InstanceState.COMPLETED, "submitter1");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of());
        fakes.addStep(21, EXECUTION, "prepare", BatchStatus.COMPLETED, metrics(0, 0, 0, 0, 0, 0));
        fakes.addStep(22, EXECUTION, "copy", BatchStatus.COMPLETED, metrics(4, 4, 0, 0, 0, 0));

        assertEquals(new Progress(2, 2, 4, 4, 0, 0), statuses.status(INSTANCE, ADMIN).progress());
    }

    @Test
    void jslThatCannotBeParsedCountsNoSteps() {
        instance(InstanceState.DISPATCHED, "submitter1");
        jsl("not xml");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        fakes.addStep(21, EXECUTION, "prepare", BatchStatus.COMPLETED, metrics(0, 0, 0, 0, 0, 0));

        assertEquals(new Progress(1, 1, 0, 0, 0, 0), statuses.status(INSTANCE, ADMIN).progress());
    }

    // ---- who may read it, unknown instances

    @Test
    void onlyCallersWhoMayReadTheInstanceGetItsStatus() {
        instance(InstanceState.DISPATCHED, "submitter1");

        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter2 is not authorized to read job instance 5.",
                () -> statuses.status(INSTANCE, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.",
                () -> statuses.status(INSTANCE, NOBODY));
        assertEquals(Status.Processing, statuses.statusOf(INSTANCE).status(), "without a caller: checked before");
    }

    @Test
    void anUnknownInstanceHasNoStatus() {
        String message = "CWWKY0151E: No job instance found for instance id 404.";
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> statuses.status(404, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> statuses.statusOf(404));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> statuses.isFinal(404));
    }

    @ParameterizedTest
    @EnumSource(InstanceState.class)
    void anInstanceWhoseExecutionEndedIsFinalExactlyWhenItsStatusIs(InstanceState state) {
        instance(state, "submitter1");
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        boolean expected = switch (state) {
            case COMPLETED, FAILED, STOPPED, ABANDONED -> true;
            case SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED -> false;
        };
        if (expected) {
            fakes.endExecution(EXECUTION, BatchStatus.COMPLETED, "COMPLETED", ENDED);
        }

        assertEquals(expected, statuses.isFinal(INSTANCE));
        assertEquals(expected, statuses.statusOf(INSTANCE).status().isFinal());
    }
}
