package io.batchrest.model;

/**
 * A job change with its place in the sequence of job events: the id the event table gave it, the same on every
 * server of a cluster (docs/api.md, "Job events"). Ids increase; they may skip.
 */
public record JobEvent(long id, JobChange change) {
}
