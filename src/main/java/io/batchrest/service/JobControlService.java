package io.batchrest.service;

import io.batchrest.model.Refusal;
import io.batchrest.model.RefusalMessages;
import io.batchrest.cluster.Elsewhere;
import io.batchrest.cluster.PeerClient;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.runtime.JobOperatorGateway;
import io.batchrest.security.CallerScope;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Stop and restart (docs/contract.md §4), with the state checks and messages of Liberty's API. */
@ApplicationScoped
public class JobControlService {

    /** The outcome of stopping an instance: its latest execution, or none if it never got one. */
    public record StopResult(Optional<JobExecutionRecord> execution, JobInstanceRecord instance) {
    }

    @Inject
    JobLookup lookup;

    @Inject
    StorableValues storable;

    @Inject
    JobInstanceRepository instances;

    @Inject
    JobOperatorGateway gateway;

    @Inject
    PeerClient peers;

    /** Stops an instance's running execution; one running on another server is stopped there. */
    public Answer<StopResult> stopInstance(long instanceId, CallerScope caller) {
        caller.requireBatchRole();
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireAct("stop", instanceId, instance.submitter());
        Optional<JobExecutionRecord> latest = lookup.executionsOf(instanceId).stream().findFirst();
        if (latest.isEmpty()) {
            if (instance.instanceState() == InstanceState.SUBMITTED
                    && instances.markStoppedWithoutExecution(instanceId)) {
                return Answer.here(new StopResult(Optional.empty(), lookup.instance(instanceId)));
            }
            throw Refusal.conflict("The job instance id " + instanceId + " has no job execution that is "
                    + "currently running.");
        }
        JobExecutionRecord execution = latest.get();
        String notRunning = "The most recent job execution id " + execution.executionId()
                + " associated with job instance id " + instanceId + " is not currently running.";
        if (!execution.isRunning()) {
            throw Refusal.conflict(notRunning);
        }
        Optional<Elsewhere> runner = runnerElsewhere(execution);
        if (runner.isPresent()) {
            return Answer.at(runner.get());
        }
        stopRunning(execution.executionId(), notRunning);
        return Answer.here(new StopResult(Optional.of(lookup.execution(execution.executionId())), instance));
    }

    /** Stops a running execution; one running on another server is stopped there. */
    public Answer<JobExecutionRecord> stopExecution(long executionId, CallerScope caller) {
        caller.requireBatchRole();
        JobExecutionRecord execution = lookup.execution(executionId);
        caller.requireAct("stop", execution.instanceId(), execution.submitter());
        String notRunning = RefusalMessages.executionNotRunning(executionId);
        if (!execution.isRunning()) {
            throw Refusal.conflict(notRunning);
        }
        Optional<Elsewhere> runner = runnerElsewhere(execution);
        if (runner.isPresent()) {
            return Answer.at(runner.get());
        }
        stopRunning(executionId, notRunning);
        return Answer.here(lookup.execution(executionId));
    }

    /** Only the server that runs an execution can stop it (docs/contract.md §10): the request is answered there. */
    private Optional<Elsewhere> runnerElsewhere(JobExecutionRecord execution) {
        return peers.elsewhere(execution, "Job execution " + execution.executionId());
    }

    /** The execution may finish between our check and the runtime's: that is the same 409. */
    private void stopRunning(long executionId, String notRunning) {
        try {
            gateway.stop(executionId);
        } catch (Refusal refusal) {
            throw refusal.kind() == Refusal.Kind.CONFLICT ? Refusal.conflict(notRunning) : refusal;
        }
    }

    public JobInstanceRecord restartInstance(long instanceId, Map<String, String> parameters, boolean reuse,
                                             CallerScope caller) {
        caller.requireBatchRole();
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireAct("restart", instanceId, instance.submitter());
        JobExecutionRecord latest = lookup.executionsOf(instanceId).stream().findFirst().orElseThrow(() ->
                Refusal.conflict(RefusalMessages.notRestartable(instanceId)));
        return restart(instance, latest, parameters, reuse);
    }

    public JobInstanceRecord restartExecution(long executionId, Map<String, String> parameters, boolean reuse,
                                              CallerScope caller) {
        caller.requireBatchRole();
        JobExecutionRecord execution = lookup.execution(executionId);
        JobInstanceRecord instance = lookup.instance(execution.instanceId());
        caller.requireAct("restart", instance.instanceId(), instance.submitter());
        // The instance may have been purged since the execution was read: then it names nothing any more.
        JobExecutionRecord latest = lookup.executionsOf(instance.instanceId()).stream().findFirst()
                .orElseThrow(() -> JobLookup.noSuchExecution(executionId));
        if (latest.executionId() != executionId) {
            throw Refusal.invalid("The job execution " + executionId
                    + " is not the most recent execution of job instance " + instance.instanceId()
                    + "; the most recent is " + latest.executionId() + ".");
        }
        return restart(instance, latest, parameters, reuse);
    }

    private JobInstanceRecord restart(JobInstanceRecord instance, JobExecutionRecord latest,
                                      Map<String, String> parameters, boolean reuse) {
        long instanceId = instance.instanceId();
        if (latest.batchStatus() == BatchStatus.COMPLETED || instance.instanceState() == InstanceState.COMPLETED) {
            throw Refusal.conflict(RefusalMessages.alreadyComplete(latest.executionId(), instanceId));
        }
        if (latest.batchStatus() != BatchStatus.STOPPED && latest.batchStatus() != BatchStatus.FAILED) {
            throw Refusal.conflict(RefusalMessages.notRestartable(instanceId));
        }
        Map<String, String> effective = new TreeMap<>(reuse ? latest.jobParameters() : Map.of());
        effective.putAll(parameters);
        storable.requireStorable(effective);
        gateway.restart(latest.executionId(), instanceId, JobSubmissionService.properties(effective));
        return lookup.instance(instanceId);
    }
}
