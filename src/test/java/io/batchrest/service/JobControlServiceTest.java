package io.batchrest.service;

import io.batchrest.cluster.Elsewhere;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.repository.StoredTextLimits.StoredText;
import io.batchrest.service.Fakes.Gateway.Restart;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.OTHER_SUBMITTER;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static io.batchrest.service.Fakes.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stop and restart (docs/contract.md §4): state checks, Liberty's messages, authority, and what reaches the batch
 * runtime.
 */
class JobControlServiceTest {

    private static final long INSTANCE = 5;
    private static final long EXECUTION = 11;

    private final Fakes fakes = new Fakes();
    private final JobControlService control = fakes.control();

    // ---- stop

    @Test
    void stoppingASubmittedInstanceWithoutExecutionMarksItStopped() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.SUBMITTED);

        JobControlService.StopResult result = here(control.stopInstance(INSTANCE, SUBMITTER));

        assertEquals(Optional.empty(), result.execution());
        assertEquals(InstanceState.STOPPED, result.instance().instanceState());
        assertEquals(List.of(INSTANCE), fakes.instances.markStoppedCalls);
        assertFalse(fakes.gateway.calledAtAll());
    }

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, mode = EnumSource.Mode.EXCLUDE, names = "SUBMITTED")
    void stoppingAnInstanceWithoutExecutionInAnyOtherStateIsAConflict(InstanceState state) {
        fakes.addInstance(INSTANCE, "submitter1", state);

        assertRefused(Refusal.Kind.CONFLICT, "The job instance id 5 has no job execution that is currently running.",
                () -> control.stopInstance(INSTANCE, SUBMITTER));
        assertEquals(List.of(), fakes.instances.markStoppedCalls);
        assertEquals(state, fakes.lookup().instance(INSTANCE).instanceState());
    }

    @Test
    void aSubmittedInstanceThatGetsAnExecutionMeanwhileIsNotMarkedStopped() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.SUBMITTED);
        fakes.instances.executionArrivesBeforeMarking = true;

        assertRefused(Refusal.Kind.CONFLICT, "The job instance id 5 has no job execution that is currently running.",
                () -> control.stopInstance(INSTANCE, SUBMITTER));
        assertEquals(List.of(INSTANCE), fakes.instances.markStoppedCalls);
        assertEquals(InstanceState.SUBMITTED, fakes.lookup().instance(INSTANCE).instanceState());
    }

    @ParameterizedTest
    @EnumSource(value = BatchStatus.class, names = {"COMPLETED", "FAILED", "STOPPED", "STOPPING", "ABANDONED"})
    void stoppingAnExecutionThatIsNotRunningIsAConflictInLibertysWords(BatchStatus status) {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, status, Map.of());

        assertRefused(Refusal.Kind.CONFLICT, "The most recent job execution id 11 associated with job instance id 5 "
                + "is not currently running.", () -> control.stopInstance(INSTANCE, SUBMITTER));
        assertRefused(Refusal.Kind.CONFLICT, "The job execution id 11 is not currently running.",
                () -> control.stopExecution(EXECUTION, SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @ParameterizedTest
    @EnumSource(value = BatchStatus.class, names = {"STARTING", "STARTED"})
    void stoppingTheRunningExecutionOfAnInstanceAsksTheRuntime(BatchStatus status) {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(10, INSTANCE, BatchStatus.FAILED, Map.of());
        fakes.addExecution(EXECUTION, INSTANCE, status, Map.of());

        JobControlService.StopResult result = here(control.stopInstance(INSTANCE, SUBMITTER));

        assertEquals(List.of(EXECUTION), fakes.gateway.stops);
        assertEquals(EXECUTION, result.execution().orElseThrow().executionId());
        assertEquals(BatchStatus.STOPPING, result.execution().orElseThrow().batchStatus(), "read after the stop");
        assertEquals(INSTANCE, result.instance().instanceId());
    }

    @Test
    void stoppingARunningExecutionAsksTheRuntimeAndAnswersTheExecutionAsItIsAfterwards() {
        fakes.addInstance(INSTANCE, "submitter2", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());

        JobExecutionRecord stopped = here(control.stopExecution(EXECUTION, ADMIN));

        assertEquals(List.of(EXECUTION), fakes.gateway.stops);
        assertEquals(BatchStatus.STOPPING, stopped.batchStatus());
    }

    @Test
    void anExecutionThatEndsBeforeTheRuntimeStopsItIsTheSameConflict() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        fakes.gateway.stopRefusal = Refusal.conflict("The job execution id 11 is not currently running.");

        assertRefused(Refusal.Kind.CONFLICT, "The most recent job execution id 11 associated with job instance id 5 "
                + "is not currently running.", () -> control.stopInstance(INSTANCE, SUBMITTER));
        assertRefused(Refusal.Kind.CONFLICT, "The job execution id 11 is not currently running.",
                () -> control.stopExecution(EXECUTION, SUBMITTER));
        assertEquals(List.of(EXECUTION, EXECUTION), fakes.gateway.stops);
    }

    @Test
    void otherRefusalsOfTheRuntimeReachTheCallerUnchanged() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        Refusal runtimeSecurity = Refusal.forbidden("CWWKY0200E: not authorized by the batch runtime");
        fakes.gateway.stopRefusal = runtimeSecurity;

        assertSame(runtimeSecurity, assertThrows(Refusal.class, () -> control.stopInstance(INSTANCE, SUBMITTER)));
        assertSame(runtimeSecurity, assertThrows(Refusal.class, () -> control.stopExecution(EXECUTION, SUBMITTER)));
    }

    @Test
    void anExecutionRunningOnAnotherServerIsStoppedThere() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of(), "server-2",
                "https://server-2:9443/ibm/api/batch");

        Elsewhere server = new Elsewhere("https://server-2:9443/ibm/api/batch/", "Job execution " + EXECUTION);
        assertEquals(Answer.at(server), control.stopExecution(EXECUTION, SUBMITTER));
        assertEquals(Answer.at(server), control.stopInstance(INSTANCE, SUBMITTER));
        assertEquals("Job execution " + EXECUTION + " belongs to the server at https://server-2:9443/ibm/api/batch/",
                server.description());
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void unknownIdsAreNotFound() {
        assertRefused(Refusal.Kind.NOT_FOUND, "CWWKY0151E: No job instance found for instance id 99.",
                () -> control.stopInstance(99, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, "No job execution found for execution id 99.",
                () -> control.stopExecution(99, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, "CWWKY0151E: No job instance found for instance id 99.",
                () -> control.restartInstance(99, Map.of(), false, ADMIN));
    }

    // ---- authority

    @Test
    void aSubmitterCannotActOnAnotherSubmittersInstance() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.FAILED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of());

        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter2 is not authorized to stop job instance 5.",
                () -> control.stopInstance(INSTANCE, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter2 is not authorized to stop job instance 5.",
                () -> control.stopExecution(EXECUTION, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter2 is not authorized to restart job instance 5.",
                () -> control.restartInstance(INSTANCE, Map.of(), true, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter2 is not authorized to restart job instance 5.",
                () -> control.restartExecution(EXECUTION, Map.of(), true, OTHER_SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void aMonitorCannotActAtAll() {
        fakes.addInstance(INSTANCE, "monitor", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());

        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to stop job instance 5.",
                () -> control.stopInstance(INSTANCE, MONITOR));
        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to restart job instance 5.",
                () -> control.restartInstance(INSTANCE, Map.of(), false, MONITOR));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void anAdminActsOnAnyonesInstance() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.STOPPED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STOPPED, Map.of());

        control.restartInstance(INSTANCE, Map.of(), false, ADMIN);

        assertEquals(List.of(new Restart(EXECUTION, INSTANCE, Map.of())), fakes.gateway.restarts);
    }

    // ---- restart

    @Test
    void aCompletedInstanceCannotBeRestarted() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of());

        String complete = "The most recent job execution 11 for job instance 5 cannot be restarted because it is "
                + "already complete.";
        assertRefused(Refusal.Kind.CONFLICT, complete, () -> control.restartInstance(INSTANCE, Map.of(), true,
                SUBMITTER));
        assertRefused(Refusal.Kind.CONFLICT, complete, () -> control.restartExecution(EXECUTION, Map.of(), true,
                SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void anInstanceRecordedCompleteCannotBeRestartedWhateverItsLastExecutionSays() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of());

        assertRefused(Refusal.Kind.CONFLICT, "The most recent job execution 11 for job instance 5 cannot be "
                + "restarted because it is already complete.",
                () -> control.restartInstance(INSTANCE, Map.of(), false, SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @ParameterizedTest
    @EnumSource(value = BatchStatus.class, names = {"STARTING", "STARTED", "STOPPING", "ABANDONED"})
    void anInstanceWhoseLastExecutionIsNotStoppedOrFailedCannotBeRestarted(BatchStatus status) {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, status, Map.of());

        assertRefused(Refusal.Kind.CONFLICT, "The job 5 cannot be restarted.",
                () -> control.restartInstance(INSTANCE, Map.of(), false, SUBMITTER));
        assertRefused(Refusal.Kind.CONFLICT, "The job 5 cannot be restarted.",
                () -> control.restartExecution(EXECUTION, Map.of(), false, SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void anInstanceWithoutExecutionCannotBeRestarted() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.STOPPED);

        assertRefused(Refusal.Kind.CONFLICT, "The job 5 cannot be restarted.",
                () -> control.restartInstance(INSTANCE, Map.of(), false, SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @ParameterizedTest
    @EnumSource(value = BatchStatus.class, names = {"FAILED", "STOPPED"})
    void reusingPreviousParametersMergesTheRequestsOverThoseOfTheLastExecution(BatchStatus status) {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.valueOf(status.name()));
        fakes.addExecution(10, INSTANCE, BatchStatus.FAILED, parameters("first", "only in the first execution"));
        fakes.addExecution(EXECUTION, INSTANCE, status, parameters("items", "5", "failAt", "3"));

        JobInstanceRecord restarted = control.restartInstance(INSTANCE, parameters("failAt", "-1", "extra", "x"),
                true, SUBMITTER);

        assertEquals(List.of(new Restart(EXECUTION, INSTANCE, parameters("items", "5", "failAt", "-1", "extra", "x"))),
                fakes.gateway.restarts);
        assertEquals(3, restarted.executionCount(), "the instance as it is after the restart");
    }

    @Test
    void withoutReuseOnlyTheRequestsParametersAreGiven() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.FAILED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, parameters("items", "5", "failAt", "3"));

        control.restartExecution(EXECUTION, parameters("items", "7"), false, SUBMITTER);

        assertEquals(List.of(new Restart(EXECUTION, INSTANCE, parameters("items", "7"))), fakes.gateway.restarts);
    }

    @Test
    void onlyTheMostRecentExecutionCanBeRestarted() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.FAILED);
        fakes.addExecution(10, INSTANCE, BatchStatus.FAILED, Map.of());
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of());

        assertRefused(Refusal.Kind.INVALID, "The job execution 10 is not the most recent execution of job instance 5; "
                + "the most recent is 11.", () -> control.restartExecution(10, Map.of(), false, SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void aParameterValueTooLongForTheRepositoryIsRefusedBeforeTheRuntimeIsCalled() {
        fakes.limits.sizes.put(StoredText.JOB_PARAMETER_VALUE, 8);
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.FAILED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, parameters("items", "5"));

        Refusal refusal = assertRefused(Refusal.Kind.INVALID, "The value of job parameter items has 9 characters: "
                + "the job repository stores at most 8.",
                () -> control.restartInstance(INSTANCE, parameters("items", "123456789"), true, SUBMITTER));
        assertEquals(List.of(new Refusal.InvalidParameter("jobParameters.items", refusal.getMessage())),
                refusal.invalidParameters());
        assertFalse(fakes.gateway.calledAtAll());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aParameterNameTooLongForTheRepositoryIsRefusedWhenItWouldBeGiven(boolean reuse) {
        fakes.limits.sizes.put(StoredText.JOB_PARAMETER_NAME, 4);
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.STOPPED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STOPPED, parameters("count", "5"));

        if (reuse) {
            Refusal refusal = assertRefused(Refusal.Kind.INVALID, "The job parameter name count has 5 characters: "
                    + "the job repository stores at most 4.",
                    () -> control.restartInstance(INSTANCE, Map.of(), true, SUBMITTER));
            assertEquals("jobParameters", refusal.invalidParameters().get(0).name());
            assertFalse(fakes.gateway.calledAtAll());
        } else {
            control.restartInstance(INSTANCE, parameters("n", "5"), false, SUBMITTER);
            assertEquals(List.of(new Restart(EXECUTION, INSTANCE, parameters("n", "5"))), fakes.gateway.restarts);
        }
    }

    /** The result of an answer given here; an answer of another server fails the test. */
    /** A user without a batch role learns nothing about ids: the refusal comes before the look-up. */
    @Test
    void aUserWithoutABatchRoleIsRefusedEvenForAnUnknownId() {
        String noRole = "User nobody is not authorized to perform batch operations: the user has none of the roles batchAdmin, "
                + "batchSubmitter, batchMonitor.";
        assertRefused(Refusal.Kind.FORBIDDEN, noRole, () -> control.stopInstance(404, NOBODY));
        assertRefused(Refusal.Kind.FORBIDDEN, noRole, () -> control.stopExecution(404, NOBODY));
        assertRefused(Refusal.Kind.FORBIDDEN, noRole, () -> control.restartInstance(404, Map.of(), false, NOBODY));
        assertRefused(Refusal.Kind.FORBIDDEN, noRole, () -> control.restartExecution(404, Map.of(), false, NOBODY));
    }

    private static <T> T here(Answer<T> answer) {
        return answer.fold(value -> value, elsewhere -> fail("answered by " + elsewhere.restUrl()));
    }
}
