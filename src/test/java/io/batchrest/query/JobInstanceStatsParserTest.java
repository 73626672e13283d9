package io.batchrest.query;

import io.batchrest.model.InstanceState;
import io.batchrest.model.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The query of v4/jobinstances/stats (docs/api.md, "Aggregates"). */
class JobInstanceStatsParserTest {

    /** 2015-11-11 00:30 in New York: just after midnight there, already 05:30 in UTC. */
    private static final Clock AFTER_MIDNIGHT = Clock.fixed(Instant.parse("2015-11-11T05:30:00Z"),
            ZoneId.of("America/New_York"));
    private static final JobInstanceStatsParser PARSER = new JobInstanceStatsParser(AFTER_MIDNIGHT);

    @Test
    void groupByKeysComeInTheirOwnOrderWhateverTheOrderGiven() {
        assertEquals(List.of(GroupKey.DAY, GroupKey.INSTANCE_STATE), parse("groupBy", "day,instanceState").groupBy());
        assertEquals(List.of(GroupKey.DAY, GroupKey.INSTANCE_STATE, GroupKey.JOB_NAME),
                parse("groupBy", "jobName,instanceState,day").groupBy());
        assertEquals(List.of(GroupKey.CREATE_DAY), parse("groupBy", "createDay").groupBy());
        assertEquals(List.of(GroupKey.JOB_NAME), parse("groupBy", "jobName").groupBy());
    }

    @Test
    void aMissingEmptyUnknownOrRepeatedGroupByKeyIsRefusedNamingGroupBy() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("", "groupBy is required: a comma-separated list of day, createDay, instanceState, jobName, "
                + "e.g. groupBy=day,instanceState.");
        refusals.put("week", "The groupBy key week is not valid. Valid groupBy keys are: day, createDay, "
                + "instanceState, jobName.");
        refusals.put("Day", "The groupBy key Day is not valid. Valid groupBy keys are: day, createDay, "
                + "instanceState, jobName.");
        refusals.put("day,", "The groupBy key \"\" is not valid. Valid groupBy keys are: day, createDay, "
                + "instanceState, jobName.");
        refusals.put("day,instanceState,day", "The groupBy key day is given twice.");
        refusals.forEach((value, detail) -> {
            Refusal refusal = assertThrows(Refusal.class, () -> parse("groupBy", value), value);
            assertEquals(Refusal.Kind.INVALID, refusal.kind());
            assertEquals("groupBy", refusal.invalidParameters().get(0).name(), value);
            assertEquals(detail, refusal.getMessage(), value);
        });
        Refusal missing = assertThrows(Refusal.class, () -> PARSER.parse(Map.of("jobName", List.of("a"))));
        assertEquals("groupBy", missing.invalidParameters().get(0).name());
    }

    @Test
    void theV4FiltersAreParsedAsASearchParsesThemWithTheSameDays() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("groupBy", List.of("day,instanceState"));
        query.put("lastUpdatedTime", List.of(">13d"));
        query.put("createTime", List.of("2015-11-01:2015-11-10"));
        query.put("instanceState", List.of("completed,FAILED"));
        query.put("jobName", List.of("chunk*", "sleepy*"));
        query.put("submitter", List.of("submitter1"));
        query.put("appName", List.of("batch-rest"));
        query.put("exitStatus", List.of("SUCC*"));
        query.put("jobInstanceId", List.of("10:20"));
        query.put("jobParameter.items", List.of("100"));
        query.put("ignoreCase", List.of("true"));
        query.put("permitRedirect", List.of("true"));
        JobInstanceSearch filters = PARSER.parse(query).filters();
        JobInstanceSearch expected = new JobInstanceSearchParser(AFTER_MIDNIGHT).parse(4, query.entrySet().stream()
                .filter(entry -> !entry.getKey().equals("groupBy"))
                .collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()),
                        Map::putAll)).search();
        assertEquals(expected, filters);
        assertEquals(Optional.of(Instant.parse("2015-10-29T04:00:00Z")), filters.lastUpdatedTime().orElseThrow().from(),
                "13 days before 2015-11-11 in New York, still on daylight saving time");
        assertEquals(Set.of(InstanceState.COMPLETED, InstanceState.FAILED), filters.states());
        assertEquals(List.of("chunk*", "sleepy*"), filters.jobNames());
        assertEquals(List.of("submitter1"), filters.submitters());
        assertEquals(Map.of("items", "100"), filters.jobParameters());
        assertEquals(List.of(), filters.sort());
    }

    @Test
    void anInvalidFilterIsRefusedNamingIt() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("lastUpdatedTime", "<-1d");
        bad.put("createTime", "2015-13-45");
        bad.put("instanceState", "DONE");
        bad.put("jobInstanceId", "x");
        bad.put("jobName", "");
        bad.put("submitter", "");
        bad.put("ignoreCase", "yes");
        bad.put("jobParameter.", "1");
        bad.forEach((name, value) -> {
            Refusal refusal = assertThrows(Refusal.class, () -> PARSER.parse(Map.of("groupBy", List.of("day"),
                    name, List.of(value))), name);
            assertEquals(name, refusal.invalidParameters().get(0).name(), name);
        });
    }

    @Test
    void aParameterAnAggregateDoesNotTakeIsRefusedNamingIt() {
        for (String name : List.of("page", "pageSize", "sort", "after", "count", "purgeJobStoreOnly", "lastUpdateTime",
                "state")) {
            Refusal refusal = assertThrows(Refusal.class, () -> PARSER.parse(Map.of("groupBy", List.of("day"),
                    name, List.of("1"))), name);
            assertEquals(name, refusal.invalidParameters().get(0).name(), name);
            assertEquals("The parameter " + name + " is not known to jobinstances/stats: it takes groupBy and the v4 "
                    + "filters appName, createTime, exitStatus, ignoreCase, instanceState, jobInstanceId, jobName, "
                    + "lastUpdatedTime, submitter and jobParameter.<name>.", refusal.getMessage(), name);
        }
    }

    private static JobInstanceStatsQuery parse(String name, String value) {
        return PARSER.parse(Map.of(name, List.of(value)));
    }
}
