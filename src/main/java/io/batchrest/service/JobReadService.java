package io.batchrest.service;

import io.batchrest.model.InstanceCount;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.StepExecutionRecord;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.JobInstanceStatsQuery;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.SearchPage;
import io.batchrest.repository.Totals;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Every read of the API: instances, executions and steps, each checked against what the caller may see
 * (docs/contract.md §9). A submitter-only caller's lists are filtered in the query; single reads of others' instances
 * are 403.
 */
@ApplicationScoped
public class JobReadService {

    @Inject
    JobLookup lookup;

    @Inject
    JobInstanceRepository instances;

    /**
     * A list (v1: {@link JobInstanceSearch#everything}) or search (v2–v4), scoped to what the caller sees.
     *
     * @param exactTotal count every match; otherwise the total is counted only where that is cheap (docs/api.md)
     */
    public Page<JobInstanceRecord> searchInstances(JobInstanceSearch search, boolean exactTotal, CallerScope caller) {
        SearchPage page = instances.search(search, caller.ownInstancesOnly(),
                exactTotal ? Totals.EXACT : Totals.UP_TO_LIMIT);
        return new Page<>(page.items(), search.page(), page.hasNext(), page.total(), page.totalExact(), page.next());
    }

    /**
     * An aggregate (docs/api.md, "Aggregates"): the instances the caller would find with the same filters, counted per
     * group. Scoped exactly as a search: a submitter-only caller counts only their own instances.
     */
    public List<InstanceCount> countInstances(JobInstanceStatsQuery query, CallerScope caller) {
        return instances.countGrouped(query.filters(), query.groupBy(), caller.ownInstancesOnly());
    }

    public JobInstanceRecord instance(long instanceId, CallerScope caller) {
        caller.requireBatchRole();
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireRead(instanceId, instance.submitter());
        return instance;
    }

    public List<JobExecutionRecord> executionsOf(long instanceId, CallerScope caller) {
        instance(instanceId, caller);
        return lookup.executionsOf(instanceId);
    }

    public JobExecutionRecord executionOf(long instanceId, int sequenceNumber, CallerScope caller) {
        instance(instanceId, caller);
        return lookup.executionOf(instanceId, sequenceNumber);
    }

    public JobExecutionRecord execution(long executionId, CallerScope caller) {
        caller.requireBatchRole();
        JobExecutionRecord execution = lookup.execution(executionId);
        caller.requireRead(execution.instanceId(), execution.submitter());
        return execution;
    }

    public JobInstanceRecord instanceOfExecution(long executionId, CallerScope caller) {
        return instance(execution(executionId, caller).instanceId(), caller);
    }

    public List<StepExecutionRecord> stepsOf(long executionId, CallerScope caller) {
        execution(executionId, caller);
        return lookup.stepsOf(executionId);
    }

    public StepExecutionRecord stepOf(long executionId, String stepName, CallerScope caller) {
        execution(executionId, caller);
        return lookup.stepOf(executionId, stepName);
    }

    public StepExecutionRecord stepOf(long instanceId, int sequenceNumber, String stepName, CallerScope caller) {
        JobExecutionRecord execution = executionOf(instanceId, sequenceNumber, caller);
        return lookup.stepOf(execution.executionId(), stepName);
    }

    public StepExecutionRecord step(long stepExecutionId, CallerScope caller) {
        caller.requireBatchRole();
        StepExecutionRecord step = lookup.step(stepExecutionId);
        caller.requireRead(step.instanceId(), step.submitter());
        return step;
    }
}
