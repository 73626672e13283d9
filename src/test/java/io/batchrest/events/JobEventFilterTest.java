package io.batchrest.events;

import io.batchrest.model.JobChange;
import io.batchrest.model.JobEventType;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobEventFilterTest {

    private static final JobChange CHUNK_7_OF_SUBMITTER1 = new JobChange(JobEventType.STARTED, 7, "chunkCopy",
            "submitter1", 8, Optional.empty(), "", Optional.empty(), Optional.empty());

    @Test
    void anEmptyFilterSelectsEverything() {
        assertTrue(new JobEventFilter(Optional.empty(), Set.of(), Set.of()).matches(CHUNK_7_OF_SUBMITTER1));
    }

    @Test
    void aSubmitterOnlyCallerSeesOnlyTheirOwn() {
        assertTrue(new JobEventFilter(Optional.of("submitter1"), Set.of(), Set.of()).matches(CHUNK_7_OF_SUBMITTER1));
        assertFalse(new JobEventFilter(Optional.of("submitter2"), Set.of(), Set.of()).matches(CHUNK_7_OF_SUBMITTER1));
    }

    @Test
    void repeatedValuesAreAlternativesAndDifferentParametersAllApply() {
        assertTrue(new JobEventFilter(Optional.empty(), Set.of("x", "chunkCopy"), Set.of(1L, 7L))
                .matches(CHUNK_7_OF_SUBMITTER1));
        assertFalse(new JobEventFilter(Optional.empty(), Set.of("chunkCopy"), Set.of(1L))
                .matches(CHUNK_7_OF_SUBMITTER1));
    }

    @Test
    void jobNamesMatchExactly() {
        assertFalse(new JobEventFilter(Optional.empty(), Set.of("chunk*"), Set.of()).matches(CHUNK_7_OF_SUBMITTER1));
        assertFalse(new JobEventFilter(Optional.empty(), Set.of("chunkcopy"), Set.of()).matches(CHUNK_7_OF_SUBMITTER1));
    }
}
