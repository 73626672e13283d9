package io.batchrest.events;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static JobEventBuffer bufferWith(int capacity, int events) {
        JobEventBuffer buffer = new JobEventBuffer(capacity, 100);
        for (int i = 0; i < events; i++) {
            buffer.publish(change(i, "job", "submitter1"));
        }
        return buffer;
    }

    @Test
    void idsIncreaseByOneFromTheFirstId() {
        JobEventBuffer buffer = new JobEventBuffer(3, 100);
        assertEquals(99, buffer.latestId());
        assertEquals(100, buffer.publish(change(1, "job", "a")).id());
        assertEquals(101, buffer.publish(change(2, "job", "a")).id());
        assertEquals(101, buffer.latestId());
    }

    @Test
    void withoutALastEventIdOnlyNewEventsArrive() {
        JobEventBuffer buffer = bufferWith(5, 3);
        Received received = new Received();
        buffer.subscribe(OptionalLong.empty(), EVERYTHING, received);
        buffer.publish(change(9, "job", "a"));
        assertEquals(List.of("103"), received.items);
    }

    @Test
    void resumingGetsExactlyTheEventsAfterTheIdThenNewOnes() {
        JobEventBuffer buffer = bufferWith(5, 4); // ids 100..103
        Received received = new Received();
        buffer.subscribe(OptionalLong.of(101), EVERYTHING, received);
        buffer.publish(change(9, "job", "a"));
        assertEquals(List.of("102", "103", "104"), received.items);
    }

    @Test
    void resumingAtTheLatestIdReplaysNothing() {
        Received received = new Received();
        bufferWith(5, 4).subscribe(OptionalLong.of(103), EVERYTHING, received);
        assertEquals(List.of(), received.items);
    }

    @Test
    void resumingAtTheOldestBufferedIdsPredecessorLosesNothing() {
        Received received = new Received();
        bufferWith(3, 6).subscribe(OptionalLong.of(102), EVERYTHING, received); // ids 103..105 kept
        assertEquals(List.of("103", "104", "105"), received.items);
    }

    @Test
    void anIdOlderThanTheBufferStartsWithAGapThenWhatIsLeft() {
        Received received = new Received();
        bufferWith(3, 6).subscribe(OptionalLong.of(101), EVERYTHING, received);
        assertEquals(List.of("gap:101:102", "103", "104", "105"), received.items);
    }

    @Test
    void anIdThisServerNeverGaveIsAGap() {
        Received fromTheFuture = new Received();
        bufferWith(3, 2).subscribe(OptionalLong.of(500), EVERYTHING, fromTheFuture);
        assertEquals(List.of("gap:500:99", "100", "101"), fromTheFuture.items);
        Received fromAnEarlierStart = new Received();
        bufferWith(3, 2).subscribe(OptionalLong.of(7), EVERYTHING, fromAnEarlierStart);
        assertEquals(List.of("gap:7:99", "100", "101"), fromAnEarlierStart.items);
    }

    @Test
    void theFilterAppliesToReplayAndNewEvents() {
        JobEventBuffer buffer = new JobEventBuffer(10, 1);
        buffer.publish(change(1, "a", "submitter1"));
        buffer.publish(change(2, "a", "submitter2"));
        Received received = new Received();
        buffer.subscribe(OptionalLong.of(0), new JobEventFilter(Optional.of("submitter1"), Set.of(), Set.of()),
                received);
        buffer.publish(change(3, "a", "submitter2"));
        buffer.publish(change(4, "b", "submitter1"));
        assertEquals(List.of("1", "4"), received.items);
    }

    @Test
    void aCancelledSubscriptionReceivesNothingMore() {
        JobEventBuffer buffer = new JobEventBuffer(10, 1);
        Received received = new Received();
        JobEventBuffer.Subscription subscription = buffer.subscribe(OptionalLong.empty(), EVERYTHING, received);
        assertEquals(1, buffer.subscribers());
        subscription.cancel();
        buffer.publish(change(1, "a", "x"));
        assertEquals(0, buffer.subscribers());
        assertEquals(List.of(), received.items);
    }
}
