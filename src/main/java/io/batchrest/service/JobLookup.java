package io.batchrest.service;

import io.batchrest.model.Refusal;
import io.batchrest.model.RefusalMessages;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.StepExecutionRecord;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.StepExecutionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Finds records by id, or refuses with 404 and a message that names the id (docs/contract.md §0: not Liberty's 400).
 */
@ApplicationScoped
public class JobLookup {

    @Inject
    JobInstanceRepository instances;

    @Inject
    JobExecutionRepository executions;

    @Inject
    StepExecutionRepository steps;

    public JobInstanceRecord instance(long instanceId) {
        return instances.findById(instanceId).orElseThrow(() -> Refusal.notFound(RefusalMessages.noSuchInstance(instanceId)));
    }

    /** The 404 of an unknown execution id. */
    static Refusal noSuchExecution(long executionId) {
        return Refusal.notFound(RefusalMessages.noSuchExecution(executionId));
    }

    /** The instance of an execution (one query: no steps, no parameters). */
    public JobInstanceRecord instanceOfExecution(long executionId) {
        return instances.findByExecution(executionId).orElseThrow(() -> noSuchExecution(executionId));
    }

    public JobExecutionRecord execution(long executionId) {
        return executions.findById(executionId).orElseThrow(() -> noSuchExecution(executionId));
    }

    public JobExecutionRecord executionOf(long instanceId, int sequenceNumber) {
        return executions.findByInstanceAndNumber(instanceId, sequenceNumber).orElseThrow(() ->
                Refusal.notFound("No job execution found with sequence number " + sequenceNumber
                        + " for job instance id " + instanceId + "."));
    }

    public List<JobExecutionRecord> executionsOf(long instanceId) {
        return executions.findByInstance(instanceId);
    }

    public StepExecutionRecord step(long stepExecutionId) {
        return steps.findById(stepExecutionId).orElseThrow(() ->
                Refusal.notFound("No step execution found for step execution id " + stepExecutionId + "."));
    }

    public StepExecutionRecord stepOf(long executionId, String stepName) {
        return steps.findByExecutionAndName(executionId, stepName).orElseThrow(() ->
                Refusal.notFound("No step execution named " + stepName + " found for job execution id "
                        + executionId + "."));
    }

    public List<StepExecutionRecord> stepsOf(long executionId) {
        return steps.findByExecution(executionId);
    }
}
