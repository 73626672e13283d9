package io.batchrest.service;

import io.batchrest.cluster.ServerIdentity;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.PurgeTaskRecord;
import io.batchrest.model.PurgeTaskState;
import io.batchrest.model.Refusal;
import io.batchrest.model.RefusalMessages;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.PurgeTaskStore;
import io.batchrest.repository.RepositoryException;
import io.batchrest.repository.SearchPage;
import io.batchrest.repository.Totals;
import io.batchrest.security.CallerScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asynchronous bulk purges (docs/contract.md §7, "Asynchronous bulk purge"). Creating a task fixes the instances it
 * purges: every match of the search, with the authority of a bulk purge. The task then purges them in the background,
 * in batches of {@code batchrest.purge.batchSize} with a pause of {@code batchrest.purge.batchPauseMillis} between
 * batches, each instance exactly as a bulk purge does ({@link PurgeService}), and records each result and the counts
 * in its table, so that clients can follow it and a restart of this server resumes it with the instances left.
 */
@ApplicationScoped
public class PurgeTasks {

    private static final Logger LOG = Logger.getLogger(PurgeTasks.class.getName());

    static final int DEFAULT_BATCH_SIZE = 20;
    /** Failures in a row, without a result in between, after which a task ends FAILED. */
    static final int ATTEMPTS = 3;
    private static final long PAUSE_STEP_MILLIS = 100;

    @Inject
    PurgeService purges;

    @Inject
    JobInstanceRepository instances;

    @Inject
    PurgeTaskStore store;

    @Inject
    ServerIdentity identity;

    @Resource
    ManagedExecutorService executor;

    Clock clock = Clock.systemUTC();

    /** Set when the application stops: a running task then leaves off where it is, RUNNING, to be resumed. */
    private volatile boolean stopping;

    int batchSize = ConfigProvider.getConfig().getOptionalValue("batchrest.purge.batchSize", Integer.class)
            .filter(size -> size > 0).orElse(DEFAULT_BATCH_SIZE);

    long batchPauseMillis = ConfigProvider.getConfig()
            .getOptionalValue("batchrest.purge.batchPauseMillis", Long.class).filter(pause -> pause >= 0).orElse(0L);

    /** How long a task waits after a failure before it goes on. */
    long retryDelayMillis = 10_000;

    /**
     * Starts purging every instance the search selects for this caller (a submitter's own only; a monitor is refused
     * as by a bulk purge), in the search's order.
     *
     * @param request the request's path and query as the client sent it, which the task shows as its search
     */
    public PurgeTaskRecord start(JobInstanceSearch search, String request, boolean jobStoreOnly, CallerScope caller) {
        List<Long> matched = matching(search, PurgeService.purgeScope(caller));
        Instant now = clock.instant();
        PurgeTaskRecord task = new PurgeTaskRecord(UUID.randomUUID().toString(), caller.user(), identity.serverId(),
                PurgeTaskState.RUNNING, request, jobStoreOnly, matched.size(), 0, 0, "", now, now, null);
        store.create(task, matched);
        executor.execute(() -> run(task.taskId()));
        return store.find(task.taskId()).orElse(task);
    }

    /** The task with one page of its results, in purge order: for its submitter and batchAdmins only. */
    public PurgeTaskReport read(String taskId, PageRequest page, CallerScope caller) {
        PurgeTaskRecord task = visibleTask(taskId, "read", caller);
        List<PurgeResult> results = new ArrayList<>(store.items(taskId, page.offset(), page.pageSize() + 1).stream()
                .map(item -> new PurgeResult(item.instanceId(), PurgeResult.Status.valueOf(item.purgeStatus()),
                        item.message(), item.redirectUrl())).toList());
        boolean hasNext = results.size() > page.pageSize();
        List<PurgeResult> shown = hasNext ? results.subList(0, page.pageSize()) : results;
        return new PurgeTaskReport(task, new Page<>(shown, page, hasNext, task.matched(), true, Optional.empty()));
    }

    /** The caller's tasks (a batchAdmin's: every task), newest first. */
    public Page<PurgeTaskRecord> list(PageRequest page, CallerScope caller) {
        caller.requireBatchRole();
        Optional<String> submitter = caller.admin() ? Optional.empty() : Optional.of(caller.user());
        List<PurgeTaskRecord> tasks = store.list(submitter, page.offset(), page.pageSize() + 1);
        boolean hasNext = tasks.size() > page.pageSize();
        return new Page<>(hasNext ? tasks.subList(0, page.pageSize()) : tasks, page, hasNext, store.count(submitter),
                true, Optional.empty());
    }

    /**
     * Cancels a running task: it stops before its next instance (the one being purged is finished and its result
     * recorded); what was purged stays purged. A task that has ended is a conflict.
     */
    public PurgeTaskRecord cancel(String taskId, CallerScope caller) {
        visibleTask(taskId, "cancel", caller);
        if (!store.end(taskId, PurgeTaskState.CANCELLED, "", clock.instant())) {
            PurgeTaskState state = store.find(taskId).map(PurgeTaskRecord::state).orElse(PurgeTaskState.CANCELLED);
            throw Refusal.conflict("Purge task " + taskId + " has ended (" + state + "): there is nothing to cancel.");
        }
        return store.find(taskId).orElseThrow(() -> Refusal.notFound(noSuchTask(taskId)));
    }

    /**
     * Tasks this server was running when it stopped are resumed, in the background like the marking of crashed
     * executions: start-up does not wait for the repository.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Instant started = clock.instant();
        executor.execute(() -> {
            try {
                resume(started);
            } catch (RepositoryException e) {
                LOG.log(Level.WARNING, "Purge tasks cut off by an earlier stop of this server could not be resumed",
                        e);
            }
        });
    }

    /**
     * A stopping server leaves its tasks RUNNING rather than letting the failures of its going resources end them
     * FAILED: they are resumed when it starts again.
     */
    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        stopping = true;
    }

    /** Resumes the tasks left RUNNING on this server by a stop before {@code started}. */
    void resume(Instant started) {
        for (String taskId : store.runningOn(identity.serverId(), started)) {
            LOG.info("Purge task " + taskId + " was running on this server when it stopped; it is resumed with the "
                    + "instances it had not purged yet.");
            executor.execute(() -> run(taskId));
        }
    }

    /**
     * Purges the task's instances that have no result yet, batch by batch, until none is left or the task is no
     * longer RUNNING (cancelled). A failure is tried again after {@code retryDelayMillis}, and only
     * {@value #ATTEMPTS} failures in a row without a result in between end the task FAILED: a server that is being
     * stopped loses its settings and resources while it still runs the task (its resources fail before the
     * application hears of the stop), and such a task must stay RUNNING, to be resumed.
     */
    void run(String taskId) {
        int failuresInARow = 0;
        while (true) {
            AtomicInteger recorded = new AtomicInteger();
            try {
                purgeRemaining(taskId, recorded);
                return;
            } catch (RuntimeException e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    return; // the task stays RUNNING and is resumed when the server starts again
                }
                failuresInARow = recorded.get() > 0 ? 1 : failuresInARow + 1;
                if (failuresInARow >= ATTEMPTS) {
                    LOG.log(Level.WARNING, "Purge task " + taskId + " failed " + ATTEMPTS + " times in a row; it "
                            + "ends FAILED", e);
                    endFailed(taskId);
                    return;
                }
                LOG.log(Level.WARNING, "Purge task " + taskId + " failed; it goes on in " + retryDelayMillis
                        + " ms", e);
                if (!pause(retryDelayMillis)) {
                    return;
                }
            }
        }
    }

    private void purgeRemaining(String taskId, AtomicInteger recorded) {
        Optional<PurgeTaskRecord> found = store.find(taskId);
        if (found.isEmpty()) {
            return;
        }
        boolean jobStoreOnly = found.get().jobStoreOnly();
        int after = -1;
        while (true) {
            List<PurgeTaskStore.Item> batch = store.pending(taskId, after, batchSize);
            if (batch.isEmpty()) {
                store.end(taskId, PurgeTaskState.COMPLETED, "", clock.instant());
                return;
            }
            for (PurgeTaskStore.Item item : batch) {
                if (stopping || store.state(taskId).orElse(PurgeTaskState.CANCELLED) != PurgeTaskState.RUNNING) {
                    return;
                }
                PurgeResult result = purgeInBackground(item.instanceId(), jobStoreOnly);
                store.record(taskId, item.position(), result.status().name(), result.message(),
                        result.redirectUrl(), result.status() == PurgeResult.Status.COMPLETED, clock.instant());
                recorded.incrementAndGet();
                after = item.position();
            }
            if (batch.size() == batchSize && !pause(batchPauseMillis)) {
                return;
            }
        }
    }

    /** One instance as a bulk purge purges it, job logs on other servers included (README, "Several servers"). */
    private PurgeResult purgeInBackground(long instanceId, boolean jobStoreOnly) {
        Optional<JobInstanceRecord> instance = instances.findById(instanceId);
        if (instance.isEmpty()) {
            return new PurgeResult(instanceId, PurgeResult.Status.FAILED, RefusalMessages.noSuchInstance(instanceId), "");
        }
        return purges.purgeOne(instance.get(), jobStoreOnly);
    }

    /** Waits, in steps short enough to notice a stop; false if the server is stopping. */
    private boolean pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (!stopping && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(PAUSE_STEP_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                        deadline - System.nanoTime()))));
            }
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void endFailed(String taskId) {
        try {
            store.end(taskId, PurgeTaskState.FAILED, "The purge task stopped: the server failed " + ATTEMPTS
                    + " times in a row to purge or to record a result (see its log). The instances without a result "
                    + "were left in place.", clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purge task " + taskId + " could not be marked FAILED; it stays RUNNING until "
                    + "this server starts again", e);
        }
    }

    private PurgeTaskRecord visibleTask(String taskId, String operation, CallerScope caller) {
        caller.requireBatchRole();
        PurgeTaskRecord task = store.find(taskId).orElseThrow(() -> Refusal.notFound(noSuchTask(taskId)));
        if (!caller.admin() && !caller.user().equals(task.submitter())) {
            throw Refusal.forbidden("User " + caller.user() + " is not authorized to " + operation + " purge task "
                    + taskId + ".");
        }
        return task;
    }

    /** Every match, page after page of the search: by cursor where its order allows one, else by page number. */
    private List<Long> matching(JobInstanceSearch search, Optional<String> scope) {
        List<Long> matched = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        PageRequest page = new PageRequest(0, PageRequest.MAX_PAGE_SIZE);
        while (true) {
            SearchPage found = instances.search(search.withPage(page), scope, Totals.NONE);
            for (JobInstanceRecord instance : found.items()) {
                if (seen.add(instance.instanceId())) {
                    matched.add(instance.instanceId());
                }
            }
            if (!found.hasNext()) {
                return matched;
            }
            long next = page.pageNumber() + 1;
            page = found.next().map(cursor -> new PageRequest(0, PageRequest.MAX_PAGE_SIZE, Optional.of(cursor)))
                    .orElseGet(() -> new PageRequest((int) next, PageRequest.MAX_PAGE_SIZE));
        }
    }

    static String noSuchTask(String taskId) {
        return "No purge task found for task id " + taskId + ".";
    }
}
