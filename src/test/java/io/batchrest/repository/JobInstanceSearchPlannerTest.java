package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobInstanceSearchPlannerTest {

    @Test
    void aChunkOfTheCopyIsSizedByTheShareOfMatchesSoFarWithAQuarterMore() {
        // 17 of 102 ids matched (one in six): 34 more matches take 204 ids, and a quarter more.
        assertEquals(255, JobInstanceSearchPlanner.nextChunk(102, 34, 17, 102));
        // Nearly there: never fewer than the smallest chunk.
        assertEquals(JobInstanceSearchPlanner.MIN_CHUNK, JobInstanceSearchPlanner.nextChunk(102, 1, 50, 102));
        // Rare matches: never more than the largest chunk.
        assertEquals(JobInstanceSearchPlanner.MAX_CHUNK, JobInstanceSearchPlanner.nextChunk(1024, 50, 1, 2000));
    }

    @Test
    void whileNoIdHasMatchedEachChunkIsTwiceTheLastUpToTheLargest() {
        assertEquals(204, JobInstanceSearchPlanner.nextChunk(102, 51, 0, 102));
        assertEquals(JobInstanceSearchPlanner.MAX_CHUNK, JobInstanceSearchPlanner.nextChunk(816, 51, 0, 1530));
    }
}
