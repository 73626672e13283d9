package io.batchrest.service;

import io.batchrest.cluster.Elsewhere;
import io.batchrest.cluster.PeerUnreachableException;
import io.batchrest.joblog.JobLogFollower;
import io.batchrest.joblog.LogSection;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.Refusal;
import io.batchrest.security.CallerScope;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.OTHER_SUBMITTER;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Job logs (docs/contract.md §8, §10): which logs this server answers from its own disk and which another server
 * answers, who may read them, and the deletion of an instance's log files with the authority of a purge, on the
 * other servers first.
 */
class JobLogServiceTest {

    private static final long INSTANCE = 5;
    private static final long EXECUTION = 11;
    private static final long RESTART = 12;

    private static final String SERVER_2 = "server-2";
    private static final String SERVER_2_URL = "https://server-2:9443/ibm/api/batch";
    private static final String SERVER_3 = "server-3";
    private static final String SERVER_3_URL = "https://server-3:9443/ibm/api/batch";

    @TempDir
    Path logs;

    private final Fakes fakes = new Fakes();
    private final JobLogService service = fakes.jobLogService();

    /** A log directory of this server with one part, {@code part.1.log}, holding {@code text}. */
    private Path localLog(long executionId, String text) throws IOException {
        Path directory = logs.resolve("execution." + executionId);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("part.1.log"), text);
        fakes.logFiles.directories.put(directory, List.of("part.1.log"));
        fakes.setLogPath(executionId, directory + "/");
        return directory;
    }

    /** The parts another server lists for an execution it ran, and what reads them there. */
    private LogSection.PartSource remoteLog(long executionId, String logPath, String... parts) {
        LogSection.PartSource source = part -> InputStream.nullInputStream();
        fakes.remoteLogs.parts.put(executionId, List.of(parts));
        fakes.remoteLogs.sources.put(executionId, source);
        fakes.setLogPath(executionId, logPath);
        return source;
    }

    private static <T> T here(Answer<T> answer) {
        return answer.fold(value -> value, server -> fail("answered at " + server));
    }

    private static Elsewhere elsewhere(Answer<?> answer) {
        return answer.fold(value -> fail("answered here: " + value), server -> server);
    }

    private static String read(LogSection.PartSource source, String part) throws IOException {
        try (InputStream in = source.open(part)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- an execution's logs

    @Test
    void theLogOfAnExecutionOfThisServerIsReadFromItsDirectory() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of());
        localLog(EXECUTION, "hello");

        JobLogService.ExecutionLogs found = here(service.ofExecution(EXECUTION, SUBMITTER));

        assertEquals(EXECUTION, found.execution().executionId());
        assertEquals(List.of("part.1.log"), found.parts());
        assertEquals("hello", read(found.source(), "part.1.log"));
        assertEquals("part.1.log", found.part("part.1.log"));
        assertRefused(Refusal.Kind.NOT_FOUND, "The job execution 11 has no job log part ../part.1.log.",
                () -> found.part("../part.1.log"));
    }

    @Test
    void anExecutionWithoutLogDirectoryHereHasNoParts() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of());
        fakes.setLogPath(EXECUTION, logs.resolve("purged") + "/");

        JobLogService.ExecutionLogs found = here(service.ofExecution(EXECUTION, ADMIN));

        assertEquals(List.of(), found.parts());
        assertNull(found.source());
    }

    @Test
    void theLogOfAnExecutionOfAnotherServerIsAnsweredThere() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);

        assertEquals(new Elsewhere(SERVER_2_URL + "/", "The job log of job execution 11"),
                elsewhere(service.ofExecution(EXECUTION, MONITOR)));
        assertEquals(new Elsewhere(SERVER_2_URL + "/", "The job log of job execution 11"),
                elsewhere(service.followExecution(EXECUTION, MONITOR)));
        assertEquals(List.of(), fakes.logDeletions);
    }

    @Test
    void aRequestForwardedByAnotherServerIsAnsweredFromThisServersDisk() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);
        localLog(EXECUTION, "written here");
        fakes.peers.forwardedRequest = true;

        JobLogService.ExecutionLogs found = here(service.ofExecution(EXECUTION, ADMIN));

        assertEquals("written here", read(found.source(), "part.1.log"));
    }

    @Test
    void onlyCallersWhoMayReadTheInstanceReadItsLogs() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);
        String message = "User submitter2 is not authorized to read job instance 5.";

        assertRefused(Refusal.Kind.FORBIDDEN, message, () -> service.ofExecution(EXECUTION, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, message, () -> service.followExecution(EXECUTION, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, message, () -> service.followInstance(INSTANCE, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, message, () -> service.ofInstance(INSTANCE, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.NOT_FOUND, "No job execution found for execution id 404.",
                () -> service.ofExecution(404, ADMIN));
        assertRefused(Refusal.Kind.NOT_FOUND, "CWWKY0151E: No job instance found for instance id 404.",
                () -> service.ofInstance(404, ADMIN));
    }

    // ---- an instance's logs

    @Test
    void anInstancesLogsMergeThisServersFilesWithThoseListedByTheServerThatRanTheOtherExecution() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of());
        localLog(EXECUTION, "first run");
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);
        LogSection.PartSource remote = remoteLog(RESTART, "/server-2/logs/execution.12/", "part.1.log", "part.2.log");

        JobLogService.InstanceLogs found = service.ofInstance(INSTANCE, SUBMITTER);

        assertEquals(INSTANCE, found.instance().instanceId());
        assertEquals(2, found.executions().size());
        JobLogService.ExecutionLogs latest = found.executions().get(0);
        assertEquals(RESTART, latest.execution().executionId());
        assertEquals(List.of("part.1.log", "part.2.log"), latest.parts());
        assertSame(remote, latest.source());
        JobLogService.ExecutionLogs first = found.executions().get(1);
        assertEquals(EXECUTION, first.execution().executionId());
        assertEquals(List.of("part.1.log"), first.parts());
        assertEquals("first run", read(first.source(), "part.1.log"));
    }

    @Test
    void aForwardedRequestForAnInstancesLogsAsksNoOtherServer() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);
        remoteLog(EXECUTION, "/server-2/logs/execution.11/", "part.1.log");
        fakes.peers.forwardedRequest = true;

        JobLogService.ExecutionLogs only = service.ofInstance(INSTANCE, ADMIN).executions().get(0);

        assertEquals(List.of(), only.parts(), "none of its files are on this server");
        assertNull(only.source());
    }

    // ---- following a log

    @Test
    void followingAnInstanceWithoutExecutionFollowsNothingYet() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.SUBMITTED);

        assertEquals(Optional.empty(), here(service.followInstance(INSTANCE, SUBMITTER)));
    }

    @Test
    void followingAnInstanceFollowsItsLatestExecutionWhereItRuns() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of());
        localLog(EXECUTION, "first run");
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.STARTED, Map.of(), SERVER_2, SERVER_2_URL);

        assertEquals(new Elsewhere(SERVER_2_URL + "/", "The job log of job execution 12, the latest of job "
                + "instance 5,"), elsewhere(service.followInstance(INSTANCE, ADMIN)));
    }

    @Test
    void followingTheLatestExecutionOfThisServerStartsFromItsFilesAsTheyAre() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        localLog(EXECUTION, "so far");

        JobLogService.LogToFollow follow = here(service.followInstance(INSTANCE, ADMIN)).orElseThrow();

        assertEquals(EXECUTION, follow.now().execution().executionId());
        assertEquals(List.of("part.1.log"), follow.now().parts());
    }

    @Test
    void aFollowGoesOnWhileThisServerWritesTheLogEvenIfTheExecutionHasEnded() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        Path directory = localLog(EXECUTION, "so far");
        fakes.logWriters.open.add(EXECUTION);
        JobLogService.LogToFollow follow = here(service.followExecution(EXECUTION, ADMIN));

        fakes.endExecution(EXECUTION, BatchStatus.COMPLETED, "COMPLETED", Instant.parse("2024-05-01T10:04:59Z"));

        assertEquals(new JobLogFollower.Progress(Optional.of(directory), false), follow.progress().get());
    }

    @Test
    void aFollowEndsOnceTheExecutionHasEndedAndItsLogIsClosed() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.DISPATCHED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        Path directory = localLog(EXECUTION, "so far");
        JobLogService.LogToFollow follow = here(service.followExecution(EXECUTION, ADMIN));

        assertEquals(new JobLogFollower.Progress(Optional.of(directory), false), follow.progress().get(),
                "running, its log not open (yet)");
        fakes.endExecution(EXECUTION, BatchStatus.FAILED, "boom", Instant.parse("2024-05-01T10:04:59Z"));
        assertEquals(new JobLogFollower.Progress(Optional.of(directory), true), follow.progress().get());
    }

    @Test
    void aFollowOfAnExecutionPurgedMeanwhileEnds() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of());
        localLog(EXECUTION, "all of it");
        JobLogService.LogToFollow follow = here(service.followExecution(EXECUTION, ADMIN));

        fakes.purge.purge(INSTANCE);

        assertEquals(new JobLogFollower.Progress(Optional.empty(), true), follow.progress().get());
    }

    // ---- deleting an instance's log files

    @Test
    void deletingTheLogsOfAnInstanceDeletesThemOnTheOtherServersFirstThenHere() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.FAILED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.FAILED, Map.of(), SERVER_2, SERVER_2_URL);
        fakes.setLogPath(EXECUTION, "/server-2/logs/execution.11/");
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.FAILED, Map.of());
        Path local = localLog(RESTART, "here");
        fakes.addExecution(13, INSTANCE, BatchStatus.FAILED, Map.of(), SERVER_3, SERVER_3_URL);
        fakes.setLogPath(13, "/server-3/logs/execution.13/");
        fakes.addExecution(14, INSTANCE, BatchStatus.FAILED, Map.of(), SERVER_2, SERVER_2_URL);
        fakes.setLogPath(14, "/server-2/logs/execution.14/");
        fakes.addExecution(15, INSTANCE, BatchStatus.FAILED, Map.of());
        fakes.setLogPath(15, logs.resolve("gone already") + "/");

        service.deleteOfInstance(INSTANCE, SUBMITTER);

        assertEquals(List.of("at " + SERVER_2_URL + " of instance 5", "at " + SERVER_3_URL + " of instance 5",
                "here " + List.of(local)), fakes.logDeletions, "each other server once, this one last");
        assertEquals(InstanceState.FAILED, fakes.lookup().instance(INSTANCE).instanceState(), "the rows stay");
    }

    @Test
    void aDeletionForwardedByAnotherServerDeletesThisServersFilesOnly() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);
        fakes.setLogPath(EXECUTION, "/server-2/logs/execution.11/");
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.COMPLETED, Map.of());
        Path local = localLog(RESTART, "here");
        fakes.peers.forwardedRequest = true;

        service.deleteOfInstance(INSTANCE, CallerScope.cluster());

        assertEquals(List.of("here " + List.of(local)), fakes.logDeletions);
    }

    @Test
    void anotherServerThatCannotBeReachedLeavesThisServersFilesInPlace() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);
        fakes.setLogPath(EXECUTION, "/server-2/logs/execution.11/");
        fakes.addExecution(RESTART, INSTANCE, BatchStatus.COMPLETED, Map.of());
        localLog(RESTART, "here");
        PeerUnreachableException unreachable = new PeerUnreachableException(SERVER_2_URL + "/", 502);
        fakes.remoteLogs.unreachable.put(SERVER_2_URL, unreachable);

        assertSame(unreachable, assertThrows(PeerUnreachableException.class,
                () -> service.deleteOfInstance(INSTANCE, ADMIN)));
        assertEquals(List.of("at " + SERVER_2_URL + " of instance 5"), fakes.logDeletions);
    }

    @Test
    void filesThatCannotAllBeDeletedAreAFault() throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of());
        localLog(EXECUTION, "here");
        fakes.logFiles.deletionFailure = new IOException("busy file");

        assertRefused(Refusal.Kind.FAULT, "The job log files of job instance 5 could not all be deleted.",
                () -> service.deleteOfInstance(INSTANCE, ADMIN));
    }

    @Test
    void anInstanceWithoutLogFilesHasNothingToDelete() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.STOPPED);

        service.deleteOfInstance(INSTANCE, ADMIN);

        assertEquals(List.of("here []"), fakes.logDeletions);
    }

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED", "DISPATCHED"})
    void theLogsOfAnActiveInstanceAreNotDeleted(InstanceState state) throws IOException {
        fakes.addInstance(INSTANCE, "submitter1", state);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTED, Map.of());
        localLog(EXECUTION, "running");

        assertRefused(Refusal.Kind.CONFLICT, "The job logs of job instance 5 cannot be deleted while it has active "
                + "job executions.", () -> service.deleteOfInstance(INSTANCE, ADMIN));
        assertEquals(List.of(), fakes.logDeletions);
    }

    @Test
    void deletingLogsTakesTheAuthorityOfAPurge() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.COMPLETED);
        fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.COMPLETED, Map.of(), SERVER_2, SERVER_2_URL);
        fakes.setLogPath(EXECUTION, "/server-2/logs/execution.11/");

        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter2 is not authorized to purge job instance 5.",
                () -> service.deleteOfInstance(INSTANCE, OTHER_SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to purge job instance 5.",
                () -> service.deleteOfInstance(INSTANCE, MONITOR));
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.",
                () -> service.deleteOfInstance(INSTANCE, NOBODY));
        assertEquals(List.of(), fakes.logDeletions);
    }

    @Test
    void aUserWithoutABatchRoleIsRefusedTheDeletionOfLogsOfAnUnknownInstance() {
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user has none of the roles batchAdmin, "
                + "batchSubmitter, batchMonitor.",
                () -> service.deleteOfInstance(404, NOBODY));
    }

    @Test
    void theLogsOfAnUnknownInstanceAreNotFound() {
        assertRefused(Refusal.Kind.NOT_FOUND, "CWWKY0151E: No job instance found for instance id 404.",
                () -> service.deleteOfInstance(404, ADMIN));
    }

    @Test
    void anExecutionThatRecordedNoServerHasItsLogHere() {
        fakes.addInstance(INSTANCE, "submitter1", InstanceState.SUBMITTED);
        JobExecutionRecord notStarted = fakes.addExecution(EXECUTION, INSTANCE, BatchStatus.STARTING, Map.of(),
                null, null);

        JobLogService.ExecutionLogs found = here(service.ofExecution(notStarted.executionId(), SUBMITTER));

        assertEquals(List.of(), found.parts());
    }
}
