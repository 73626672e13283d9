package io.batchrest.service;

import io.batchrest.cluster.PeerUnreachableException;
import io.batchrest.model.InstanceState;
import io.batchrest.model.PurgeTaskRecord;
import io.batchrest.model.PurgeTaskState;
import io.batchrest.model.Refusal;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.service.PurgeResult.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.NOW;
import static io.batchrest.service.Fakes.OTHER_SUBMITTER;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.THIS_SERVER;
import static io.batchrest.service.Fakes.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asynchronous bulk purges (docs/contract.md §7): the matches are fixed when the task is created, purged in the
 * background batch by batch as a bulk purge purges them, counted, cancellable, and resumed after a restart of the
 * server that ran them. The store and the executor are the in-memory fakes; the background runs when the test says.
 */
class PurgeTasksTest {

    private static final Logger QUIET = quiet(Logger.getLogger(PurgeTasks.class.getName()));
    private static final JobInstanceSearch EVERYTHING = JobInstanceSearch.everything(new PageRequest(0, 50));
    private static final String SEARCH = "v4/jobinstances?jobName=chunkCopy";
    private static final PageRequest ALL = new PageRequest(0, 1000);

    private final Fakes fakes = new Fakes();
    private final PurgeTasks tasks = fakes.purgeTasks();

    PurgeTasksTest() {
        tasks.batchSize = 2;
        tasks.retryDelayMillis = 0;
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.OFF);
        return logger;
    }

    // ---- start and run

    @Test
    void aTaskFixesEveryMatchWhenCreatedAndPurgesThemInTheBackground() {
        for (long id = 1; id <= 5; id++) {
            fakes.addInstance(id, "submitter1", InstanceState.COMPLETED);
        }
        fakes.addInstance(6, "admin", InstanceState.DISPATCHED);

        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, false, ADMIN);

        assertEquals(PurgeTaskState.RUNNING, created.state());
        assertEquals(List.of(6, 0, 0, 6), counts(created));
        assertEquals("admin", created.submitter());
        assertEquals(THIS_SERVER, created.serverId());
        assertEquals(SEARCH, created.search());
        assertEquals(NOW, created.createTime());
        assertNull(created.endTime());
        assertEquals(List.of(), fakes.purge.calls, "nothing is purged before the background runs");
        fakes.addInstance(7, "admin", InstanceState.COMPLETED); // created later: not the task's

        fakes.background.runAll();

        PurgeTaskReport report = tasks.read(created.taskId(), ALL, ADMIN);
        assertEquals(PurgeTaskState.COMPLETED, report.task().state());
        assertEquals(List.of(6, 5, 1, 0), counts(report.task()));
        assertEquals(NOW, report.task().endTime());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), fakes.purge.calls);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), fakes.jobLogs.deletions);
        assertEquals(List.of(Status.COMPLETED, Status.COMPLETED, Status.COMPLETED, Status.COMPLETED,
                Status.COMPLETED, Status.STILL_ACTIVE), report.results().items().stream().map(PurgeResult::status)
                .toList());
        assertEquals(new PurgeResult(6, Status.STILL_ACTIVE, "The specified job instance, 6, cannot be purged because "
                + "it has active job executions.", ""), report.results().items().get(5));
        assertTrue(fakes.instances.findById(7).isPresent());
    }

    @Test
    void purgeJobStoreOnlyKeepsTheLogsAndASubmittersTaskSelectsTheirOwnInstances() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(2, "submitter2", InstanceState.COMPLETED);
        fakes.addInstance(3, "submitter1", InstanceState.FAILED);

        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, true, SUBMITTER);
        fakes.background.runAll();

        assertEquals(List.of(2, 2, 0, 0), counts(tasks.read(created.taskId(), ALL, SUBMITTER).task()));
        assertEquals(List.of(1L, 3L), fakes.purge.calls);
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertTrue(fakes.instances.findById(2).isPresent());
        assertEquals(List.of(true, true), fakes.metrics.purges);
    }

    @Test
    void aMonitorOrAUserWithoutBatchRoleCannotStartATask() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);

        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to purge job instances.",
                () -> tasks.start(EVERYTHING, SEARCH, false, MONITOR));
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.",
                () -> tasks.start(EVERYTHING, SEARCH, false, NOBODY));
        assertEquals(List.of(), fakes.purge.calls);
        assertTrue(fakes.purgeTasks.tasks.isEmpty());
    }

    @Test
    void anInstanceGoneMeanwhileFailsAndOneWhoseLogServerDoesNotAnswerIsLeftInPlace() {
        fakes.addInstance(1, "admin", InstanceState.COMPLETED);
        fakes.addInstance(2, "admin", InstanceState.COMPLETED);
        fakes.addInstance(3, "admin", InstanceState.COMPLETED);
        fakes.addInstance(4, "admin", InstanceState.COMPLETED);
        // Instance 4's logs are on another server too, which the background purge asks like any purge (the fake's
        // deleteFiles stands for both); instance 2's other server does not answer.
        fakes.jobLogs.failures.put(2L, new PeerUnreachableException("https://server-2:9443/ibm/api/batch", 502));
        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, false, ADMIN);
        fakes.purge.purge(3); // purged by someone else before the task reaches it
        fakes.purge.calls.clear();

        fakes.background.runAll();

        List<PurgeResult> results = tasks.read(created.taskId(), ALL, ADMIN).results().items();
        assertEquals(new PurgeResult(1, Status.COMPLETED, "Successful purge.", ""), results.get(0));
        assertEquals(new PurgeResult(2, Status.NOT_LOCAL, "Job log files of job instance 2 are on the server at "
                + "https://server-2:9443/ibm/api/batch, which did not delete them: The server at "
                + "https://server-2:9443/ibm/api/batch answered with HTTP status 502. The instance was left in place; "
                + "purge it again when that server is back.", "https://server-2:9443/ibm/api/batch"), results.get(1));
        assertEquals(new PurgeResult(3, Status.FAILED, "CWWKY0151E: No job instance found for instance id 3.", ""),
                results.get(2));
        assertEquals(new PurgeResult(4, Status.COMPLETED, "Successful purge.", ""), results.get(3));
        assertEquals(List.of(1L, 2L, 4L), fakes.jobLogs.deletions);
        assertEquals(List.of(1L, 4L), fakes.purge.calls);
        assertEquals(List.of(4, 2, 2, 0), counts(tasks.read(created.taskId(), ALL, ADMIN).task()));
    }

    @Test
    void aTaskThatFailsThreeTimesInARowEndsFailedWithTheRestPending() {
        fakes.addInstance(1, "admin", InstanceState.COMPLETED);
        fakes.addInstance(2, "admin", InstanceState.COMPLETED);
        fakes.addInstance(3, "admin", InstanceState.COMPLETED);
        fakes.jobLogs.failures.put(2L, new IllegalStateException("the disk went away"));
        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, false, ADMIN);

        fakes.background.runAll();

        PurgeTaskReport report = tasks.read(created.taskId(), ALL, ADMIN);
        assertEquals(PurgeTaskState.FAILED, report.task().state());
        assertEquals("The purge task stopped: the server failed 3 times in a row to purge or to record a result "
                + "(see its log). The instances without a result were left in place.", report.task().message());
        assertEquals(List.of(3, 1, 0, 2), counts(report.task()));
        assertEquals(List.of(1L, 2L, 2L, 2L), fakes.jobLogs.deletions, "tried three times");
        assertEquals(List.of(1L), fakes.purge.calls);
        assertEquals(List.of(Status.COMPLETED, Status.PENDING, Status.PENDING),
                report.results().items().stream().map(PurgeResult::status).toList());
    }

    @Test
    void aFailureIsTriedAgainAndAResultInBetweenStartsTheCountAnew() {
        for (long id = 1; id <= 5; id++) {
            fakes.addInstance(id, "admin", InstanceState.COMPLETED);
        }
        // Twice in a row each, with results in between: never three failures in a row.
        fakes.jobLogs.passingFaults.put(2L, 2);
        fakes.jobLogs.passingFaults.put(4L, 2);
        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, false, ADMIN);

        fakes.background.runAll();

        PurgeTaskRecord task = fakes.purgeTasks.find(created.taskId()).orElseThrow();
        assertEquals(PurgeTaskState.COMPLETED, task.state());
        assertEquals(List.of(5, 5, 0, 0), counts(task));
        assertEquals(List.of(1L, 2L, 2L, 2L, 3L, 4L, 4L, 4L, 5L), fakes.jobLogs.deletions);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), fakes.purge.calls);
    }

    // ---- cancel

    @Test
    void aCancelledTaskPurgesNoFurtherInstanceAndKeepsWhatItPurged() {
        for (long id = 1; id <= 6; id++) {
            fakes.addInstance(id, "submitter1", InstanceState.COMPLETED);
        }
        fakes.purgeTasks.afterResults = 3;
        fakes.purgeTasks.then = taskId -> tasks.cancel(taskId, SUBMITTER);
        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, false, SUBMITTER);

        fakes.background.runAll();

        PurgeTaskReport report = tasks.read(created.taskId(), ALL, SUBMITTER);
        assertEquals(PurgeTaskState.CANCELLED, report.task().state());
        assertEquals(List.of(6, 3, 0, 3), counts(report.task()));
        assertEquals(List.of(1L, 2L, 3L), fakes.purge.calls);
        assertEquals(List.of(Status.COMPLETED, Status.COMPLETED, Status.COMPLETED, Status.PENDING, Status.PENDING,
                Status.PENDING), report.results().items().stream().map(PurgeResult::status).toList());
    }

    @Test
    void itsSubmitterOrAnAdminCancelsARunningTaskOnceAndNobodyElse() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);
        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, false, SUBMITTER);
        String id = created.taskId();

        for (var other : List.of(OTHER_SUBMITTER, MONITOR)) {
            assertRefused(Refusal.Kind.FORBIDDEN, "User " + other.user() + " is not authorized to cancel purge task "
                    + id + ".", () -> tasks.cancel(id, other));
            assertRefused(Refusal.Kind.FORBIDDEN, "User " + other.user() + " is not authorized to read purge task "
                    + id + ".", () -> tasks.read(id, ALL, other));
        }
        PurgeTaskRecord cancelled = tasks.cancel(id, SUBMITTER);
        fakes.background.runAll();

        assertEquals(PurgeTaskState.CANCELLED, cancelled.state());
        assertEquals(NOW, cancelled.endTime());
        assertEquals(List.of(), fakes.purge.calls, "cancelled before its first instance");
        assertRefused(Refusal.Kind.CONFLICT, "Purge task " + id + " has ended (CANCELLED): there is nothing to "
                + "cancel.", () -> tasks.cancel(id, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, "No purge task found for task id 0c5e1f7a-0000-4000-8000-000000000000.",
                () -> tasks.cancel("0c5e1f7a-0000-4000-8000-000000000000", ADMIN));
    }

    // ---- reading

    @Test
    void resultsArePagedInPurgeOrderAndListsShowTheCallersTasks() {
        for (long id = 1; id <= 5; id++) {
            fakes.addInstance(id, id % 2 == 0 ? "submitter2" : "submitter1", InstanceState.COMPLETED);
        }
        PurgeTaskRecord mine = tasks.start(EVERYTHING, SEARCH, false, SUBMITTER);
        PurgeTaskRecord all = tasks.start(EVERYTHING, SEARCH, false, ADMIN);

        Page<PurgeResult> second = tasks.read(all.taskId(), new PageRequest(1, 2), ADMIN).results();
        assertEquals(List.of(3L, 4L), second.items().stream().map(PurgeResult::instanceId).toList());
        assertTrue(second.hasNext());
        assertEquals(5, second.total());
        Page<PurgeResult> last = tasks.read(all.taskId(), new PageRequest(2, 2), ADMIN).results();
        assertEquals(List.of(5L), last.items().stream().map(PurgeResult::instanceId).toList());
        assertEquals(false, last.hasNext());
        assertEquals(List.of(Status.PENDING), last.items().stream().map(PurgeResult::status).toList());

        assertEquals(List.of(mine.taskId()), taskIds(tasks.list(ALL, SUBMITTER)));
        assertEquals(List.of(), taskIds(tasks.list(ALL, OTHER_SUBMITTER)));
        assertEquals(2, tasks.list(ALL, ADMIN).total());
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.", () -> tasks.list(ALL, NOBODY));
    }

    // ---- restart

    @Test
    void onStartTheTasksThisServerLeftRunningAreResumedWithTheInstancesTheyHadLeft() {
        for (long id = 1; id <= 5; id++) {
            fakes.addInstance(id, "admin", InstanceState.COMPLETED);
        }
        Instant before = NOW.minusSeconds(60);
        PurgeTaskRecord cutOff = task("11111111-1111-4111-8111-111111111111", THIS_SERVER, PurgeTaskState.RUNNING,
                before);
        fakes.purgeTasks.create(cutOff, List.of(1L, 2L, 3L));
        fakes.purgeTasks.record(cutOff.taskId(), 0, "COMPLETED", "Successful purge.", "", true, before);
        fakes.purge.purge(1); // purged before the stop
        PurgeTaskRecord elsewhere = task("22222222-2222-4222-8222-222222222222", "server-2", PurgeTaskState.RUNNING,
                before);
        fakes.purgeTasks.create(elsewhere, List.of(4L));
        PurgeTaskRecord ended = task("33333333-3333-4333-8333-333333333333", THIS_SERVER, PurgeTaskState.CANCELLED,
                before);
        fakes.purgeTasks.create(ended, List.of(5L));
        PurgeTaskRecord startedSince = task("44444444-4444-4444-8444-444444444444", THIS_SERVER,
                PurgeTaskState.RUNNING, NOW.plusSeconds(1));
        fakes.purgeTasks.create(startedSince, List.of(5L));
        fakes.purge.calls.clear();

        tasks.resume(NOW);
        fakes.background.runAll();

        PurgeTaskReport resumed = tasks.read(cutOff.taskId(), ALL, ADMIN);
        assertEquals(PurgeTaskState.COMPLETED, resumed.task().state());
        assertEquals(List.of(3, 3, 0, 0), counts(resumed.task()));
        assertEquals(List.of(2L, 3L), fakes.purge.calls, "only the instances without a result");
        assertEquals(List.of(Status.COMPLETED, Status.COMPLETED, Status.COMPLETED),
                resumed.results().items().stream().map(PurgeResult::status).toList());
        for (PurgeTaskRecord untouched : List.of(elsewhere, ended, startedSince)) {
            assertEquals(untouched.state(), fakes.purgeTasks.find(untouched.taskId()).orElseThrow().state());
            assertEquals(0, fakes.purgeTasks.find(untouched.taskId()).orElseThrow().purged());
        }
        assertTrue(fakes.instances.findById(4).isPresent() && fakes.instances.findById(5).isPresent());
    }

    @Test
    void aStoppingServerLeavesItsTaskRunningWhereItWasAndTheNextStartFinishesIt() {
        for (long id = 1; id <= 4; id++) {
            fakes.addInstance(id, "admin", InstanceState.COMPLETED);
        }
        PurgeTaskRecord created = tasks.start(EVERYTHING, SEARCH, false, ADMIN);
        fakes.purgeTasks.afterResults = 2;
        fakes.purgeTasks.then = taskId -> tasks.onStop(new Object());

        fakes.background.runAll();

        PurgeTaskRecord stopped = fakes.purgeTasks.find(created.taskId()).orElseThrow();
        assertEquals(PurgeTaskState.RUNNING, stopped.state());
        assertEquals(List.of(4, 2, 0, 2), counts(stopped));
        assertEquals(List.of(1L, 2L), fakes.purge.calls);

        PurgeTasks restarted = fakes.purgeTasks();
        restarted.resume(NOW.plusSeconds(1));
        fakes.background.runAll();

        PurgeTaskRecord finished = fakes.purgeTasks.find(created.taskId()).orElseThrow();
        assertEquals(PurgeTaskState.COMPLETED, finished.state());
        assertEquals(List.of(4, 4, 0, 0), counts(finished));
        assertEquals(List.of(1L, 2L, 3L, 4L), fakes.purge.calls);
    }

    @Test
    void onStartTheResumeRunsInTheBackground() {
        fakes.addInstance(1, "admin", InstanceState.COMPLETED);
        PurgeTaskRecord cutOff = task("11111111-1111-4111-8111-111111111111", THIS_SERVER, PurgeTaskState.RUNNING,
                NOW.minusSeconds(60));
        fakes.purgeTasks.create(cutOff, List.of(1L));

        tasks.onStart(new Object());

        assertEquals(PurgeTaskState.RUNNING, fakes.purgeTasks.find(cutOff.taskId()).orElseThrow().state());
        fakes.background.runAll();
        assertEquals(PurgeTaskState.COMPLETED, fakes.purgeTasks.find(cutOff.taskId()).orElseThrow().state());
        assertEquals(List.of(1L), fakes.purge.calls);
    }

    // ---- helpers

    private static PurgeTaskRecord task(String id, String serverId, PurgeTaskState state, Instant created) {
        return new PurgeTaskRecord(id, "admin", serverId, state, SEARCH, false, 0, 0, 0, "", created, created,
                state.ended() ? created : null);
    }

    /** matched, purged, failed, remaining. */
    private static List<Integer> counts(PurgeTaskRecord task) {
        return List.of(task.matched(), task.purged(), task.failed(), task.remaining());
    }

    private static List<String> taskIds(Page<PurgeTaskRecord> page) {
        return page.items().stream().map(PurgeTaskRecord::taskId).toList();
    }
}
