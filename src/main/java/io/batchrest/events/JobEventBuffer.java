package io.batchrest.events;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The last {@code capacity} events of this server in a ring, and the subscribers that receive new ones. Publishing
 * and subscribing hold one lock, so a subscriber that resumes gets the buffered events it missed and then every new
 * one, none twice and none lost. Ids start at {@code firstId} and increase by one (docs/api.md, "Job events").
 */
public final class JobEventBuffer {

    /** A subscriber with what it selects; cancelling it stops its deliveries. */
    public final class Subscription {
        private final JobEventFilter filter;
        private final JobEventSubscriber subscriber;

        private Subscription(JobEventFilter filter, JobEventSubscriber subscriber) {
            this.filter = filter;
            this.subscriber = subscriber;
        }

        public void cancel() {
            synchronized (JobEventBuffer.this) {
                subscriptions.remove(this);
            }
        }
    }

    private final JobEvent[] ring;
    private final long firstId;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private long nextId;

    public JobEventBuffer(int capacity, long firstId) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.ring = new JobEvent[capacity];
        this.firstId = firstId;
        this.nextId = firstId;
    }

    /** Gives the change the next id, keeps it, and hands it to every subscriber that selects it. */
    public synchronized JobEvent publish(JobChange change) {
        JobEvent event = new JobEvent(nextId++, change);
        ring[(int) ((event.id() - firstId) % ring.length)] = event;
        for (Subscription subscription : subscriptions) {
            if (subscription.filter.matches(change)) {
                subscription.subscriber.receive(event);
            }
        }
        return event;
    }

    /**
     * Subscribes for the events after {@code lastEventId}, or only for new ones without it. The buffered events after
     * it are delivered at once; an id that is older than the buffer, or one this server never gave, is reported
     * through {@link JobEventSubscriber#missed} before whatever is still buffered.
     */
    public synchronized Subscription subscribe(OptionalLong lastEventId, JobEventFilter filter,
                                               JobEventSubscriber subscriber) {
        if (lastEventId.isPresent()) {
            long oldest = Math.max(firstId, nextId - ring.length);
            long after = lastEventId.getAsLong();
            if (after < oldest - 1 || after >= nextId) {
                after = oldest - 1;
                subscriber.missed(lastEventId.getAsLong(), after);
            }
            for (long id = after + 1; id < nextId; id++) {
                JobEvent event = ring[(int) ((id - firstId) % ring.length)];
                if (filter.matches(event.change())) {
                    subscriber.receive(event);
                }
            }
        }
        Subscription subscription = new Subscription(filter, subscriber);
        subscriptions.add(subscription);
        return subscription;
    }

    public synchronized int subscribers() {
        return subscriptions.size();
    }

    /** The id of the latest event, or {@code firstId - 1} before the first. */
    public synchronized long latestId() {
        return nextId - 1;
    }
}
