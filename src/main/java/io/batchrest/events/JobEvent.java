package io.batchrest.events;

/** A job change with its place in this server's sequence of events: ids increase by one per event. */
public record JobEvent(long id, JobChange change) {
}
