package io.batchrest.api;

import io.batchrest.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query of a joblogs request: type, part, follow and offset, and the combinations refused (docs/api.md). */
class JobLogQueryTest {

    @Test
    void followAndOffsetOfTheTextForm() {
        JobLogQuery query = JobLogQuery.parse("TEXT", null, "True", "1234");
        assertEquals(JobLogQuery.Type.TEXT, query.type());
        assertTrue(query.follow());
        assertEquals(1234, query.offset());
    }

    @Test
    void withoutFollowAndOffsetNothingChanges() {
        JobLogQuery links = JobLogQuery.parse(null, null, null, null);
        assertNull(links.type());
        assertFalse(links.follow());
        assertEquals(0, links.offset());
        assertEquals(JobLogQuery.Type.ZIP, JobLogQuery.parse("zip", "part.1.log", "false", null).type());
    }

    @Test
    void anOffsetAppliesToAPartsRawBytes() {
        assertEquals(10, JobLogQuery.parse(null, "part.1.log", null, "10").offset());
        assertEquals(Long.MAX_VALUE, JobLogQuery.parse("text", null, null, "9223372036854775807").offset());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // type, part, follow, offset, the parameter named
            "zip, -, true, -, follow",
            "-, -, true, -, follow",
            "text, part.1.log, true, -, part",
            "text, -, yes, -, follow",
            "text, -, -, -1, offset",
            "text, -, -, 1e3, offset",
            "text, -, -, '', offset",
            "text, -, -, １２, offset",
            "text, -, -, 9223372036854775808, offset",
            "zip, -, -, 0, offset",
            "-, -, -, 5, offset",
            "pdf, -, true, 5, type"})
    void refusesWhatCannotMeanAnything(String type, String part, String follow, String offset, String named) {
        Refusal refusal = assertThrows(Refusal.class, () -> JobLogQuery.parse(type, part, follow, offset));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals(named, refusal.invalidParameters().get(0).name(), refusal::getMessage);
    }
}
