package io.batchrest.service;

import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.StepExecutionRecord;
import io.batchrest.model.StepMetrics;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.runtime.JslDocument;
import io.batchrest.security.CallerScope;
import io.batchrest.status.JobStatus.Progress;
import io.batchrest.status.JobStatus;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The compact status of an instance (docs/contract.md §11), for callers who may read the instance. */
@ApplicationScoped
public class JobStatusService {

    @Inject
    JobReadService reads;

    @Inject
    JobLookup lookup;

    @Inject
    JobInstanceRepository instances;

    /** Checks that the caller may read the instance, then builds its status. */
    public JobStatus status(long instanceId, CallerScope caller) {
        return statusOf(reads.instance(instanceId, caller));
    }

    /** The status without a caller check: for a caller already checked, e.g. once a wait for a final state ends. */
    public JobStatus statusOf(long instanceId) {
        return statusOf(lookup.instance(instanceId));
    }

    /**
     * Whether the instance's row shows a final state: a waiting client checks this every 250 ms, and the whole
     * status (executions, steps, metrics, JSL) is built only once it does. That status can still be Processing for
     * a moment, see {@link #statusOf(JobInstanceRecord)}.
     */
    public boolean isFinal(long instanceId) {
        return !lookup.instance(instanceId).instanceState().isActive();
    }

    /**
     * The status of the instance and its executions. A final instance state whose latest execution has not ended
     * yet is still Processing: the runtime writes the two rows one after the other, and the repository is read
     * without locks ({@link io.batchrest.repository.BatchDatabase#query}), so a reader can see the instance final
     * while the execution's end time is not written yet; a status that says Completed has its Completed time.
     */
    private JobStatus statusOf(JobInstanceRecord instance) {
        long instanceId = instance.instanceId();
        List<JobExecutionRecord> executions = lookup.executionsOf(instanceId);
        JobExecutionRecord latest = executions.isEmpty() ? null : executions.get(0);
        JobStatus.Status status = latest != null && !latest.hasEnded() && !instance.instanceState().isActive()
                ? JobStatus.Status.Processing : JobStatus.Status.of(instance.instanceState(), executions.size());
        return new JobStatus(instanceId, status, text(instance.submitter()),
                latest == null ? "" : text(latest.serverId()),
                message(instance, latest),
                instance.createTime(), instance.lastUpdatedTime(),
                status.isFinal() && latest != null ? latest.endTime() : null,
                progress(instance, executions),
                latest == null ? "" : latest.jobParameters().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")));
    }

    private static String message(JobInstanceRecord instance, JobExecutionRecord latest) {
        String job = "Job " + text(instance.jobName()) + " (instance " + instance.instanceId() + ") is "
                + instance.instanceState();
        return latest == null ? job + "; it has no execution yet."
                : job + "; its latest execution " + latest.executionId() + " has batch status " + latest.batchStatus()
                + (latest.exitStatus() == null ? "." : " and exit status " + latest.exitStatus() + ".");
    }

    /** Steps that completed in any execution, of the steps in the JSL; items of every chunk step run so far. */
    private Progress progress(JobInstanceRecord instance, List<JobExecutionRecord> executions) {
        Set<String> completedSteps = new HashSet<>();
        long read = 0;
        long written = 0;
        long filtered = 0;
        long skipped = 0;
        for (JobExecutionRecord execution : executions) {
            execution.steps().stream().filter(step -> step.batchStatus() == BatchStatus.COMPLETED)
                    .forEach(step -> completedSteps.add(step.stepName()));
            for (StepExecutionRecord step : lookup.stepsOf(execution.executionId())) {
                StepMetrics metrics = step.metrics();
                read += metrics.read();
                written += metrics.write();
                filtered += metrics.filter();
                skipped += metrics.readSkip() + metrics.processSkip() + metrics.writeSkip();
            }
        }
        int total = instances.jobXml(instance.instanceId()).map(JslDocument::stepCount).orElse(0);
        return new Progress(completedSteps.size(), Math.max(total, completedSteps.size()), read, written, filtered,
                skipped);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
