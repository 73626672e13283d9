package io.batchrest.service;

import io.batchrest.cluster.ServerIdentity;
import io.batchrest.metrics.BatchMetrics;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.model.RetentionCriteria;
import io.batchrest.model.RetentionLease;
import io.batchrest.model.RetentionRun;
import io.batchrest.query.PageRequest;
import io.batchrest.repository.RepositoryException;
import io.batchrest.repository.RetentionCandidates;
import io.batchrest.repository.RetentionLeaseStore;
import io.batchrest.security.CallerScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Retention (README, "Retention"): every {@code batchrest.retention.interval} one server of the cluster purges the
 * finished instances that the rules no longer keep, a batch at a time: each instance's job logs as in a bulk purge,
 * then the rows of the batch's instances in one transaction, so submissions go on meanwhile. The server that runs
 * holds the cluster's lease ({@link RetentionLeaseStore}) and renews it every {@link #renewalInterval}; a run that
 * finds the lease held by another server does nothing. The settings are read and checked once, at start: a setting
 * that cannot be understood is logged and turns retention off.
 */
@ApplicationScoped
public class RetentionService {

    /**
     * How long a lease lasts unless renewed. A batch takes seconds at most; a server that dies holding the lease
     * delays the next run of the others by at most this long.
     */
    static final Duration LEASE_DURATION = Duration.ofMinutes(5);

    /**
     * The lease is renewed after the first batch that ends this long after the last renewal, not after every batch: a
     * renewal is a transaction of its own, whose commit waits for the database's log behind the submissions' (a tenth
     * of a run's time at 1,000,000 instances, docs/benchmarks.md). A run learns that it lost the lease that much later.
     */
    Duration renewalInterval = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(RetentionService.class.getName());

    @Inject
    RetentionCandidates candidates;

    @Inject
    RetentionLeaseStore leases;

    @Inject
    PurgeService purges;

    @Inject
    ServerIdentity identity;

    @Inject
    BatchMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Read at start; until then (and in unit tests, until set) retention is off. */
    volatile RetentionSettings settings = RetentionSettings.read(name -> Optional.empty());

    /** Held by the run of this server, so that a run asked for by an administrator never overlaps a scheduled one. */
    private final ReentrantLock running = new ReentrantLock();

    private ScheduledFuture<?> schedule;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        settings = RetentionSettings.read(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
        if (settings.problem().isPresent()) {
            LOG.severe("Retention is off: " + settings.problem().get());
        } else if (settings.enabled()) {
            LOG.info("Retention runs every " + RetentionSettings.iso(settings.interval()) + " with "
                    + settings.rules().rules().size() + " rule(s), " + settings.batchSize() + " instances per batch.");
            long millis = settings.interval().toMillis();
            schedule = scheduler.scheduleWithFixedDelay(this::runInBackground, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** The settings, the lease and a dry run: page {@code paging} of what a run would purge now. batchAdmin only. */
    public RetentionStatus status(PageRequest paging, CallerScope caller) {
        caller.requireAdmin("read the retention settings");
        Optional<RetentionLease> lease = leases.read();
        Instant now = Instant.now();
        if (!settings.enabled()) {
            return new RetentionStatus(settings, lease, now, 0, List.of());
        }
        long selected = 0;
        List<JobInstanceRecord> firstOnes = new ArrayList<>();
        int wanted = (int) Math.min(paging.offset() + paging.pageSize(), Integer.MAX_VALUE);
        for (RetentionCriteria criteria : criteria(now)) {
            RetentionCandidates.Selection selection = candidates.select(criteria);
            selected += candidates.count(selection);
            firstOnes.addAll(candidates.page(selection, 0, wanted));
        }
        List<JobInstanceRecord> page = firstOnes.stream()
                .sorted(Comparator.comparingLong(JobInstanceRecord::instanceId))
                .skip(paging.offset()).limit(paging.pageSize()).toList();
        return new RetentionStatus(settings, lease, now, selected, page);
    }

    /**
     * Runs retention now, on this server, and answers when the run is over. batchAdmin only; refused while retention
     * is off or while a run holds the lease.
     */
    public RetentionRun runNow(CallerScope caller) {
        caller.requireAdmin("run retention");
        if (!settings.enabled()) {
            throw Refusal.conflict(settings.problem().map(problem -> "Retention is off: " + problem)
                    .orElse("Retention is off: " + RetentionSettings.RULES + " sets no rules."));
        }
        return run().orElseThrow(() -> Refusal.conflict("Retention is running already"
                + leases.read().flatMap(RetentionLease::holder).map(holder -> ", on server " + holder).orElse("")
                + "; ask again when that run is over."));
    }

    private void runInBackground() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A retention run failed; the next one is due in "
                    + RetentionSettings.iso(settings.interval()), e);
        }
    }

    /** Empty if another run holds the lease, on this server or another. */
    private Optional<RetentionRun> run() {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            String server = identity.serverId();
            Instant started = Instant.now();
            if (!leases.take(server, started, started.plus(LEASE_DURATION))) {
                return Optional.empty();
            }
            long[] counts = new long[2]; // purged, failed
            try {
                purgeSelected(server, started, counts);
            } catch (RepositoryException e) {
                LOG.log(Level.WARNING, "A retention run stopped early; the next run goes on from where it stopped", e);
            }
            RetentionRun run = new RetentionRun(server, started, Instant.now(), counts[0], counts[1]);
            try {
                leases.recordRun(run);
            } finally {
                leases.release(server);
            }
            if (run.purged() > 0 || run.failed() > 0) {
                LOG.info("Retention purged " + run.purged() + " job instance(s); " + run.failed() + " could not be "
                        + "purged.");
            }
            return Optional.of(run);
        } finally {
            running.unlock();
        }
    }

    /**
     * Batch by batch, lowest id first per job name. Every instance is tried once per run: one that fails stays, and
     * the batches go on after it.
     */
    private void purgeSelected(String server, Instant now, long[] counts) {
        Instant renewed = now;
        for (RetentionCriteria criteria : criteria(now)) {
            RetentionCandidates.Selection selection = candidates.select(criteria);
            long after = 0;
            List<JobInstanceRecord> batch;
            do {
                batch = candidates.page(selection, after, settings.batchSize());
                if (batch.isEmpty()) {
                    break;
                }
                after = batch.get(batch.size() - 1).instanceId();
                for (PurgeResult result : purges.purgeExpired(batch)) {
                    boolean purged = result.status() == PurgeResult.Status.COMPLETED;
                    counts[purged ? 0 : 1]++;
                    metrics.retentionPurge(purged);
                    if (!purged) {
                        LOG.warning("Retention could not purge job instance " + result.instanceId() + ": "
                                + result.message());
                    }
                }
                Instant batchEnded = Instant.now();
                if (!batchEnded.isBefore(renewed.plus(renewalInterval))) {
                    if (!leases.renew(server, batchEnded.plus(LEASE_DURATION))) {
                        LOG.warning("This server lost the retention lease (it expired, and another server took it); "
                                + "its run stops here.");
                        return;
                    }
                    renewed = batchEnded;
                }
            } while (batch.size() == settings.batchSize());
        }
    }

    /** The criteria of every job name that a rule applies to: those with a rule of their own, then the others. */
    private List<RetentionCriteria> criteria(Instant now) {
        RetentionRules rules = settings.rules();
        List<RetentionCriteria> all = new ArrayList<>();
        rules.rules().stream().filter(rule -> !rule.general())
                .forEach(rule -> all.add(rule.criteria(rule.jobName(), now)));
        rules.general().ifPresent(general -> candidates.jobNames().stream()
                .filter(jobName -> !rules.namedJobs().contains(jobName))
                .forEach(jobName -> all.add(general.criteria(jobName, now))));
        return all;
    }
}
