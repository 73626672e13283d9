package io.batchrest.events;

import io.batchrest.model.JobChange;
import io.batchrest.model.JobEvent;
import io.batchrest.repository.JobEventLog;
import io.batchrest.repository.RepositoryException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job events of the whole cluster (docs/api.md, "Job events"). Every change a server reports is written to the
 * event table, which gives it its id; every server reads the table every {@code batchrest.events.pollMillis}
 * (default 500), at once after writing its own changes while it has subscribers, and before it subscribes a
 * client, and publishes what it reads, in id order, to its subscribers. A single server works the same way, so ids
 * are the table's everywhere.
 * <p>
 * Job threads only queue their changes: one writer at a time writes the queue in order, in one transaction per batch,
 * so that a job never waits for the database for its events. Rows older than what the buffers need are deleted
 * every minute in small batches.
 */
@ApplicationScoped
public class JobEventFeed {

    public static final int DEFAULT_BUFFER_SIZE = 10_000;
    public static final int DEFAULT_POLL_MILLIS = 500;

    private static final Logger LOG = Logger.getLogger(JobEventFeed.class.getName());

    /** How many rows one read or one write takes at most. */
    private static final int BATCH = 500;
    /** How long a missing id is waited for (see {@link EventIdSequence}), and how often the table is read meanwhile. */
    private static final long HOLE_WAIT_MILLIS = 5000;
    private static final long HOLE_RECHECK_MILLIS = 50;
    /** Rows are kept at least this long, so that a server whose reads stalled for a while still finds them. */
    private static final Duration RETENTION_MINIMUM = Duration.ofMinutes(10);
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);

    @Inject
    JobEventLog log;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final int bufferSize = configuredBufferSize();

    private final long pollMillis = ConfigProvider.getConfig()
            .getOptionalValue("batchrest.events.pollMillis", Integer.class).filter(value -> value > 0)
            .orElse(DEFAULT_POLL_MILLIS);

    private final JobEventBuffer buffer = new JobEventBuffer(bufferSize, 0);

    /** The changes of this server not written yet, in the order they happened; guarded by itself. */
    private final Deque<JobChange> unwritten = new ArrayDeque<>();
    /** How many changes the queue dropped, as it was full, since the last report; guarded by {@link #unwritten}. */
    private long dropped;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean readRequested = new AtomicBoolean();
    /** Guarded by {@link #readLock}; null until the table has been read once. */
    private EventIdSequence sequence;
    private final Object readLock = new Object();
    private volatile boolean failing;
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    /** Starts reading the table once the application has started. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        start();
    }

    private synchronized void start() {
        if (schedules.isEmpty()) {
            schedules.add(scheduler.scheduleWithFixedDelay(this::tick, 0, pollMillis, TimeUnit.MILLISECONDS));
            schedules.add(scheduler.scheduleWithFixedDelay(this::deleteOldRows, RETENTION_INTERVAL.toMillis(),
                    RETENTION_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @PreDestroy
    synchronized void stop() {
        schedules.forEach(schedule -> schedule.cancel(false));
        schedules.clear();
    }

    /** {@code batchrest.events.bufferSize}: how many events each server keeps in memory, and the table at least. */
    static int configuredBufferSize() {
        return ConfigProvider.getConfig().getOptionalValue("batchrest.events.bufferSize", Integer.class)
                .filter(value -> value > 0).orElse(DEFAULT_BUFFER_SIZE);
    }

    /** How many events are kept; also how far a subscriber may fall behind before it is released. */
    public int bufferSize() {
        return bufferSize;
    }

    public int subscribers() {
        return buffer.subscribers();
    }

    /** Queues a change of this server for the table; it reaches the subscribers of every server from there. */
    public void record(JobChange change) {
        synchronized (unwritten) {
            if (unwritten.size() >= bufferSize) {
                unwritten.removeFirst();
                dropped++;
            }
            unwritten.addLast(change);
        }
        write();
    }

    public JobEventBuffer.Subscription subscribe(OptionalLong lastEventId, JobEventFilter filter,
                                                 JobEventSubscriber subscriber) {
        // Without subscribers the buffer may be up to one poll behind the table (writeQueued); a subscription starts
        // from the table's present, as a client that asks for new events only expects.
        read();
        boolean givenElsewhere = false;
        if (lastEventId.isPresent() && lastEventId.getAsLong() > buffer.latestId()) {
            try {
                givenElsewhere = lastEventId.getAsLong() <= log.latestId();
            } catch (RepositoryException e) {
                LOG.log(Level.FINE, "The latest event id could not be read; the subscriber starts with a gap", e);
            }
        }
        return buffer.subscribe(lastEventId, givenElsewhere, filter, subscriber);
    }

    /** A periodic task that threw would not run again: whatever fails is logged, and the next tick tries again. */
    private void tick() {
        try {
            write();
            read();
        } catch (RuntimeException e) {
            failed("read", e);
        }
    }

    /** Starts the writer unless it runs. */
    private void write() {
        boolean queued;
        synchronized (unwritten) {
            queued = !unwritten.isEmpty();
        }
        if (queued && writing.compareAndSet(false, true)) {
            scheduler.execute(this::writeQueued);
        }
    }

    private void writeQueued() {
        try {
            while (true) {
                List<JobChange> batch = new ArrayList<>();
                synchronized (unwritten) {
                    while (batch.size() < BATCH && !unwritten.isEmpty()) {
                        batch.add(unwritten.removeFirst());
                    }
                }
                if (batch.isEmpty()) {
                    return;
                }
                try {
                    log.append(batch, Instant.now());
                    recovered();
                    reportDropped();
                } catch (RepositoryException e) {
                    synchronized (unwritten) {
                        for (int i = batch.size() - 1; i >= 0; i--) {
                            unwritten.addFirst(batch.get(i));
                        }
                    }
                    failed("written", e);
                    return; // the next tick tries again
                }
                // Read back at once only for subscribers of this server: with none, reading after every batch took
                // about 3 % of the CPU of a submission (docs/benchmarks.md, "Submissions at the plateau"), and the
                // next poll does as well.
                if (buffer.subscribers() > 0) {
                    requestRead();
                }
            }
        } finally {
            writing.set(false);
            synchronized (unwritten) {
                if (!unwritten.isEmpty() && !failing) {
                    write();
                }
            }
        }
    }

    private void reportDropped() {
        long lost;
        synchronized (unwritten) {
            lost = dropped;
            dropped = 0;
        }
        if (lost > 0) {
            LOG.warning(lost + " job events were lost: the event table could not be written while this server made "
                    + "more than " + bufferSize + " changes");
        }
    }

    /** Reads the table soon on a thread of the scheduler: after a write of this server, its events go out at once. */
    private void requestRead() {
        if (readRequested.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                readRequested.set(false);
                read();
            });
        }
    }

    /** Publishes the rows after the last one published, in id order; the first read fills the buffer. */
    private void read() {
        synchronized (readLock) {
            try {
                if (sequence == null) {
                    List<JobEvent> latest = log.latest(bufferSize);
                    long after = latest.isEmpty() ? 0 : latest.get(0).id() - 1;
                    buffer.startAfter(after);
                    sequence = new EventIdSequence(after, HOLE_WAIT_MILLIS);
                    publish(sequence.next(latest, System.currentTimeMillis()));
                }
                List<JobEvent> rows;
                do {
                    rows = log.after(sequence.publishedThrough(), BATCH);
                    publish(sequence.next(rows, System.currentTimeMillis()));
                } while (rows.size() == BATCH && !sequence.waiting());
                if (sequence.waiting()) {
                    scheduler.schedule(this::requestRead, HOLE_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                }
                recovered();
            } catch (RepositoryException e) {
                failed("read", e);
            }
        }
    }

    private void publish(List<JobEvent> events) {
        events.forEach(buffer::publish);
    }

    /**
     * Every {@link #RETENTION_INTERVAL}: deletes the rows that are neither among the last {@code bufferSize} ids nor
     * younger than {@link #RETENTION_MINIMUM}, a batch per statement. Every server does it; what one deleted, the
     * others find gone.
     */
    private void deleteOldRows() {
        try {
            long below = log.latestId() - bufferSize + 1;
            Instant before = Instant.now().minus(RETENTION_MINIMUM);
            long deleted = 0;
            int batch;
            while ((batch = log.deleteOldest(below, before, BATCH)) > 0) {
                deleted += batch;
            }
            if (deleted > 0) {
                LOG.fine("Deleted " + deleted + " old rows of the job event table");
            }
        } catch (RuntimeException e) {
            failed("deleted", e);
        }
    }

    private void failed(String what, RuntimeException e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Job events could not be " + what + " (the event table); retrying every poll "
                    + "interval", e);
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("The job event table can be used again");
        }
    }
}
