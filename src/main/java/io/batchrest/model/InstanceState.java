package io.batchrest.model;

/**
 * The lifecycle of a job instance as Liberty records it (docs/contract.md §5). The declaration order is Liberty's: the
 * INSTANCESTATE column holds {@link #ordinal()}.
 */
public enum InstanceState {
    SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED, FAILED, STOPPED, COMPLETED, ABANDONED;

    /** Active instances are still on their way to a final state: they cannot be purged. */
    public boolean isActive() {
        return this == SUBMITTED || this == JMS_QUEUED || this == JMS_CONSUMED || this == DISPATCHED;
    }

    public static InstanceState ofOrdinal(int ordinal) {
        return values()[ordinal];
    }
}
