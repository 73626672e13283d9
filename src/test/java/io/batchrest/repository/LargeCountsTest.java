package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LargeCountsTest {

    private static final JobInstanceSearchSql.Sql PROBE = new JobInstanceSearchSql.Sql("SELECT COUNT(*) ...",
            List.of("COMPLETED", 1001));

    @Test
    void aCountThatReachedItsBoundIsReusedUntilTheReuseTimeHasPassed() throws InterruptedException {
        LargeCounts counts = new LargeCounts(200);
        counts.counted(PROBE, 1001, 1001);

        assertEquals(OptionalLong.of(1001), counts.recent(PROBE));
        assertEquals(OptionalLong.of(1001), counts.recent(new JobInstanceSearchSql.Sql("SELECT COUNT(*) ...",
                List.of("COMPLETED", 1001))), "the same statement and parameters");
        assertEquals(OptionalLong.empty(), counts.recent(new JobInstanceSearchSql.Sql("SELECT COUNT(*) ...",
                List.of("FAILED", 1001))), "other parameters");
        Thread.sleep(250);
        assertEquals(OptionalLong.empty(), counts.recent(PROBE));
    }

    @Test
    void aCountBelowItsBoundIsNeverKept() {
        LargeCounts counts = new LargeCounts(60_000);
        counts.counted(PROBE, 1000, 1001);
        counts.counted(PROBE, 0, 1001);

        assertEquals(OptionalLong.empty(), counts.recent(PROBE));
    }

    @Test
    void forgetDropsEveryCount() {
        LargeCounts counts = new LargeCounts(60_000);
        counts.counted(PROBE, 1001, 1001);
        counts.forget();

        assertEquals(OptionalLong.empty(), counts.recent(PROBE));
    }

    @Test
    void aReuseTimeOfZeroKeepsNothing() {
        LargeCounts counts = new LargeCounts(0);
        counts.counted(PROBE, 1001, 1001);

        assertEquals(OptionalLong.empty(), counts.recent(PROBE));
    }

    @Test
    void theNumberOfStatementsKeptIsBounded() {
        LargeCounts counts = new LargeCounts(60_000);
        for (int i = 0; i <= LargeCounts.MAX_ENTRIES; i++) {
            counts.counted(new JobInstanceSearchSql.Sql("SELECT COUNT(*) ...", List.of(i, 1001)), 1001, 1001);
        }

        assertEquals(1, counts.size(), "full of live counts: cleared, then the newest kept");
        assertEquals(OptionalLong.of(1001), counts.recent(new JobInstanceSearchSql.Sql("SELECT COUNT(*) ...",
                List.of(LargeCounts.MAX_ENTRIES, 1001))));
    }
}
