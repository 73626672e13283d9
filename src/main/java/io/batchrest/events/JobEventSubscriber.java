package io.batchrest.events;

import io.batchrest.model.JobEvent;

/**
 * Receives the events a subscription selects, in id order, on the thread that published each (the one that reads
 * the event table, which every subscriber of the server shares): an implementation must hand them on without
 * blocking.
 */
public interface JobEventSubscriber {

    /**
     * Called first, instead of any replay, when the id a subscriber resumes after is no longer (or never was) in
     * this server's buffer: the events from {@code resumedAfter + 1} on follow, and what came between is lost.
     */
    void missed(long lastEventId, long resumedAfter);

    void receive(JobEvent event);
}
