package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.view.JobEventView;
import io.batchrest.model.JobEvent;
import io.batchrest.events.JobEventBuffer;
import io.batchrest.events.JobEventSubscriber;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscriber's server-sent events (docs/api.md, "Job events"). Events arrive on the thread that reads the event
 * table and wait in a queue that the server's scheduler writes to the client, so a slow client never holds up the
 * other subscribers; a client that fails a write, or falls further behind than the event buffer, is released.
 */
final class JobEventStream implements JobEventSubscriber {

    static final String GAP = "gap";
    static final String KEEP_ALIVE = "keep-alive";

    private static final Logger LOG = Logger.getLogger(JobEventStream.class.getName());

    /** A write that takes longer means a client that no longer reads. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final SseEventSink sink;
    private final Sse sse;
    private final ScheduledExecutorService scheduler;
    private final int maxQueued;
    private final Queue<OutboundSseEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Held until {@link #start}: the events a subscription replays wait for the subscription to exist. */
    private final AtomicBoolean draining = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile JobEventBuffer.Subscription subscription;
    private volatile ScheduledFuture<?> heartbeat;

    /** {@code maxEvents}: how far the client may fall behind, a whole replay of the buffer being the most. */
    JobEventStream(SseEventSink sink, Sse sse, ScheduledExecutorService scheduler, int maxEvents) {
        this.sink = sink;
        this.sse = sse;
        this.scheduler = scheduler;
        this.maxQueued = maxEvents + 1; // and the first keep-alive
    }

    /**
     * Called once the subscription exists: the scheduler writes what it replayed and a first keep-alive comment.
     * Never on the request's thread, which must return before the container completes a send.
     */
    void start(JobEventBuffer.Subscription subscribed, Duration interval) {
        subscription = subscribed;
        enqueue(keepAlive());
        draining.set(false);
        drain();
        // A client with events still queued is kept busy by them; a keep-alive is for a quiet stream.
        heartbeat = scheduler.scheduleAtFixedRate(() -> {
            if (queue.isEmpty()) {
                enqueue(keepAlive());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        if (closed.get()) {
            close();
        }
    }

    private OutboundSseEvent keepAlive() {
        return sse.newEventBuilder().comment(KEEP_ALIVE).build();
    }

    @Override
    public void missed(long lastEventId, long resumedAfter) {
        enqueue(sse.newEventBuilder().id(Long.toString(resumedAfter)).name(GAP)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, Json.createObjectBuilder().add("lastEventId", lastEventId)
                        .add("resumedAfter", resumedAfter).build().toString())
                .build());
    }

    @Override
    public void receive(JobEvent event) {
        enqueue(sse.newEventBuilder().id(Long.toString(event.id())).name(event.change().type().eventName())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, JsonOutput.compact(new JobEventView(event.change())))
                .build());
    }

    private void enqueue(OutboundSseEvent event) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            LOG.log(Level.INFO, "A job event subscriber fell more than {0} events behind and was released", maxQueued);
            close();
            return;
        }
        queue.add(event);
        drain();
    }

    private void drain() {
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            scheduler.execute(this::drainQueued);
        }
    }

    /** One writer at a time, in queue order; a new event that arrives as it finishes starts it again. */
    private void drainQueued() {
        try {
            OutboundSseEvent event;
            while (!closed.get() && (event = queue.poll()) != null) {
                queued.decrementAndGet();
                if (sink.isClosed()) {
                    close();
                    return;
                }
                sink.send(event).toCompletableFuture().get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.log(Level.FINE, "A job event subscriber went away", e);
            close();
        } finally {
            draining.set(false);
        }
        drain();
    }

    /** Releases the subscription, the heartbeat and the connection; safe to call more than once. */
    void close() {
        closed.set(true);
        JobEventBuffer.Subscription subscribed = subscription;
        if (subscribed != null) {
            subscribed.cancel();
        }
        ScheduledFuture<?> beating = heartbeat;
        if (beating != null) {
            beating.cancel(false);
        }
        queue.clear();
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing a job event stream failed", e);
        }
    }
}
