package io.batchrest.service;

import io.batchrest.api.problem.ApiException;
import io.batchrest.joblog.JobLogFiles;
import io.batchrest.joblog.LogSection;
import io.batchrest.repository.JobExecutionRecord;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.repository.JobInstanceRecord;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Job logs of executions and instances (SPEC §8), for callers who may read them (SPEC §9). */
@ApplicationScoped
public class JobLogService {

    /** An execution with the log files it has on this server (none if it has no log directory here). */
    public record ExecutionLogs(JobExecutionRecord execution, Optional<Path> directory, List<String> parts) {

        /** This execution's files as one section of a text or zip response. */
        public LogSection section(String prefix) {
            return new LogSection(prefix, directory.orElse(null), directory.isPresent() ? parts : List.of());
        }

        /** A part named by a client, looked up in the listing, never resolved on disk. */
        public String part(String requested) {
            if (directory.isEmpty() || !parts.contains(requested)) {
                throw ApiException.notFound("The job execution " + execution.executionId() + " has no job log part "
                        + requested + ".");
            }
            return requested;
        }
    }

    /** An instance with its executions' logs, most recent execution first. */
    public record InstanceLogs(JobInstanceRecord instance, List<ExecutionLogs> executions) {
    }

    @Inject
    JobReadService reads;

    @Inject
    JobLookup lookup;

    @Inject
    JobLogFiles files;

    @Inject
    JobExecutionRepository executions;

    public ExecutionLogs ofExecution(long executionId, CallerScope caller) {
        return logsOf(reads.execution(executionId, caller));
    }

    public InstanceLogs ofInstance(long instanceId, CallerScope caller) {
        JobInstanceRecord instance = reads.instance(instanceId, caller);
        return new InstanceLogs(instance, lookup.executionsOf(instanceId).stream().map(this::logsOf).toList());
    }

    /** DELETE jobinstances/{i}/joblogs: the files only, with the authority of a purge. */
    public void deleteOfInstance(long instanceId, CallerScope caller) {
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireAct("purge", instanceId, instance.submitter());
        if (instance.instanceState().isActive()) {
            throw ApiException.conflict("The job logs of job instance " + instanceId + " cannot be deleted while it "
                    + "has active job executions.");
        }
        try {
            deleteFiles(instanceId);
        } catch (IOException e) {
            throw ApiException.serverFault("The job log files of job instance " + instanceId
                    + " could not all be deleted.");
        }
    }

    /** Deletes the log files of every execution of an instance; used by purge before the rows go. */
    void deleteFiles(long instanceId) throws IOException {
        List<Path> directories = executions.logPathsOf(instanceId).stream()
                .map(files::directory)
                .flatMap(Optional::stream).toList();
        files.deleteExecutionDirectories(directories);
    }

    private ExecutionLogs logsOf(JobExecutionRecord execution) {
        Optional<Path> directory = files.directory(execution.logPath());
        return new ExecutionLogs(execution, directory, directory.map(files::parts).orElse(List.of()));
    }
}
