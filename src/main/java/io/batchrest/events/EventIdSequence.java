package io.batchrest.events;

import io.batchrest.model.JobEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of the rows read from the event table may be published, and in which order. Ids are given as rows are
 * inserted, but a transaction with a lower id may commit after one with a higher id: a missing id (a hole) is waited
 * for, for {@code holeWaitMillis}, before the rows after it are published, since publishing them first would make a
 * subscriber that resumes after one of them lose the late one. An id that never comes (an insert that rolled back, ids
 * a database lost in a crash) is given up after that wait. Not thread-safe: one reader polls.
 */
final class EventIdSequence {

    private final long holeWaitMillis;
    /** The id of the last event published. */
    private long publishedThrough;
    /** The id after which a hole was first seen, and when; -1 without a hole. */
    private long holeAfter = -1;
    private long holeSeenAt;

    EventIdSequence(long publishedThrough, long holeWaitMillis) {
        this.publishedThrough = publishedThrough;
        this.holeWaitMillis = holeWaitMillis;
    }

    long publishedThrough() {
        return publishedThrough;
    }

    /** Whether rows wait behind a hole: the table is worth reading again soon. */
    boolean waiting() {
        return holeAfter >= 0;
    }

    /**
     * The rows, read in id order after {@link #publishedThrough()}, that may be published now; the rest are read
     * again next time.
     */
    List<JobEvent> next(List<JobEvent> rows, long nowMillis) {
        List<JobEvent> ready = new ArrayList<>();
        for (JobEvent row : rows) {
            if (row.id() <= publishedThrough) {
                continue;
            }
            if (row.id() > publishedThrough + 1) {
                if (holeAfter != publishedThrough) {
                    holeAfter = publishedThrough;
                    holeSeenAt = nowMillis;
                }
                if (nowMillis - holeSeenAt < holeWaitMillis) {
                    return ready;
                }
            }
            holeAfter = -1;
            publishedThrough = row.id();
            ready.add(row);
        }
        return ready;
    }
}
