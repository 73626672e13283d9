package io.batchrest.query;

import io.batchrest.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryValuesTest {

    @Test
    void pathIdsAreAsciiIntegers() {
        assertEquals(42L, QueryValues.pathId("job instance id", "42"));
        assertEquals(-1L, QueryValues.pathId("job instance id", "-1"));
        assertEquals(Long.MAX_VALUE, QueryValues.pathId("job instance id", Long.toString(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "１２", "12a", "", " 1", "1.0", "99999999999999999999", "1' OR 1=1"})
    void anythingElseIsA400InLibertysWording(String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> QueryValues.pathId("job instance id", value));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals("The job instance id (" + value + ") must be a Long integer", refusal.getMessage());
        assertEquals("job instance id", refusal.invalidParameters().get(0).name());
    }

    @Test
    void flagsAreTrueOrFalseInAnyCaseAndAbsentMeansFalse() {
        assertTrue(QueryValues.flag("reusePreviousParams", "TRUE"));
        assertFalse(QueryValues.flag("reusePreviousParams", "false"));
        assertFalse(QueryValues.flag("reusePreviousParams", null));
        Refusal refusal = assertThrows(Refusal.class, () -> QueryValues.flag("purgeJobStoreOnly", "yes"));
        assertEquals("The purgeJobStoreOnly value yes is not valid: it must be true or false.", refusal.getMessage());
    }

    @Test
    void pagingDefaultsToTheFirstPageOfFifty() {
        PageRequest page = PageRequest.parse(null, null);
        assertEquals(new PageRequest(0, 50), page);
        assertEquals(0, page.offset());
        assertEquals(2000L, PageRequest.parse("2", "1000").offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "x", "５"})
    void pageSizesOutsideOneToAThousandAreRefusedNamingTheParameter(String pageSize) {
        Refusal refusal = assertThrows(Refusal.class, () -> PageRequest.parse("0", pageSize));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals("pageSize", refusal.invalidParameters().get(0).name());
        assertTrue(refusal.getMessage().contains(pageSize));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "one", "2147483648"})
    void badPageNumbersAreRefusedNamingThePage(String page) {
        Refusal refusal = assertThrows(Refusal.class, () -> PageRequest.parse(page, "10"));
        assertEquals("page", refusal.invalidParameters().get(0).name());
    }
}
