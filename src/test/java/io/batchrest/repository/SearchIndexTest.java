package io.batchrest.repository;

import io.batchrest.repository.BatchTables.JobInstance;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchIndexTest {

    @Test
    void oneValueOfAColumnIsWalkedNewestFirstInTheIndexOfThatColumnAndCreateTime() {
        assertEquals(Optional.of(SearchIndex.EXITSTATUS_CREATED_JOB_SUBMITTER),
                SearchIndex.inOrder("-createTime", Set.of(JobInstance.EXIT_STATUS)));
        assertEquals(Optional.of(SearchIndex.APP_CREATED), SearchIndex.inOrder("-createTime", Set.of(JobInstance.AMC_NAME)));
        assertEquals(Optional.of(SearchIndex.SUBMITTER_CREATED),
                SearchIndex.inOrder("-createTime", Set.of(JobInstance.SUBMITTER)));
        assertEquals(Optional.of(SearchIndex.CREATED), SearchIndex.inOrder("-createTime", Set.of()));
        assertEquals(Optional.of(SearchIndex.UPDATED_STATE),
                SearchIndex.inOrder("-lastUpdatedTime", Set.of(JobInstance.EXIT_STATUS)));
    }

    @Test
    void aFilterIsProbedInTheNarrowestIndexThatStartsWithItsColumn() {
        assertEquals(Optional.of(SearchIndex.BY_EXITSTATUS), SearchIndex.leadingWith(JobInstance.EXIT_STATUS));
        assertEquals(Optional.of(SearchIndex.BY_APP), SearchIndex.leadingWith(JobInstance.AMC_NAME));
        assertEquals(Optional.of(SearchIndex.BY_SUBMITTER), SearchIndex.leadingWith(JobInstance.SUBMITTER));
    }

    @Test
    void theOrderedColumnIsTheFirstKeyAfterThePrefix() {
        assertEquals(JobInstance.CREATE_TIME, SearchIndex.CREATED.orderedColumn());
        assertEquals(JobInstance.UPDATE_TIME, SearchIndex.UPDATED_STATE.orderedColumn());
        assertEquals(JobInstance.CREATE_TIME, SearchIndex.JOBNAME_CREATED.orderedColumn());
        assertEquals(JobInstance.UPDATE_TIME, SearchIndex.SUBMITTER_UPDATED_STATE.orderedColumn());
        assertEquals(JobInstance.CREATE_TIME, SearchIndex.JOBNAME_STATE_CREATED.orderedColumn(), "after both");
        assertEquals(JobInstance.SUBMITTER, SearchIndex.BY_SUBMITTER_DESC.orderedColumn());
    }
}
