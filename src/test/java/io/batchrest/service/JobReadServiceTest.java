package io.batchrest.service;

import io.batchrest.model.InstanceCount;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.model.StepExecutionRecord;
import io.batchrest.query.GroupKey;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.JobInstanceStatsQuery;
import io.batchrest.query.PageRequest;
import io.batchrest.repository.Totals;
import io.batchrest.security.CallerScope;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.OTHER_SUBMITTER;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static io.batchrest.service.Fakes.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads of instances, executions and steps (docs/contract.md §9): admins and monitors read everything, a submitter
 * only their own instances (another's is 403, and lists leave it out), a user without a batch role nothing; an
 * unknown id is 404 with a message naming it (docs/contract.md §0).
 */
class JobReadServiceTest {

    private static final long INSTANCE = 5;
    private static final long EXECUTION = 11;
    private static final long RESTART = 12;
    private static final long STEP = 21;

    private static final String NO_ROLE = "User nobody is not authorized to perform batch operations: the user has "
            + "none of the roles batchAdmin, batchSubmitter, batchMonitor.";
    private static final String OTHER_MAY_NOT_READ = "User submitter2 is not authorized to read job instance 5.";

    private final Fakes fakes = new Fakes();
    private final JobReadService reads = fakes.reads();

    /** Instance 5 of submitter1 with two executions, the second (12) restarted; one step in the first. */
    @BeforeEach
    void repository() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of());
        fakes.addStep(STEP, EXECUTION, "copy", BatchStatus.FAILED, metrics(10, 8, 0, 0, 0, 0));
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.STARTED, Map.of());
    }

    // ---- single reads: who may read

    @Test
    void adminMonitorAndTheSubmitterReadTheInstanceItsExecutionsAndSteps() {
        for (CallerScope caller : List.of(ADMIN, MONITOR, SUBMITTER)) {
            assertEquals(INSTANCE, reads.instance(INSTANCE, caller).instanceId(), caller.user());
            assertEquals(List.of(RESTART, EXECUTION), executionIds(reads.executionsOf(INSTANCE, caller)),
                    "most recent first");
            assertEquals(EXECUTION, reads.executionOf(INSTANCE, 1, caller).executionId());
            assertEquals(RESTART, reads.executionOf(INSTANCE, 2, caller).executionId());
            assertEquals(RESTART, reads.execution(RESTART, caller).executionId());
            assertEquals(INSTANCE, reads.instanceOfExecution(EXECUTION, caller).instanceId());
            assertEquals(List.of(STEP), stepIds(reads.stepsOf(EXECUTION, caller)));
            assertEquals(List.of(), reads.stepsOf(RESTART, caller));
            assertEquals(STEP, reads.stepOf(EXECUTION, "copy", caller).stepExecutionId());
            assertEquals(STEP, reads.stepOf(INSTANCE, 1, "copy", caller).stepExecutionId());
            StepExecutionRecord step = reads.step(STEP, caller);
            assertEquals("copy", step.stepName());
            assertEquals(10, step.metrics().read());
        }
    }

    @Test
    void anotherSubmitterIsRefusedEveryReadOfTheInstanceNamingTheInstance() {
        for (Executable read : everyRead(OTHER_SUBMITTER)) {
            assertRefused(Refusal.Kind.FORBIDDEN, OTHER_MAY_NOT_READ, read);
        }
    }

    @Test
    void aUserWithoutABatchRoleIsRefusedEveryReadBeforeAnyLookup() {
        for (Executable read : everyRead(NOBODY)) {
            assertRefused(Refusal.Kind.FORBIDDEN, NO_ROLE, read);
        }
        assertRefused(Refusal.Kind.FORBIDDEN, NO_ROLE, () -> reads.instance(404, NOBODY));
        assertRefused(Refusal.Kind.FORBIDDEN, NO_ROLE, () -> reads.execution(404, NOBODY));
        assertRefused(Refusal.Kind.FORBIDDEN, NO_ROLE, () -> reads.step(404, NOBODY));
    }

    @Test
    void aSubmitterAlsoHoldingMonitorReadsOthersInstances() {
        CallerScope submittingMonitor = new CallerScope("submitter2", false, true, true);

        assertEquals(INSTANCE, reads.instance(INSTANCE, submittingMonitor).instanceId());
        assertEquals(STEP, reads.step(STEP, submittingMonitor).stepExecutionId());
    }

    // ---- not found

    @Test
    void anUnknownInstanceIsNotFoundInLibertysWords() {
        String message = "CWWKY0151E: No job instance found for instance id 404.";
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.instance(404, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.executionsOf(404, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.executionOf(404, 1, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.stepOf(404, 1, "copy", ADMIN));
    }

    @Test
    void anUnknownExecutionIsNotFound() {
        String message = "No job execution found for execution id 404.";
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.execution(404, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.instanceOfExecution(404, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.stepsOf(404, SUBMITTER));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.stepOf(404, "copy", MONITOR));
    }

    @Test
    void anUnknownSequenceNumberIsNotFoundNamingItAndTheInstance() {
        String message = "No job execution found with sequence number 3 for job instance id 5.";
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.executionOf(INSTANCE, 3, SUBMITTER));
        assertRefused(Refusal.Kind.NOT_FOUND, message, () -> reads.stepOf(INSTANCE, 3, "copy", ADMIN));
    }

    @Test
    void anUnknownStepIsNotFound() {
        assertRefused(Refusal.Kind.NOT_FOUND, "No step execution found for step execution id 404.",
                () -> reads.step(404, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, "No step execution named other found for job execution id 11.",
                () -> reads.stepOf(EXECUTION, "other", ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, "No step execution named copy found for job execution id 12.",
                () -> reads.stepOf(INSTANCE, 2, "copy", SUBMITTER));
    }

    @Test
    void anotherSubmitterLearnsOfAnUnknownStepNameOnlyAfterTheReadIsAllowed() {
        assertRefused(Refusal.Kind.FORBIDDEN, OTHER_MAY_NOT_READ,
                () -> reads.stepOf(EXECUTION, "other", OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, OTHER_MAY_NOT_READ,
                () -> reads.executionOf(INSTANCE, 3, OTHER_SUBMITTER));
    }

    // ---- lists and counts: scoped in the query

    @Test
    void adminAndMonitorSearchEveryInstanceASubmitterOnlyTheirOwn() {
        fakes.addInstance(6, "submitter2", InstanceState.COMPLETED);
        fakes.addInstance(7, "submitter1", InstanceState.FAILED);
        JobInstanceSearch search = JobInstanceSearch.everything(new PageRequest(0, 50));

        assertEquals(List.of(5L, 6L, 7L), instanceIds(reads.searchInstances(search, true, ADMIN).items()));
        assertEquals(List.of(5L, 6L, 7L), instanceIds(reads.searchInstances(search, true, MONITOR).items()));
        assertEquals(List.of(5L, 7L), instanceIds(reads.searchInstances(search, true, SUBMITTER).items()));
        assertEquals(List.of(6L), instanceIds(reads.searchInstances(search, true, OTHER_SUBMITTER).items()));
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.of("submitter1"),
                Optional.of("submitter2")), fakes.instances.searchedOwners);
    }

    @Test
    void aSearchPageCarriesTheRequestAndTheRepositorysTotal() {
        fakes.addInstance(6, "submitter2", InstanceState.COMPLETED);
        PageRequest request = new PageRequest(0, 50);

        Page<JobInstanceRecord> page = reads.searchInstances(JobInstanceSearch.everything(request), false, SUBMITTER);

        assertEquals(request, page.request());
        assertEquals(1, page.total());
        assertEquals(true, page.totalExact());
        assertEquals(false, page.hasNext());
        assertEquals(Optional.empty(), page.next());
    }

    @Test
    void anExactTotalIsAskedOnlyWhenTheClientWantsIt() {
        JobInstanceSearch search = JobInstanceSearch.everything(new PageRequest(0, 50));

        reads.searchInstances(search, true, ADMIN);
        reads.searchInstances(search, false, ADMIN);

        assertEquals(List.of(Totals.EXACT, Totals.UP_TO_LIMIT), fakes.instances.searchedTotals);
    }

    @Test
    void aUserWithoutABatchRoleCannotSearchOrCount() {
        JobInstanceSearch search = JobInstanceSearch.everything(new PageRequest(0, 50));

        assertRefused(Refusal.Kind.FORBIDDEN, NO_ROLE, () -> reads.searchInstances(search, true, NOBODY));
        assertRefused(Refusal.Kind.FORBIDDEN, NO_ROLE, () -> reads.countInstances(byJobName(search), NOBODY));
        assertEquals(List.of(), fakes.instances.searchedOwners);
        assertEquals(List.of(), fakes.instances.countedOwners);
    }

    @Test
    void countsAreScopedLikeTheSearch() {
        fakes.addInstance(6, "submitter2", InstanceState.COMPLETED);
        fakes.addInstance(7, "submitter1", InstanceState.FAILED);
        JobInstanceStatsQuery query = byJobName(JobInstanceSearch.everything(new PageRequest(0, 50)));

        assertEquals(List.of(new InstanceCount(null, null, null, "chunkCopy", 3)), reads.countInstances(query, ADMIN));
        assertEquals(List.of(new InstanceCount(null, null, null, "chunkCopy", 3)),
                reads.countInstances(query, MONITOR));
        assertEquals(List.of(new InstanceCount(null, null, null, "chunkCopy", 2)),
                reads.countInstances(query, SUBMITTER));
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.of("submitter1")),
                fakes.instances.countedOwners);
    }

    // ---- the reads and the records they answer

    private List<Executable> everyRead(CallerScope caller) {
        return List.of(() -> reads.instance(INSTANCE, caller),
                () -> reads.executionsOf(INSTANCE, caller),
                () -> reads.executionOf(INSTANCE, 1, caller),
                () -> reads.execution(EXECUTION, caller),
                () -> reads.instanceOfExecution(EXECUTION, caller),
                () -> reads.stepsOf(EXECUTION, caller),
                () -> reads.stepOf(EXECUTION, "copy", caller),
                () -> reads.stepOf(INSTANCE, 1, "copy", caller),
                () -> reads.step(STEP, caller));
    }

    private static JobInstanceStatsQuery byJobName(JobInstanceSearch filters) {
        return new JobInstanceStatsQuery(List.of(GroupKey.JOB_NAME), filters);
    }

    private static List<Long> instanceIds(List<JobInstanceRecord> instances) {
        return instances.stream().map(JobInstanceRecord::instanceId).toList();
    }

    private static List<Long> executionIds(List<JobExecutionRecord> executions) {
        return executions.stream().map(JobExecutionRecord::executionId).toList();
    }

    private static List<Long> stepIds(List<StepExecutionRecord> steps) {
        return steps.stream().map(StepExecutionRecord::stepExecutionId).toList();
    }
}
