package io.batchrest.events;

import io.batchrest.events.JobEventBuffer.Subscription;
import io.batchrest.model.JobChange;
import io.batchrest.model.JobEvent;
import io.batchrest.model.JobEventType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobEventBufferTest {

    private static final JobEventFilter EVERYTHING = new JobEventFilter(Optional.empty(), Set.of(), Set.of());

    /** What a subscriber received: event ids, and "gap:<lastEventId>:<resumedAfter>" for a reported gap. */
    private static final class Received implements JobEventSubscriber {
        final List<String> items = new ArrayList<>();

        @Override
        public void missed(long lastEventId, long resumedAfter) {
            items.add("gap:" + lastEventId + ":" + resumedAfter);
        }

        @Override
        public void receive(JobEvent event) {
            items.add(Long.toString(event.id()));
        }
    }

    private static JobChange change(long instanceId, String jobName, String submitter) {
        return new JobChange(JobEventType.SUBMITTED, instanceId, jobName, submitter, 0, Optional.empty(), "",
                Optional.empty(), Optional.empty());
    }

    /** A buffer of {@code capacity} after id 99 with {@code events} events, ids 100, 101, … */
    private static JobEventBuffer bufferWith(int capacity, int events) {
        JobEventBuffer buffer = new JobEventBuffer(capacity, 99);
        for (int i = 0; i < events; i++) {
            buffer.publish(new JobEvent(100 + i, change(i, "job", "submitter1")));
        }
        return buffer;
    }

    private static Subscription subscribe(JobEventBuffer buffer, long lastEventId, Received received) {
        return buffer.subscribe(OptionalLong.of(lastEventId), false, EVERYTHING, received);
    }

    @Test
    void theLatestIdIsThatOfTheLatestEventOrTheIdTheBufferStartedAfter() {
        JobEventBuffer buffer = new JobEventBuffer(3, 99);
        assertEquals(99, buffer.latestId());
        buffer.publish(new JobEvent(100, change(1, "job", "a")));
        buffer.publish(new JobEvent(105, change(2, "job", "a")));
        assertEquals(105, buffer.latestId());
        assertThrows(IllegalArgumentException.class, () -> buffer.publish(new JobEvent(105, change(3, "job", "a"))));
    }

    @Test
    void withoutALastEventIdOnlyNewEventsArrive() {
        JobEventBuffer buffer = bufferWith(5, 3);
        Received received = new Received();
        buffer.subscribe(OptionalLong.empty(), false, EVERYTHING, received);
        buffer.publish(new JobEvent(103, change(9, "job", "a")));
        assertEquals(List.of("103"), received.items);
    }

    @Test
    void resumingGetsExactlyTheEventsAfterTheIdThenNewOnes() {
        JobEventBuffer buffer = bufferWith(5, 4); // ids 100..103
        Received received = new Received();
        subscribe(buffer, 101, received);
        buffer.publish(new JobEvent(104, change(9, "job", "a")));
        assertEquals(List.of("102", "103", "104"), received.items);
    }

    @Test
    void idsThatSkipAreResumedAfterExactly() {
        JobEventBuffer buffer = new JobEventBuffer(5, 0);
        for (long id : new long[] {3, 4, 9, 12}) {
            buffer.publish(new JobEvent(id, change(id, "job", "a")));
        }
        Received afterAnId = new Received();
        subscribe(buffer, 4, afterAnId);
        assertEquals(List.of("9", "12"), afterAnId.items);
        Received afterASkippedId = new Received();
        subscribe(buffer, 7, afterASkippedId);
        assertEquals(List.of("9", "12"), afterASkippedId.items);
    }

    @Test
    void resumingAtTheLatestIdReplaysNothing() {
        Received received = new Received();
        subscribe(bufferWith(5, 4), 103, received);
        assertEquals(List.of(), received.items);
    }

    @Test
    void resumingAtTheOldestBufferedIdsPredecessorLosesNothing() {
        Received received = new Received();
        subscribe(bufferWith(3, 6), 102, received); // ids 103..105 kept
        assertEquals(List.of("103", "104", "105"), received.items);
    }

    @Test
    void anIdOlderThanTheBufferStartsWithAGapThenWhatIsLeft() {
        Received received = new Received();
        subscribe(bufferWith(3, 6), 101, received);
        assertEquals(List.of("gap:101:102", "103", "104", "105"), received.items);
        Received beforeTheStart = new Received();
        subscribe(bufferWith(3, 2), 7, beforeTheStart);
        assertEquals(List.of("gap:7:99", "100", "101"), beforeTheStart.items);
    }

    @Test
    void anIdNoServerGaveIsAGapAtTheLatestId() {
        Received fromTheFuture = new Received();
        subscribe(bufferWith(3, 2), 500, fromTheFuture);
        assertEquals(List.of("gap:500:101"), fromTheFuture.items);
    }

    @Test
    void anIdAnotherServerGaveAndThisOneHasNotReadYetSkipsTheEventsUpToIt() {
        JobEventBuffer buffer = bufferWith(5, 2); // ids 100, 101
        Received received = new Received();
        buffer.subscribe(OptionalLong.of(103), true, EVERYTHING, received);
        for (long id = 102; id <= 105; id++) {
            buffer.publish(new JobEvent(id, change(id, "job", "a")));
        }
        assertEquals(List.of("104", "105"), received.items);
    }

    @Test
    void theFilterAppliesToReplayAndNewEvents() {
        JobEventBuffer buffer = new JobEventBuffer(10, 0);
        buffer.publish(new JobEvent(1, change(1, "a", "submitter1")));
        buffer.publish(new JobEvent(2, change(2, "a", "submitter2")));
        Received received = new Received();
        buffer.subscribe(OptionalLong.of(0), false, new JobEventFilter(Optional.of("submitter1"), Set.of(), Set.of()),
                received);
        buffer.publish(new JobEvent(3, change(3, "a", "submitter2")));
        buffer.publish(new JobEvent(4, change(4, "b", "submitter1")));
        assertEquals(List.of("1", "4"), received.items);
    }

    @Test
    void aCancelledSubscriptionReceivesNothingMore() {
        JobEventBuffer buffer = new JobEventBuffer(10, 0);
        Received received = new Received();
        Subscription subscription = buffer.subscribe(OptionalLong.empty(), false, EVERYTHING, received);
        assertEquals(1, buffer.subscribers());
        subscription.cancel();
        buffer.publish(new JobEvent(1, change(1, "a", "x")));
        assertEquals(0, buffer.subscribers());
        assertEquals(List.of(), received.items);
    }
}
