package io.batchrest.service;

import io.batchrest.cluster.ServerIdentity;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.model.RetentionCriteria;
import io.batchrest.model.RetentionLease;
import io.batchrest.model.RetentionRun;
import io.batchrest.repository.RetentionCandidates;
import io.batchrest.repository.RetentionLeaseStore;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.batchrest.service.Fakes.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run of retention (README, "Retention"): batches, failures, the lease. */
class RetentionServiceTest {

    /** The warnings of failed purges and a lost lease are expected here; held, so that the levels stay set. */
    private static final List<Logger> QUIET = List.of(quiet(RetentionService.class), quiet(PurgeService.class));

    private final Fakes fakes = new Fakes();
    private final Candidates candidates = new Candidates();
    private final Leases leases = new Leases();
    private final RetentionService retention = new RetentionService();

    RetentionServiceTest() {
        retention.candidates = candidates;
        retention.leases = leases;
        retention.purges = fakes.purgeService();
        retention.metrics = fakes.metrics;
        retention.identity = new ServerIdentity() {
            @Override
            public String serverId() {
                return Fakes.THIS_SERVER;
            }
        };
        retention.settings = RetentionSettings.read(name -> Optional.ofNullable(Map.of(
                RetentionSettings.RULES, "*: COMPLETED=P1D, FAILED=P1D; audit:",
                RetentionSettings.BATCH_SIZE, "2").get(name)));
    }

    @Test
    void aRunPurgesEverySelectedInstanceBatchByBatchRenewingTheLeaseAndRecordsItself() {
        Instant old = addOldPayroll(5);
        add(6, "payroll", InstanceState.COMPLETED, Instant.now());
        add(7, "payroll", InstanceState.DISPATCHED, old);
        add(8, "audit", InstanceState.FAILED, old);
        add(9, "billing", InstanceState.FAILED, old);
        retention.renewalInterval = Duration.ZERO;

        RetentionRun run = retention.runNow(Fakes.ADMIN);

        assertEquals(6, run.purged());
        assertEquals(0, run.failed());
        assertEquals(Fakes.THIS_SERVER, run.server());
        assertEquals(List.of(9L, 1L, 2L, 3L, 4L, 5L), fakes.purge.calls); // job names in order, lowest id first
        assertEquals(List.of(6L, 7L, 8L), ids(fakes.allInstances()));
        assertEquals(List.of(true, true, true, true, true, true), fakes.metrics.retentionPurges);
        assertEquals(4, leases.renewals, "after each batch: billing's one, payroll's three");
        assertEquals(List.of(run), leases.runs);
        assertEquals(Optional.empty(), leases.holder, "released at the end");
    }

    @Test
    void anInstanceThatCannotBePurgedStaysAndTheRunGoesOnAfterIt() {
        addOldPayroll(4);
        fakes.jobLogs.failures.put(2L, new IOException("read-only file system"));

        RetentionRun run = retention.runNow(Fakes.ADMIN);

        assertEquals(3, run.purged());
        assertEquals(1, run.failed());
        assertEquals(List.of(2L), ids(fakes.allInstances()));
        assertEquals(List.of(1L, 2L, 3L, 4L), fakes.jobLogs.deletions, "each tried once");
        assertEquals(List.of(true, false, true, true), fakes.metrics.retentionPurges);
    }

    @Test
    void aRunThatLosesTheLeaseStopsAfterItsBatch() {
        addOldPayroll(5);
        leases.renewable = false;
        retention.renewalInterval = Duration.ZERO;

        RetentionRun run = retention.runNow(Fakes.ADMIN);

        assertEquals(2, run.purged());
        assertEquals(List.of(3L, 4L, 5L), ids(fakes.allInstances()));
    }

    /** A renewal is a commit of its own: a run renews the lease only once the last renewal is 30 s old. */
    @Test
    void aRunShorterThanTheRenewalIntervalDoesNotRenewTheLease() {
        addOldPayroll(5);
        leases.renewable = false;

        RetentionRun run = retention.runNow(Fakes.ADMIN);

        assertEquals(5, run.purged());
        assertEquals(0, leases.renewals);
        assertEquals(List.of(), ids(fakes.allInstances()));
        assertEquals(Optional.empty(), leases.holder, "released at the end");
    }

    @Test
    void aRunIsRefusedWhileAnotherServerHoldsTheLease() {
        add(1, "payroll", InstanceState.COMPLETED, Instant.now().minus(Duration.ofDays(2)));
        leases.holder = Optional.of("server-2");

        assertRefused(Refusal.Kind.CONFLICT, "Retention is running already, on server server-2; ask again when that "
                + "run is over.", () -> retention.runNow(Fakes.ADMIN));
        assertEquals(List.of(), fakes.purge.calls);
        assertEquals(List.of(), leases.runs);
    }

    @Test
    void aRunIsRefusedWhileRetentionIsOffAndToAnyoneButABatchAdmin() {
        assertRefused(Refusal.Kind.FORBIDDEN, "User submitter1 is not authorized to run retention: that needs the "
                + "batchAdmin role.", () -> retention.runNow(Fakes.SUBMITTER));
        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to read the retention settings: that "
                + "needs the batchAdmin role.", () -> retention.status(new io.batchrest.query.PageRequest(0, 50),
                Fakes.MONITOR));

        retention.settings = RetentionSettings.read(name -> Optional.empty());
        assertRefused(Refusal.Kind.CONFLICT, "Retention is off: batchrest.retention.rules sets no rules.",
                () -> retention.runNow(Fakes.ADMIN));
        retention.settings = RetentionSettings.read(name -> name.equals(RetentionSettings.RULES)
                ? Optional.of("payroll: DONE=P1D") : Optional.empty());
        assertRefused(Refusal.Kind.CONFLICT, "Retention is off: The retention rule for payroll names \"DONE\", which "
                + "is not a final state: use COMPLETED, FAILED, STOPPED, ABANDONED or keepLast.",
                () -> retention.runNow(Fakes.ADMIN));
    }

    @Test
    void theDryRunCountsAndListsWhatARunWouldPurgeLowestIdFirst() {
        Instant old = Instant.now().minus(Duration.ofDays(2));
        add(1, "payroll", InstanceState.COMPLETED, old);
        add(2, "billing", InstanceState.FAILED, old);
        add(3, "payroll", InstanceState.COMPLETED, old);
        add(4, "payroll", InstanceState.COMPLETED, Instant.now());

        RetentionStatus status = retention.status(new io.batchrest.query.PageRequest(0, 2), Fakes.ADMIN);

        assertEquals(3, status.selected());
        assertEquals(List.of(1L, 2L), ids(status.page()));
        assertEquals(List.of(3L), ids(retention.status(new io.batchrest.query.PageRequest(1, 2), Fakes.ADMIN).page()));
        assertTrue(fakes.purge.calls.isEmpty());
    }

    /** Instances 1 to {@code count} of payroll, COMPLETED two days ago; returns that time. */
    private Instant addOldPayroll(int count) {
        Instant old = Instant.now().minus(Duration.ofDays(2));
        for (long id = 1; id <= count; id++) {
            add(id, "payroll", InstanceState.COMPLETED, old);
        }
        return old;
    }

    private void add(long id, String jobName, InstanceState state, Instant lastUpdated) {
        fakes.put(new JobInstanceRecord(id, jobName, Fakes.APPLICATION, "admin", BatchStatus.COMPLETED, jobName, state,
                "", lastUpdated, lastUpdated, 0));
    }

    private static List<Long> ids(List<JobInstanceRecord> instances) {
        return instances.stream().map(JobInstanceRecord::instanceId).toList();
    }

    private static Logger quiet(Class<?> type) {
        Logger logger = Logger.getLogger(type.getName());
        logger.setLevel(Level.OFF);
        return logger;
    }

    /** The repository's instances as the criteria select them, like the SQL of {@link RetentionCandidates}. */
    private final class Candidates extends RetentionCandidates {

        @Override
        public List<String> jobNames() {
            return fakes.allInstances().stream().map(JobInstanceRecord::jobName).distinct().sorted().toList();
        }

        @Override
        public Selection select(RetentionCriteria criteria) {
            return new Selection(criteria, Optional.empty(), List.of());
        }

        @Override
        public List<JobInstanceRecord> page(Selection selection, long afterId, int limit) {
            return selected(selection.criteria()).stream().filter(instance -> instance.instanceId() > afterId)
                    .limit(limit).toList();
        }

        @Override
        public long count(Selection selection) {
            return selected(selection.criteria()).size();
        }

        private List<JobInstanceRecord> selected(RetentionCriteria criteria) {
            List<JobInstanceRecord> all = fakes.allInstances();
            return all.stream().filter(instance -> criteria.selects(instance, (int) all.stream()
                    .filter(other -> other.jobName().equals(instance.jobName()) && !other.instanceState().isActive()
                            && other.instanceId() > instance.instanceId()).count())).toList();
        }
    }

    /** The lease row: free unless a holder is set; renewals succeed while {@link #renewable}. */
    private static final class Leases extends RetentionLeaseStore {

        Optional<String> holder = Optional.empty();
        boolean renewable = true;
        int renewals;
        final List<RetentionRun> runs = new ArrayList<>();

        @Override
        public boolean take(String server, Instant now, Instant expires) {
            if (holder.isPresent() && !holder.get().equals(server)) {
                return false;
            }
            holder = Optional.of(server);
            return true;
        }

        @Override
        public boolean renew(String server, Instant expires) {
            renewals++;
            return renewable;
        }

        @Override
        public void release(String server) {
            if (holder.equals(Optional.of(server))) {
                holder = Optional.empty();
            }
        }

        @Override
        public void recordRun(RetentionRun run) {
            runs.add(run);
        }

        @Override
        public Optional<RetentionLease> read() {
            return Optional.of(new RetentionLease(holder, Optional.empty(), runs.isEmpty() ? Optional.empty()
                    : Optional.of(runs.get(runs.size() - 1))));
        }
    }
}
