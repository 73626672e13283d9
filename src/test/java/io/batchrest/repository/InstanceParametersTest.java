package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the mark of the copy of the parameters may move to ({@link InstanceParameters#settledThrough}). */
class InstanceParametersTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final long OLD = NOW.minus(InstanceParameters.SETTLE).minusSeconds(1).toEpochMilli();
    private static final long YOUNG = NOW.minusSeconds(5).toEpochMilli();

    private static long[] execution(long id, long created) {
        return new long[] {id, created};
    }

    @Test
    void theMarkMovesThroughConsecutiveExecutionsWhateverTheirAge() {
        assertEquals(13, InstanceParameters.settledThrough(10, List.of(execution(11, YOUNG), execution(12, OLD),
                execution(13, YOUNG)), NOW));
    }

    @Test
    void nothingNewLeavesTheMarkWhereItIs() {
        assertEquals(10, InstanceParameters.settledThrough(10, List.of(), NOW));
    }

    @Test
    void aMissingIdBeforeAnOldExecutionIsGoneForGood() {
        assertEquals(20, InstanceParameters.settledThrough(10, List.of(execution(15, OLD), execution(20, OLD)), NOW));
    }

    @Test
    void theMarkWaitsBeforeAMissingIdWhoseNextExecutionIsYoungSinceItsTransactionMayStillCommit() {
        assertEquals(11, InstanceParameters.settledThrough(10, List.of(execution(11, OLD), execution(13, YOUNG),
                execution(14, YOUNG)), NOW));
        assertEquals(10, InstanceParameters.settledThrough(10, List.of(execution(12, YOUNG)), NOW));
    }
}
