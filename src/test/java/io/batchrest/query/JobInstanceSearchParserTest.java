package io.batchrest.query;

import io.batchrest.model.Refusal;
import io.batchrest.model.InstanceState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobInstanceSearchParserTest {

    /** 2015-11-11 00:30 in New York: just after midnight there, already 05:30 in UTC. */
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Clock AFTER_MIDNIGHT = Clock.fixed(Instant.parse("2015-11-11T05:30:00Z"), NEW_YORK);
    private static final JobInstanceSearchParser PARSER = new JobInstanceSearchParser(AFTER_MIDNIGHT);

    @Test
    void daysAreDaysOfTheServerZoneNotOfUtc() {
        TimeRange day = PARSER.timeRange("createTime", "2015-11-10");
        assertEquals(Optional.of(Instant.parse("2015-11-10T05:00:00Z")), day.from());
        assertEquals(Optional.of(Instant.parse("2015-11-11T05:00:00Z")), day.until());
    }

    @Test
    void atOrAfterNDaysAgoStartsAtTheBeginningOfThatServerDay() {
        TimeRange range = PARSER.timeRange("createTime", ">2d");
        assertEquals(Optional.of(Instant.parse("2015-11-09T05:00:00Z")), range.from());
        assertEquals(Optional.empty(), range.until());
    }

    @Test
    void atOrBeforeNDaysAgoEndsWithThatServerDay() {
        TimeRange range = PARSER.timeRange("createTime", "<2d");
        assertEquals(Optional.empty(), range.from());
        assertEquals(Optional.of(Instant.parse("2015-11-10T05:00:00Z")), range.until());
        assertEquals(Optional.of(Instant.parse("2015-11-11T05:00:00Z")), PARSER.timeRange("createTime", "<1d").until());
    }

    @Test
    void aDayRangeIncludesBothDaysAcrossADaylightSavingChange() {
        TimeRange range = PARSER.timeRange("lastUpdatedTime", "2015-10-31:2015-11-01");
        assertEquals(Optional.of(Instant.parse("2015-10-31T04:00:00Z")), range.from());
        assertEquals(Optional.of(Instant.parse("2015-11-02T05:00:00Z")), range.until());
    }

    @Test
    void invalidDaysNameTheParameter() {
        for (String value : List.of("2015-13-45", "2015-02-30", "<-1d", ">xd", "yesterday", "2015-11-11:2015-11-10", "")) {
            Refusal refusal = assertThrows(Refusal.class, () -> parse(4, Map.of("createTime", value)), value);
            assertEquals("createTime", refusal.invalidParameters().get(0).name(), value);
        }
    }

    @Test
    void instanceIdFormsFollowLibertysGrammar() {
        assertEquals(new InstanceIdFilter.Between(11, 13), ids("11:13"));
        assertEquals(new InstanceIdFilter.AtLeast(12), ids(">12"));
        assertEquals(new InstanceIdFilter.AtMost(12), ids("<12"));
        assertEquals(new InstanceIdFilter.AnyOf(List.of(11L, 12L)), ids("11,12"));
        assertEquals(new InstanceIdFilter.AnyOf(List.of(7L)), ids("7"));
        for (String bad : List.of("abc", "-1", "1,,2", "５", "5:3", ">", "1:2:3")) {
            assertThrows(Refusal.class, () -> ids(bad), bad);
        }
    }

    @Test
    void statesAreACaseInsensitiveListAndUnknownOnesAreListedInTheRefusal() {
        assertEquals(Set.of(InstanceState.COMPLETED, InstanceState.FAILED),
                parse(2, Map.of("instanceState", "completed,FAILED")).search().states());
        Refusal refusal = assertThrows(Refusal.class, () -> parse(2, Map.of("instanceState", "BOGUS")));
        assertEquals("An invalid instanceState parameter was used: BOGUS. Valid instanceState parameters are: "
                + "SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED, FAILED, STOPPED, COMPLETED, ABANDONED",
                refusal.getMessage());
    }

    @Test
    void eachVersionKnowsOnlyItsOwnParameters() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("jobName", List.of("a*"));
        query.put("submitter", List.of("x"));
        query.put("jobParameter.kind", List.of("b"));
        query.put("sort", List.of("-createTime,bogus"));
        query.put("permitRedirect", List.of("true"));
        query.put("foo", List.of("1"));

        JobInstanceSearchParser.Result v2 = new JobInstanceSearchParser(AFTER_MIDNIGHT).parse(2, query);
        assertTrue(v2.search().jobNames().isEmpty() && v2.search().jobParameters().isEmpty() && v2.search().sort().isEmpty());
        assertEquals(List.of(), v2.unrecognizedFields());

        JobInstanceSearchParser.Result v3 = new JobInstanceSearchParser(AFTER_MIDNIGHT).parse(3, query);
        assertEquals(Map.of("kind", "b"), v3.search().jobParameters());
        assertEquals(List.of(new SortKey(SortKey.Field.CREATE_TIME, true)), v3.search().sort());
        assertEquals(List.of("jobName", "submitter", "foo", "sort=bogus"), v3.unrecognizedFields());

        JobInstanceSearchParser.Result v4 = new JobInstanceSearchParser(AFTER_MIDNIGHT).parse(4, query);
        assertEquals(List.of("a*"), v4.search().jobNames());
        assertEquals(List.of("x"), v4.search().submitters());
        assertEquals(List.of("foo", "sort=bogus"), v4.unrecognizedFields());
    }

    @Test
    void onlyV4RepeatsTextFiltersAndHonoursIgnoreCase() {
        Map<String, List<String>> query = Map.of("exitStatus", List.of("A", "B"), "ignoreCase", List.of("true"));
        assertEquals(List.of("A"), parse(3, query).search().exitStatuses());
        assertFalse(parse(3, query).search().ignoreCase());
        assertEquals(List.of("A", "B"), parse(4, query).search().exitStatuses());
        assertTrue(parse(4, query).search().ignoreCase());
    }

    @Test
    void aListOfIdsHoldsAtMostAPageOfThem() {
        String thousand = java.util.stream.IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        assertEquals(1000, ((InstanceIdFilter.AnyOf) ids(thousand)).ids().size());
        Refusal refusal = assertThrows(Refusal.class, () -> ids(thousand + ",1001"));
        assertEquals("The jobInstanceId list has 1001 ids: give at most 1000, or a range a:b.", refusal.getMessage());
    }

    @Test
    void pagingDefaultsAndLimitsApplyToSearches() {
        assertEquals(new PageRequest(0, 50), parse(2, Map.of()).search().page());
        assertThrows(Refusal.class, () -> parse(2, Map.of("pageSize", List.of("1001"))));
    }

    private static InstanceIdFilter ids(String value) {
        return parse(2, Map.of("jobInstanceId", value)).search().instanceIds().orElseThrow();
    }

    private static JobInstanceSearchParser.Result parse(int version, Map<String, ?> query) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        query.forEach((name, value) -> multi.put(name, value instanceof String single ? List.of(single)
                : ((List<?>) value).stream().map(String::valueOf).toList()));
        return PARSER.parse(version, multi);
    }
}
