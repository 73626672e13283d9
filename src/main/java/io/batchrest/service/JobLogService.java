package io.batchrest.service;

import io.batchrest.model.Refusal;
import io.batchrest.cluster.PeerClient;
import io.batchrest.cluster.PeerUnreachableException;
import io.batchrest.cluster.RemoteJobLogs;
import io.batchrest.cluster.ServerIdentity;
import io.batchrest.joblog.JobLogFiles;
import io.batchrest.joblog.JobLogFollower;
import io.batchrest.joblog.JobLogs;
import io.batchrest.joblog.LogSection;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.repository.JobExecutionRepository.LogLocation;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Job logs of executions and instances (docs/contract.md §8), for callers who may read them (docs/contract.md §9). */
@ApplicationScoped
public class JobLogService {

    /**
     * An execution with its log files: on this server's disk, or listed by the server that ran it; {@code source}
     * reads them ({@code null} when there are none).
     */
    public record ExecutionLogs(JobExecutionRecord execution, List<String> parts, LogSection.PartSource source) {

        /** This execution's files as one section of a text or zip response. */
        public LogSection section(String prefix) {
            return new LogSection(prefix, parts, source);
        }

        /** A part named by a client, looked up in the listing, never resolved on disk. */
        public String part(String requested) {
            if (!parts.contains(requested)) {
                throw Refusal.notFound("The job execution " + execution.executionId() + " has no job log part "
                        + requested + ".");
            }
            return requested;
        }
    }

    /** An instance with its executions' logs, most recent execution first. */
    public record InstanceLogs(JobInstanceRecord instance, List<ExecutionLogs> executions) {
    }

    /**
     * An execution's log to follow on this server (docs/contract.md §8): its files as they are now, and what each
     * poll of a follower learns about it.
     */
    public record LogToFollow(ExecutionLogs now, Supplier<JobLogFollower.Progress> progress) {
    }

    @Inject
    JobReadService reads;

    @Inject
    JobLookup lookup;

    @Inject
    JobLogFiles files;

    @Inject
    JobExecutionRepository executions;

    @Inject
    ServerIdentity identity;

    @Inject
    RemoteJobLogs remoteLogs;

    @Inject
    PeerClient peers;

    @Inject
    JobLogs jobLogs;

    /** The logs of an execution that ran on this server; those of another server's execution are answered there. */
    public Answer<ExecutionLogs> ofExecution(long executionId, CallerScope caller) {
        JobExecutionRecord execution = reads.execution(executionId, caller);
        return peers.elsewhere(execution, "The job log of job execution " + executionId)
                .<Answer<ExecutionLogs>>map(Answer::at).orElseGet(() -> Answer.here(localLogsOf(execution)));
    }

    /** The log of an execution to follow; that of another server's execution is followed there. */
    public Answer<LogToFollow> followExecution(long executionId, CallerScope caller) {
        JobExecutionRecord execution = reads.execution(executionId, caller);
        return peers.elsewhere(execution, "The job log of job execution " + executionId)
                .<Answer<LogToFollow>>map(Answer::at).orElseGet(() -> Answer.here(toFollow(execution)));
    }

    /**
     * The log of an instance's latest execution to follow, empty while it has none: following an instance follows
     * its current run, whose log starts the instance's text form (docs/contract.md §8). It is followed on the server
     * that runs it.
     */
    public Answer<Optional<LogToFollow>> followInstance(long instanceId, CallerScope caller) {
        reads.instance(instanceId, caller);
        Optional<JobExecutionRecord> latest = lookup.executionsOf(instanceId).stream().findFirst();
        if (latest.isEmpty()) {
            return Answer.here(Optional.empty());
        }
        return peers.elsewhere(latest.get(), "The job log of job execution " + latest.get().executionId()
                        + ", the latest of job instance " + instanceId + ",")
                .<Answer<Optional<LogToFollow>>>map(Answer::at)
                .orElseGet(() -> Answer.here(Optional.of(toFollow(latest.get()))));
    }

    /**
     * While this server writes the log, a poll costs no query; otherwise it reads the execution's row, to see
     * whether the execution has started (its log directory) or ended. The row is read before the writer is asked,
     * since the runtime may record a final status before the log is closed. A follow ends as well once the
     * execution turns out to run on another server (it had not started when the request came): that server is
     * where a client resumes it.
     */
    private LogToFollow toFollow(JobExecutionRecord execution) {
        long executionId = execution.executionId();
        AtomicReference<Optional<Path>> directory = new AtomicReference<>(files.directory(execution.logPath()));
        boolean forwarded = peers.isForwardedRequest(); // asked now: the polls run while the answer is written
        Supplier<JobLogFollower.Progress> progress = () -> {
            if (directory.get().isPresent() && jobLogs.isOpen(executionId)) {
                return new JobLogFollower.Progress(directory.get(), false);
            }
            Optional<JobExecutionRecord> now = executions.findById(executionId);
            if (now.isEmpty()) {
                return new JobLogFollower.Progress(Optional.empty(), true); // purged meanwhile
            }
            directory.set(files.directory(now.get().logPath()));
            boolean ended = now.get().hasEnded() && !jobLogs.isOpen(executionId)
                    || !(forwarded || identity.isThisServer(now.get().serverId()));
            return new JobLogFollower.Progress(directory.get(), ended);
        };
        return new LogToFollow(localLogsOf(execution), progress);
    }

    /**
     * The logs of every execution of an instance, whichever server ran it (docs/contract.md §10: merged into one
     * answer).
     */
    public InstanceLogs ofInstance(long instanceId, CallerScope caller) {
        JobInstanceRecord instance = reads.instance(instanceId, caller);
        return new InstanceLogs(instance, lookup.executionsOf(instanceId).stream().map(this::logsOf).toList());
    }

    /**
     * DELETE jobinstances/{i}/joblogs: the files only, with the authority of a purge, on every server that holds
     * some (a request forwarded by another server deletes this server's files only).
     */
    public void deleteOfInstance(long instanceId, CallerScope caller) {
        caller.requireBatchRole();
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireAct("purge", instanceId, instance.submitter());
        if (instance.instanceState().isActive()) {
            throw Refusal.conflict("The job logs of job instance " + instanceId + " cannot be deleted while it "
                    + "has active job executions.");
        }
        try {
            deleteFiles(instanceId);
        } catch (IOException e) {
            throw Refusal.fault("The job log files of job instance " + instanceId
                    + " could not all be deleted.");
        }
    }

    /**
     * Deletes the log files of every execution of an instance; used by purge before the rows go. Files on other
     * servers are deleted through those servers first, so a server that cannot be reached
     * ({@link PeerUnreachableException}) leaves this server's files in place as well.
     */
    void deleteFiles(long instanceId) throws IOException {
        List<LogLocation> locations = executions.logLocationsOf(instanceId);
        List<String> elsewhere = serversElsewhere(locations);
        // Asked only when there is another server: a purge in the background has no request to ask.
        if (!elsewhere.isEmpty() && !peers.isForwardedRequest()) {
            elsewhere.forEach(restUrl -> remoteLogs.deleteInstanceLogs(restUrl, instanceId));
        }
        List<Path> directories = locations.stream()
                .filter(location -> identity.isThisServer(location.serverId()))
                .map(location -> files.directory(location.logPath()))
                .flatMap(Optional::stream).toList();
        files.deleteExecutionDirectories(directories);
    }

    private List<String> serversElsewhere(List<LogLocation> locations) {
        return locations.stream().filter(location -> !identity.isThisServer(location.serverId()))
                .map(LogLocation::restUrl).distinct().toList();
    }

    private ExecutionLogs logsOf(JobExecutionRecord execution) {
        if (peers.answersHere(execution)) {
            return localLogsOf(execution);
        }
        return new ExecutionLogs(execution, remoteLogs.parts(execution), remoteLogs.source(execution));
    }

    private ExecutionLogs localLogsOf(JobExecutionRecord execution) {
        Optional<Path> directory = files.directory(execution.logPath());
        return directory.map(found -> new ExecutionLogs(execution, files.parts(found), LogSection.directory(found)))
                .orElseGet(() -> new ExecutionLogs(execution, List.of(), null));
    }
}
