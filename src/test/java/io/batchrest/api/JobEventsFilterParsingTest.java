package io.batchrest.api;

import io.batchrest.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The filters of the job event stream: exact job names, comma-separated instance ids (docs/api.md, "Job events"). */
class JobEventsFilterParsingTest {

    @Test
    void instanceIdsAreOneIdOrACommaSeparatedList() {
        assertEquals(Set.of(), JobEventsResource.instanceIds(null));
        assertEquals(Set.of(41L), JobEventsResource.instanceIds("41"));
        assertEquals(Set.of(41L, 42L), JobEventsResource.instanceIds("41,42,41"));
    }

    @Test
    void jobNamesAreTakenAsGiven() {
        assertEquals(Set.of("chunk*", "splitFlow"), JobEventsResource.jobNames(List.of("chunk*", "splitFlow")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "-1", "1,", ",1", "1,,2", "１２", "9223372036854775808"})
    void anInstanceIdThatIsNotANonNegativeIntegerIsRefused(String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> JobEventsResource.instanceIds(value));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals("instanceId", refusal.invalidParameters().get(0).name());
    }

    @Test
    void anEmptyJobNameIsRefused() {
        Refusal refusal = assertThrows(Refusal.class, () -> JobEventsResource.jobNames(List.of("a", "")));
        assertEquals("jobName", refusal.invalidParameters().get(0).name());
    }
}
