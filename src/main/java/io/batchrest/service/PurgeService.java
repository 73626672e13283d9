package io.batchrest.service;

import io.batchrest.model.Refusal;
import io.batchrest.model.RefusalMessages;
import io.batchrest.cluster.PeerUnreachableException;
import io.batchrest.events.JobEvents;
import io.batchrest.metrics.BatchMetrics;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.repository.JobInstancePurge;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.RepositoryException;
import io.batchrest.repository.Totals;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.Optional;

/**
 * Purge (docs/contract.md §7). Authority is checked first (a monitor is refused before anything is touched), then the
 * active check, then the job logs and the repository rows: a single purge in one transaction, a bulk purge (and
 * retention) a hundred instances to a transaction; a failure on one instance leaves that instance whole and does not
 * stop the others.
 */
@ApplicationScoped
public class PurgeService {

    private static final Logger LOG = Logger.getLogger(PurgeService.class.getName());

    /**
     * How long after a final instance's last update its latest execution may still be recording its end; an
     * execution still unfinished after that was left so by a crash, and does not keep its instance.
     */
    static final Duration END_BEING_RECORDED = Duration.ofMinutes(2);

    /** The time against which an instance's last update counts as recent; tests set their own. */
    Clock clock = Clock.systemUTC();

    @Inject
    JobLookup lookup;

    @Inject
    JobInstanceRepository instances;

    @Inject
    JobInstancePurge purge;

    @Inject
    JobLogService jobLogs;

    @Inject
    BatchMetrics metrics;

    @Inject
    JobEvents events;

    /**
     * Purges one instance, or refuses: 403, 404, 409, and the outcomes a bulk purge reports per instance as the
     * status they are (a repository failure is the repository's refusal).
     */
    public void purge(long instanceId, boolean jobStoreOnly, CallerScope caller) {
        caller.requireBatchRole();
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireAct("purge", instanceId, instance.submitter());
        PurgeResult result = attempt(instance, jobStoreOnly);
        switch (result.status()) {
            case COMPLETED -> { }
            case STILL_ACTIVE -> throw Refusal.conflict(result.message());
            case NOT_LOCAL -> throw Refusal.unavailable(result.message());
            default -> throw isGone(result) ? Refusal.notFound(result.message()) : Refusal.fault(result.message());
        }
    }

    /**
     * Purges the current page of a search, one result per match in search order. A submitter-only caller's search
     * sees only their own instances, so they can never purge another's.
     */
    public List<PurgeResult> purgeMatching(JobInstanceSearch search, boolean jobStoreOnly, CallerScope caller) {
        return purgeTogether(instances.search(search, purgeScope(caller), Totals.NONE).items(), jobStoreOnly);
    }

    /**
     * A dry run of {@link #purgeMatching}: the same authority, search and active check, and the result a purge would
     * start from, WOULD_PURGE or STILL_ACTIVE, for each match; nothing is deleted (docs/contract.md §7).
     */
    public List<PurgeResult> dryRunMatching(JobInstanceSearch search, boolean jobStoreOnly, CallerScope caller) {
        List<PurgeResult> results = new ArrayList<>();
        for (JobInstanceRecord instance : instances.search(search, purgeScope(caller), Totals.NONE).items()) {
            long instanceId = instance.instanceId();
            results.add(stillRunning(instance)
                    ? stillActive(instanceId)
                    : new PurgeResult(instanceId, PurgeResult.Status.WOULD_PURGE, "Not purged (dry run): a purge "
                            + "would delete its " + (jobStoreOnly ? "" : "job log files and its ")
                            + "repository rows.", ""));
        }
        return results;
    }

    /** Whose instances a bulk purge selects (CallerScope owns the rule). */
    static Optional<String> purgeScope(CallerScope caller) {
        return caller.ownInstancesToAct("purge");
    }

    /**
     * Purges a batch of finished instances that retention selected (README, "Retention"), as a bulk purge does
     * ({@link #purgeTogether}). Retention is configured by the administrator, so no caller's authority is checked.
     */
    public List<PurgeResult> purgeExpired(List<JobInstanceRecord> instances) {
        return purgeTogether(instances, false);
    }

    /**
     * Instances per transaction of {@link #purgeTogether}: one commit for many, while the locks on their rows, which
     * concurrent searches and submissions may wait for, are held for a short time only.
     */
    static final int INSTANCES_PER_TRANSACTION = 100;

    /**
     * Purges instances with the outcomes of a bulk purge, in the order given: each instance's job logs first, then the
     * rows of those whose logs are gone, {@link #INSTANCES_PER_TRANSACTION} instances to a transaction, so that they
     * cost one commit rather than one per instance (docs/benchmarks.md, "Retention under load"); should such a
     * transaction fail, its instances one by one, each left whole if its own purge fails.
     */
    private List<PurgeResult> purgeTogether(List<JobInstanceRecord> instances, boolean jobStoreOnly) {
        List<PurgeResult> results = new ArrayList<>();
        for (int from = 0; from < instances.size(); from += INSTANCES_PER_TRANSACTION) {
            results.addAll(purgeInOneTransaction(
                    instances.subList(from, Math.min(from + INSTANCES_PER_TRANSACTION, instances.size())), jobStoreOnly));
        }
        return results;
    }

    private List<PurgeResult> purgeInOneTransaction(List<JobInstanceRecord> instances, boolean jobStoreOnly) {
        Map<Long, PurgeResult> results = new HashMap<>();
        List<JobInstanceRecord> logsGone = new ArrayList<>();
        for (JobInstanceRecord instance : instances) {
            long instanceId = instance.instanceId();
            Optional<PurgeResult> refused = stillRunning(instance) ? Optional.of(stillActive(instanceId))
                    : jobStoreOnly ? Optional.empty() : deleteLogFiles(instanceId);
            refused.ifPresentOrElse(result -> results.put(instanceId, result), () -> logsGone.add(instance));
        }
        try {
            Map<Long, JobInstancePurge.Outcome> outcomes = logsGone.isEmpty() ? Map.of()
                    : purge.purgeAll(logsGone.stream().map(JobInstanceRecord::instanceId).toList());
            logsGone.forEach(instance -> results.put(instance.instanceId(),
                    resultOf(instance, outcomes.get(instance.instanceId()), jobStoreOnly)));
        } catch (RepositoryException e) {
            LOG.log(Level.WARNING, "The purge of " + logsGone.size() + " job instances in one transaction failed; "
                    + "purging them one by one", e);
            logsGone.forEach(instance -> results.put(instance.instanceId(), purgeOne(instance, jobStoreOnly)));
        }
        return instances.stream().map(instance -> results.get(instance.instanceId())).toList();
    }

    /** One instance of a bulk purge: a repository failure is reported for the instance, and the others go on. */
    PurgeResult purgeOne(JobInstanceRecord instance, boolean jobStoreOnly) {
        long instanceId = instance.instanceId();
        try {
            return attempt(instance, jobStoreOnly);
        } catch (RepositoryException e) {
            LOG.log(Level.WARNING, "Purge of job instance " + instanceId + " failed; its rows were left in place", e);
            return jobStoreOnly
                    ? new PurgeResult(instanceId, PurgeResult.Status.FAILED, "The job repository rows of job instance "
                            + instanceId + " could not be deleted; the instance was left unchanged.", "")
                    : new PurgeResult(instanceId, PurgeResult.Status.JOBLOGS_ONLY, "The job log files of job instance "
                            + instanceId + " were deleted, but its repository rows could not be.", "");
        }
    }

    /**
     * The purge of one instance, single or in bulk: logs first, then rows; a failure leaves the instance as whole as
     * it can (docs/contract.md §7). The outcome is said in the bulk purge's words, which a single purge turns into
     * its refusals.
     */
    private PurgeResult attempt(JobInstanceRecord instance, boolean jobStoreOnly) {
        long instanceId = instance.instanceId();
        if (stillRunning(instance)) {
            return stillActive(instanceId);
        }
        if (!jobStoreOnly) {
            Optional<PurgeResult> failed = deleteLogFiles(instanceId);
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        return resultOf(instance, purge.purge(instanceId), jobStoreOnly);
    }

    /**
     * Whether an instance cannot be purged yet: its state is active, or it turned final a moment ago and its latest
     * execution has not recorded its end yet. Liberty's runtime writes the instance's final state first (see
     * {@link JobStatusService}); a purge in between would delete the execution row the runtime is about to update.
     * Only an instance updated within {@link #END_BEING_RECORDED} costs a read of its executions.
     */
    private boolean stillRunning(JobInstanceRecord instance) {
        if (instance.instanceState().isActive()) {
            return true;
        }
        Instant updated = instance.lastUpdatedTime();
        if (updated == null || updated.isBefore(clock.instant().minus(END_BEING_RECORDED))) {
            return false;
        }
        List<JobExecutionRecord> executions = lookup.executionsOf(instance.instanceId());
        return !executions.isEmpty() && !executions.get(0).hasEnded();
    }

    /** What the deletion of an instance's rows found, in the bulk purge's words. */
    private PurgeResult resultOf(JobInstanceRecord instance, JobInstancePurge.Outcome outcome, boolean jobStoreOnly) {
        long instanceId = instance.instanceId();
        return switch (outcome) {
            case PURGED -> {
                purged(instance, jobStoreOnly); // every row is gone, in one transaction
                yield PurgeResult.completed(instanceId);
            }
            case ACTIVE -> stillActive(instanceId);
            case NOT_FOUND -> new PurgeResult(instanceId, PurgeResult.Status.FAILED,
                    RefusalMessages.noSuchInstance(instanceId), "");
        };
    }

    /** The instance was purged by someone else meanwhile. */
    private static boolean isGone(PurgeResult result) {
        return result.status() == PurgeResult.Status.FAILED
                && result.message().equals(RefusalMessages.noSuchInstance(result.instanceId()));
    }

    private static PurgeResult stillActive(long instanceId) {
        return new PurgeResult(instanceId, PurgeResult.Status.STILL_ACTIVE, activeMessage(instanceId), "");
    }

    private void purged(JobInstanceRecord instance, boolean jobStoreOnly) {
        metrics.instancePurged(jobStoreOnly);
        events.purged(instance);
    }

    /** Deletes the instance's log files first; if they cannot all go, the purge ends with this result. */
    private Optional<PurgeResult> deleteLogFiles(long instanceId) {
        try {
            jobLogs.deleteFiles(instanceId);
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Job logs of job instance " + instanceId + " could not be deleted", e);
            return Optional.of(new PurgeResult(instanceId, PurgeResult.Status.FAILED, "The job log files of job "
                    + "instance " + instanceId + " could not all be deleted, so its repository rows were left in "
                    + "place.", ""));
        } catch (PeerUnreachableException e) {
            LOG.log(Level.WARNING, "Job logs of job instance " + instanceId + " could not be deleted", e);
            return Optional.of(new PurgeResult(instanceId, PurgeResult.Status.NOT_LOCAL,
                    notLocalMessage(instanceId, e), e.restUrl()));
        }
    }

    private static String notLocalMessage(long instanceId, PeerUnreachableException e) {
        return "Job log files of job instance " + instanceId + " are on the server at " + e.restUrl()
                + ", which did not delete them: " + e.getMessage() + " The instance was left in place; purge it "
                + "again when that server is back.";
    }

    private static String activeMessage(long instanceId) {
        return "The specified job instance, " + instanceId + ", cannot be purged because it has active job executions.";
    }
}
