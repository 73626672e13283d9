package io.batchrest.events;

import io.batchrest.model.JobChange;
import io.batchrest.model.JobEvent;
import io.batchrest.model.JobEventType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdSequenceTest {

    private static List<JobEvent> rows(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(id -> new JobEvent(id, new JobChange(JobEventType.SUBMITTED, id,
                "job", "a", 0, Optional.empty(), "", Optional.empty(), Optional.empty()))).toList();
    }

    private static List<Long> ids(List<JobEvent> events) {
        return events.stream().map(JobEvent::id).toList();
    }

    @Test
    void consecutiveIdsArePublishedAtOnce() {
        EventIdSequence sequence = new EventIdSequence(10, 5000);
        assertEquals(List.of(11L, 12L, 13L), ids(sequence.next(rows(11, 12, 13), 0)));
        assertEquals(13, sequence.publishedThrough());
        assertFalse(sequence.waiting());
    }

    @Test
    void rowsAfterAMissingIdWaitForItAndFollowItWhenItComes() {
        EventIdSequence sequence = new EventIdSequence(10, 5000);
        assertEquals(List.of(11L), ids(sequence.next(rows(11, 13, 14), 0)));
        assertTrue(sequence.waiting());
        assertEquals(List.of(), ids(sequence.next(rows(13, 14), 4999)));
        assertEquals(List.of(12L, 13L, 14L), ids(sequence.next(rows(12, 13, 14), 5000)));
        assertFalse(sequence.waiting());
    }

    @Test
    void anIdThatDoesNotComeIsGivenUpAfterTheWait() {
        EventIdSequence sequence = new EventIdSequence(10, 5000);
        assertEquals(List.of(), ids(sequence.next(rows(15, 16), 1000)));
        assertEquals(List.of(), ids(sequence.next(rows(15, 16), 5999)));
        assertEquals(List.of(15L, 16L), ids(sequence.next(rows(15, 16), 6000)));
        assertEquals(16, sequence.publishedThrough());
    }

    @Test
    void aNewHoleIsWaitedForFromWhenItIsSeen() {
        EventIdSequence sequence = new EventIdSequence(10, 5000);
        sequence.next(rows(12), 0);
        assertEquals(List.of(12L), ids(sequence.next(rows(12, 14), 5000)));
        assertEquals(List.of(), ids(sequence.next(rows(14), 9000)));
        assertEquals(List.of(14L), ids(sequence.next(rows(14), 10000)));
    }

    @Test
    void rowsPublishedAlreadyAreSkipped() {
        EventIdSequence sequence = new EventIdSequence(10, 5000);
        assertEquals(List.of(11L), ids(sequence.next(rows(9, 10, 11), 0)));
    }
}
