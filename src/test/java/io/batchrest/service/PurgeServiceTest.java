package io.batchrest.service;

import io.batchrest.cluster.PeerUnreachableException;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobChange;
import io.batchrest.model.JobEventType;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.repository.JobInstancePurge.Outcome;
import io.batchrest.repository.RepositoryException;
import io.batchrest.service.PurgeResult.Status;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.OTHER_SUBMITTER;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Purge of one instance and of a search's page (docs/contract.md §7): authority first, then the active check, logs,
 * rows.
 */
class PurgeServiceTest {

    private static final long INSTANCE = 5;
    /** The warnings of failed purges are expected here; held, so that the level stays set. */
    private static final Logger QUIET = quiet(Logger.getLogger(PurgeService.class.getName()));

    private static final JobInstanceSearch EVERYTHING = JobInstanceSearch.everything(new PageRequest(0, 50));

    private final Fakes fakes = new Fakes();
    private final PurgeService purge = fakes.purgeService();

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.OFF);
        return logger;
    }

    private static String active(long instanceId) {
        return "The specified job instance, " + instanceId + ", cannot be purged because it has active job "
                + "executions.";
    }

    // ---- one instance

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED", "DISPATCHED"})
    void anActiveInstanceIsAConflictAndNothingIsDeleted(InstanceState state) {
        fakes.addInstance(INSTANCE, "submitter1", state);

        assertRefused(Refusal.Kind.CONFLICT, active(INSTANCE), () -> purge.purge(INSTANCE, false, SUBMITTER));
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(), fakes.purge.calls);
        assertEquals(List.of(), fakes.metrics.purges);
    }

    @Test
    void anUnknownInstanceIsNotFoundWithLibertysMessageId() {
        assertRefused(Refusal.Kind.NOT_FOUND, "CWWKY0151E: No job instance found for instance id 99.",
                () -> purge.purge(99, false, ADMIN));
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(), fakes.purge.calls);
    }

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"FAILED", "STOPPED", "COMPLETED", "ABANDONED"})
    void aFinishedInstanceLosesItsJobLogsAndThenItsRows(InstanceState state) {
        fakes.addInstance(INSTANCE, "submitter1", state);

        purge.purge(INSTANCE, false, SUBMITTER);

        assertEquals(List.of(INSTANCE), fakes.jobLogs.deletions);
        assertEquals(List.of(INSTANCE), fakes.purge.calls);
        assertEquals(List.of(false), fakes.metrics.purges);
        assertTrue(fakes.instances.findById(INSTANCE).isEmpty());
        assertEquals(List.of(JobEventType.PURGED), fakes.reportedChanges.stream().map(JobChange::type).toList());
        assertEquals(INSTANCE, fakes.reportedChanges.get(0).instanceId());
        assertEquals("submitter1", fakes.reportedChanges.get(0).submitter());
    }

    /**
     * Liberty's runtime writes the instance's final state a moment before the execution's end: until the latest
     * execution has ended, or for at most two minutes after the instance's last update, the instance counts as active.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 119})
    void aFinalInstanceWhoseLatestExecutionHasNotRecordedItsEndIsStillActive(int secondsAfterTheUpdate) {
        JobInstanceRecord instance = fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(11, INSTANCE, BatchStatus.STARTED, Map.of());
        purge.clock = Clock.fixed(instance.lastUpdatedTime().plusSeconds(secondsAfterTheUpdate), ZoneOffset.UTC);

        assertRefused(Refusal.Kind.CONFLICT, active(INSTANCE), () -> purge.purge(INSTANCE, false, SUBMITTER));
        assertEquals(List.of(Status.STILL_ACTIVE), purge.purgeMatching(EVERYTHING, false, ADMIN).stream()
                .map(PurgeResult::status).toList());
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(), fakes.purge.calls);
    }

    @Test
    void anExecutionStillUnfinishedTwoMinutesAfterItsInstanceEndedIsACrashAndDoesNotKeepIt() {
        JobInstanceRecord instance = fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(11, INSTANCE, BatchStatus.STARTED, Map.of());
        purge.clock = Clock.fixed(instance.lastUpdatedTime().plusSeconds(121), ZoneOffset.UTC);

        purge.purge(INSTANCE, false, SUBMITTER);

        assertEquals(List.of(INSTANCE), fakes.purge.calls);
    }

    @Test
    void aFinalInstanceWhoseLatestExecutionEndedIsPurgedRightAway() {
        JobInstanceRecord instance = fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(11, INSTANCE, BatchStatus.STARTED, Map.of());
        fakes.endExecution(11, BatchStatus.COMPLETED, "COMPLETED", instance.lastUpdatedTime());
        purge.clock = Clock.fixed(instance.lastUpdatedTime(), ZoneOffset.UTC);

        purge.purge(INSTANCE, false, SUBMITTER);

        assertEquals(List.of(INSTANCE), fakes.purge.calls);
    }

    @Test
    void purgingTheJobStoreOnlyLeavesTheJobLogs() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);

        purge.purge(INSTANCE, true, SUBMITTER);

        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(INSTANCE), fakes.purge.calls);
        assertEquals(List.of(true), fakes.metrics.purges);
    }

    @Test
    void jobLogsThatCannotAllBeDeletedLeaveTheRowsInPlace() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.jobLogs.failures.put(INSTANCE, new IOException("busy file"));

        assertRefused(Refusal.Kind.FAULT, "The job log files of job instance 5 could not all be deleted, so its "
                + "repository rows were left in place.", () -> purge.purge(INSTANCE, false, SUBMITTER));
        assertEquals(List.of(), fakes.purge.calls);
        assertEquals(List.of(), fakes.metrics.purges);
    }

    @Test
    void jobLogsOnAServerThatCannotBeReachedMakeThePurgeUnavailable() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        PeerUnreachableException unreachable = new PeerUnreachableException("https://server-2:9443/ibm/api/batch",
                new ConnectException("Connection refused"));
        fakes.jobLogs.failures.put(INSTANCE, unreachable);

        assertRefused(Refusal.Kind.UNAVAILABLE, "Job log files of job instance 5 are on the server at "
                + "https://server-2:9443/ibm/api/batch, which did not delete them: " + unreachable.getMessage()
                + " The instance was left in place; purge it again when that server is back.",
                () -> purge.purge(INSTANCE, false, SUBMITTER));
        assertEquals(List.of(), fakes.purge.calls);
    }

    @Test
    void theRepositoryHasTheLastWordOnActiveAndUnknownInstances() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.STOPPED);
        fakes.purge.outcomes.put(INSTANCE, Outcome.ACTIVE); // restarted between the check and the delete
        assertRefused(Refusal.Kind.CONFLICT, active(INSTANCE), () -> purge.purge(INSTANCE, true, SUBMITTER));

        fakes.purge.outcomes.put(INSTANCE, Outcome.NOT_FOUND); // purged by another request meanwhile
        assertRefused(Refusal.Kind.NOT_FOUND, "CWWKY0151E: No job instance found for instance id 5.",
                () -> purge.purge(INSTANCE, true, SUBMITTER));
        assertEquals(List.of(), fakes.metrics.purges);
    }

    @Test
    void onlyAnAdminOrTheSubmitterMayPurgeAnInstance() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);

        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter2 is not authorized to purge job instance 5.",
                () -> purge.purge(INSTANCE, false, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to purge job instance 5.",
                () -> purge.purge(INSTANCE, false, MONITOR));
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(), fakes.purge.calls);

        purge.purge(INSTANCE, false, ADMIN);
        assertEquals(List.of(INSTANCE), fakes.purge.calls);
    }

    // ---- a search's page

    @Test
    void aBulkPurgeAnswersOneResultPerInstanceInSearchOrder() {
        fakes.addInstance(7, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(3, "submitter1", InstanceState.DISPATCHED);
        fakes.addInstance(9, "submitter2", InstanceState.FAILED);
        fakes.addInstance(4, "submitter2", InstanceState.STOPPED);
        fakes.purge.outcomes.put(9L, Outcome.NOT_FOUND);
        fakes.purge.outcomes.put(4L, Outcome.ACTIVE);

        List<PurgeResult> results = purge.purgeMatching(EVERYTHING, false, ADMIN);

        assertEquals(List.of(
                new PurgeResult(7, Status.COMPLETED, "Successful purge.", ""),
                new PurgeResult(3, Status.STILL_ACTIVE, active(3), ""),
                new PurgeResult(9, Status.FAILED, "CWWKY0151E: No job instance found for instance id 9.", ""),
                new PurgeResult(4, Status.STILL_ACTIVE, active(4), "")), results);
        assertEquals(List.of(7L, 9L, 4L), fakes.jobLogs.deletions, "never the logs of an active instance");
        assertEquals(List.of(7L, 9L, 4L), fakes.purge.calls);
        assertEquals(List.of(List.of(7L, 9L, 4L)), fakes.purge.transactions, "one transaction, after every log");
        assertEquals(List.of(false), fakes.metrics.purges);
        assertEquals(List.of(Optional.empty()), fakes.instances.searchedOwners);
    }

    @Test
    void aBulkPurgeOfALargePageTakesAHundredInstancesToATransaction() {
        for (long instanceId = 1; instanceId <= 250; instanceId++) {
            fakes.addInstance(instanceId, "submitter1", InstanceState.COMPLETED);
        }

        List<PurgeResult> results = purge.purgeMatching(JobInstanceSearch.everything(new PageRequest(0, 250)), true,
                ADMIN);

        assertEquals(250, results.stream().filter(result -> result.status() == Status.COMPLETED).count());
        assertEquals(List.of(100, 100, 50), fakes.purge.transactions.stream().map(List::size).toList());
        assertEquals(1L, fakes.purge.transactions.get(0).get(0));
        assertEquals(250L, fakes.purge.transactions.get(2).get(49));
        assertEquals(List.of(), fakes.jobLogs.deletions, "the job store only");
    }

    @Test
    void aFailureOnOneInstanceDoesNotStopTheOthers() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(2, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(3, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(4, "submitter1", InstanceState.COMPLETED);
        fakes.jobLogs.failures.put(1L, new IOException("busy file"));
        fakes.jobLogs.failures.put(2L, new PeerUnreachableException("https://server-2:9443/ibm/api/batch", 502));
        fakes.purge.failures.put(3L, new RepositoryException("delete failed", new SQLException("lock", "40XL1")));

        List<PurgeResult> results = purge.purgeMatching(EVERYTHING, false, SUBMITTER);

        assertEquals(List.of(
                new PurgeResult(1, Status.FAILED, "The job log files of job instance 1 could not all be deleted, so "
                        + "its repository rows were left in place.", ""),
                new PurgeResult(2, Status.NOT_LOCAL, "Job log files of job instance 2 are on the server at "
                        + "https://server-2:9443/ibm/api/batch, which did not delete them: The server at "
                        + "https://server-2:9443/ibm/api/batch answered with HTTP status 502. The instance was left "
                        + "in place; purge it again when that server is back.", "https://server-2:9443/ibm/api/batch"),
                new PurgeResult(3, Status.JOBLOGS_ONLY, "The job log files of job instance 3 were deleted, but its "
                        + "repository rows could not be.", ""),
                new PurgeResult(4, Status.COMPLETED, "Successful purge.", "")), results);
        assertEquals(List.of(List.of(3L, 4L)), fakes.purge.transactions, "rows stay where the logs could not go");
        assertEquals(List.of(3L, 4L), fakes.purge.calls, "then one by one");
    }

    @Test
    void retentionPurgesTheRowsOfABatchInOneTransactionAfterEachInstancesLogs() {
        List<JobInstanceRecord> batch = List.of(fakes.addInstance(1, "submitter1", InstanceState.COMPLETED),
                fakes.addInstance(2, "submitter1", InstanceState.COMPLETED),
                fakes.addInstance(3, "submitter1", InstanceState.FAILED),
                fakes.addInstance(4, "submitter1", InstanceState.COMPLETED));
        fakes.jobLogs.failures.put(2L, new IOException("busy file"));
        fakes.purge.outcomes.put(4L, Outcome.ACTIVE); // restarted since retention selected it

        List<PurgeResult> results = purge.purgeExpired(batch);

        assertEquals(List.of(
                new PurgeResult(1, Status.COMPLETED, "Successful purge.", ""),
                new PurgeResult(2, Status.FAILED, "The job log files of job instance 2 could not all be deleted, so "
                        + "its repository rows were left in place.", ""),
                new PurgeResult(3, Status.COMPLETED, "Successful purge.", ""),
                new PurgeResult(4, Status.STILL_ACTIVE, active(4), "")), results);
        assertEquals(List.of(List.of(1L, 3L, 4L)), fakes.purge.transactions, "one transaction, without instance 2");
        assertEquals(List.of(1L, 2L, 3L, 4L), fakes.jobLogs.deletions);
    }

    @Test
    void aBatchWhoseTransactionFailsIsPurgedInstanceByInstance() {
        List<JobInstanceRecord> batch = List.of(fakes.addInstance(1, "submitter1", InstanceState.COMPLETED),
                fakes.addInstance(2, "submitter1", InstanceState.COMPLETED),
                fakes.addInstance(3, "submitter1", InstanceState.DISPATCHED));
        fakes.purge.failures.put(2L, new RepositoryException("delete failed", new SQLException("lock", "40XL1")));

        List<PurgeResult> results = purge.purgeExpired(batch);

        assertEquals(List.of(
                new PurgeResult(1, Status.COMPLETED, "Successful purge.", ""),
                new PurgeResult(2, Status.JOBLOGS_ONLY, "The job log files of job instance 2 were deleted, but its "
                        + "repository rows could not be.", ""),
                new PurgeResult(3, Status.STILL_ACTIVE, active(3), "")), results);
        assertEquals(List.of(List.of(1L, 2L)), fakes.purge.transactions);
        assertEquals(List.of(1L, 2L), fakes.purge.calls, "then one by one");
        assertEquals(List.of(1L, 2L, 1L, 2L), fakes.jobLogs.deletions, "the logs of each, then again one by one");
    }

    @Test
    void aBulkPurgeOfTheJobStoreOnlyLeavesTheLogsAndReportsRowsThatCouldNotGo() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(2, "submitter1", InstanceState.FAILED);
        fakes.purge.failures.put(1L, new RepositoryException("delete failed", new SQLException("lock", "40XL1")));

        List<PurgeResult> results = purge.purgeMatching(EVERYTHING, true, ADMIN);

        assertEquals(List.of(
                new PurgeResult(1, Status.FAILED, "The job repository rows of job instance 1 could not be deleted; "
                        + "the instance was left unchanged.", ""),
                new PurgeResult(2, Status.COMPLETED, "Successful purge.", "")), results);
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(true), fakes.metrics.purges);
    }

    @Test
    void aSubmittersBulkPurgeSeesOnlyTheirOwnInstances() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(2, "submitter2", InstanceState.COMPLETED);

        List<PurgeResult> results = purge.purgeMatching(EVERYTHING, false, SUBMITTER);

        assertEquals(List.of(PurgeResult.completed(1)), results);
        assertEquals(List.of(Optional.of("submitter1")), fakes.instances.searchedOwners);
        assertEquals(List.of(1L), fakes.purge.calls);
    }

    @Test
    void aUserWithoutABatchRoleIsRefusedThePurgeOfAnUnknownIdBeforeItsLookUp() {
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user has none of the roles batchAdmin, "
                + "batchSubmitter, batchMonitor.",
                () -> purge.purge(404, false, NOBODY));
        assertEquals(List.of(), fakes.purge.calls);
    }

    @Test
    void aMonitorIsRefusedABulkPurgeBeforeAnythingIsSearched() {
        fakes.addInstance(1, "monitor", InstanceState.COMPLETED);

        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to purge job instances.",
                () -> purge.purgeMatching(EVERYTHING, false, MONITOR));
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.",
                () -> purge.purgeMatching(EVERYTHING, false, NOBODY));
        assertEquals(List.of(), fakes.instances.searchedOwners);
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(), fakes.purge.calls);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBulkPurgeOfNoMatchesIsEmpty(boolean jobStoreOnly) {
        assertEquals(List.of(), purge.purgeMatching(EVERYTHING, jobStoreOnly, ADMIN));
    }
}
