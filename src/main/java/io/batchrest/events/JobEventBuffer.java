package io.batchrest.events;

import io.batchrest.model.JobEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The last {@code capacity} job events in a ring, in id order, and the subscribers that receive new ones. Publishing
 * and subscribing hold one lock, so a subscriber that resumes gets the buffered events it missed and then every new
 * one, none twice and none lost (docs/api.md, "Job events"). Ids are those of the event table: they increase and may
 * skip, so the buffer remembers the id before its oldest event ({@code floor}) to know what it covers.
 */
public final class JobEventBuffer {

    /** A subscriber with what it selects; cancelling it stops its deliveries. */
    public final class Subscription {
        private final JobEventFilter filter;
        private final JobEventSubscriber subscriber;
        /** Events up to this id were received elsewhere: a subscriber that resumed after an id not published yet. */
        private final long receivedThrough;

        private Subscription(JobEventFilter filter, JobEventSubscriber subscriber, long receivedThrough) {
            this.filter = filter;
            this.subscriber = subscriber;
            this.receivedThrough = receivedThrough;
        }

        public void cancel() {
            synchronized (JobEventBuffer.this) {
                subscriptions.remove(this);
            }
        }
    }

    private final JobEvent[] ring;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** The index of the oldest event, and how many are held. */
    private int oldest;
    private int size;
    /** Resuming after this id, or a later one, loses nothing: the events after it are all held. */
    private long floor;
    private long latestId;

    /** An empty buffer whose first event comes after {@code afterId}. */
    public JobEventBuffer(int capacity, long afterId) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.ring = new JobEvent[capacity];
        this.floor = afterId;
        this.latestId = afterId;
    }

    /**
     * Keeps the event, which must come after every event published so far, and hands it to every subscriber that
     * selects it; the oldest event makes room.
     */
    public synchronized void publish(JobEvent event) {
        if (event.id() <= latestId) {
            throw new IllegalArgumentException("Event " + event.id() + " is not after " + latestId);
        }
        if (size == ring.length) {
            floor = ring[oldest].id();
            ring[oldest] = event;
            oldest = (oldest + 1) % ring.length;
        } else {
            ring[(oldest + size++) % ring.length] = event;
        }
        latestId = event.id();
        for (Subscription subscription : subscriptions) {
            if (event.id() > subscription.receivedThrough && subscription.filter.matches(event.change())) {
                subscription.subscriber.receive(event);
            }
        }
    }

    /**
     * Subscribes for the events after {@code lastEventId}, or only for new ones without it. The buffered events after
     * it are delivered at once. An id older than the buffer is reported through {@link JobEventSubscriber#missed}
     * before whatever is still buffered. An id above the latest published is one another server gave and this one has
     * not read yet when {@code givenElsewhere}: the events after it follow as they are read; otherwise it was never
     * given, and is reported as missed.
     */
    public synchronized Subscription subscribe(OptionalLong lastEventId, boolean givenElsewhere,
                                               JobEventFilter filter, JobEventSubscriber subscriber) {
        long receivedThrough = latestId;
        if (lastEventId.isPresent()) {
            long after = lastEventId.getAsLong();
            if (after > latestId && givenElsewhere) {
                receivedThrough = after;
            } else {
                if (after < floor || after > latestId) {
                    after = after < floor ? floor : latestId;
                    subscriber.missed(lastEventId.getAsLong(), after);
                }
                for (int i = 0; i < size; i++) {
                    JobEvent event = ring[(oldest + i) % ring.length];
                    if (event.id() > after && filter.matches(event.change())) {
                        subscriber.receive(event);
                    }
                }
            }
        }
        Subscription subscription = new Subscription(filter, subscriber, receivedThrough);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Sets the id the first event comes after, before any event is published: where reading the table begins. */
    public synchronized void startAfter(long afterId) {
        if (size > 0) {
            throw new IllegalStateException("The buffer holds events already");
        }
        floor = afterId;
        latestId = afterId;
    }

    public synchronized int subscribers() {
        return subscriptions.size();
    }

    /** The id of the latest event, or the id the buffer started after before the first. */
    public synchronized long latestId() {
        return latestId;
    }
}
