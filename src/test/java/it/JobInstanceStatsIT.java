package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aggregates, {@code v4/jobinstances/stats} (docs/api.md, "Aggregates"): real jobs of two job names of this test
 * alone end COMPLETED or FAILED, their create and update times are moved to known server days, and the counts per
 * day, creation day, state and job name are asserted exactly, for each role, with the v4 filters, and the refusals.
 *
 * <pre>
 * instance  submitter   job  state      created     last updated
 * a1        submitter1  A    COMPLETED  today-2     today-2
 * a2        submitter1  A    COMPLETED  today-2     today-1
 * a3        submitter1  A    FAILED     today-1     today-1
 * a4        submitter1  A    COMPLETED  today-20    today
 * b1        submitter2  B    COMPLETED  today-1     today
 * b2        submitter2  B    FAILED     today-20    today-20
 * </pre>
 */
class JobInstanceStatsIT {

    /** The server's zone: the build starts the server and the tests with the same user.timezone (pom.xml). */
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final String PREFIX = "stats" + UUID.randomUUID().toString().replace("-", "");
    private static final String JOB_A = PREFIX + "a";
    private static final String JOB_B = PREFIX + "b";
    private static final String OURS = "jobName=" + PREFIX + "*";
    private static final LocalDate TODAY = LocalDate.now(ZONE);
    private static final List<Long> INSTANCES = new ArrayList<>();

    private static String day(int daysAgo) {
        return TODAY.minusDays(daysAgo).toString();
    }

    @BeforeAll
    static void runJobsAndMoveThemToKnownDays() {
        long a1 = run("submitter1", JOB_A, false);
        long a2 = run("submitter1", JOB_A, false);
        long a3 = run("submitter1", JOB_A, true);
        long a4 = run("submitter1", JOB_A, false);
        long b1 = run("submitter2", JOB_B, false);
        long b2 = run("submitter2", JOB_B, true);
        List<String> states = INSTANCES.stream().map(id -> Jobs.awaitFinal(id).getString("instanceState")).toList();
        assertEquals(List.of("COMPLETED", "COMPLETED", "FAILED", "COMPLETED", "COMPLETED", "FAILED"), states);
        move(a1, 2, 2);
        move(a2, 2, 1);
        move(a3, 1, 1);
        move(a4, 20, 0);
        move(b1, 1, 0);
        move(b2, 20, 20);
    }

    @AfterAll
    static void purgeThem() {
        INSTANCES.forEach(id -> BatchApi.as("admin").delete("jobinstances/" + id + "?purgeJobStoreOnly=true"));
    }

    /** An inline job of the given name running the sleepyBatchlet at once, failing or not. */
    private static long run(String user, String jobName, boolean failing) {
        String jsl = "<job id=\"" + jobName + "\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"step1\"><batchlet ref=\"sleepyBatchlet\"><properties>"
                + "<property name=\"sleepSeconds\" value=\"0\"/><property name=\"logLines\" value=\"1\"/>"
                + "<property name=\"forceFailure\" value=\"" + failing + "\"/>"
                + "</properties></batchlet></step></job>";
        String body = Json.createObjectBuilder().add("applicationName", "batch-rest").add("jobXML", jsl).build()
                .toString();
        ApiResponse response = BatchApi.as(user).postJson("jobinstances", body);
        assertEquals(201, response.status(), response::toString);
        long id = response.object().getJsonNumber("instanceId").longValue();
        INSTANCES.add(id);
        return id;
    }

    /** Noon of the server days, so that the day is the same in every zone within 12 hours of the server's. */
    private static void move(long instanceId, int createdDaysAgo, int updatedDaysAgo) {
        JobRepositoryFixture.setCreateTime(instanceId, noon(createdDaysAgo));
        JobRepositoryFixture.setLastUpdatedTime(instanceId, noon(updatedDaysAgo));
    }

    private static Instant noon(int daysAgo) {
        return TODAY.minusDays(daysAgo).atTime(12, 0).atZone(ZONE).toInstant();
    }

    /** A group as the API writes it: the keys in the order given, then count. */
    private static JsonObject group(Object... keysThenCount) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < keysThenCount.length - 1; i += 2) {
            builder.add((String) keysThenCount[i], (String) keysThenCount[i + 1]);
        }
        return builder.add("count", ((Number) keysThenCount[keysThenCount.length - 1]).longValue()).build();
    }

    private static JsonArray stats(String user, String query) {
        ApiResponse response = BatchApi.as(user).get("v4/jobinstances/stats?" + query);
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        return response.array();
    }

    private static JsonArray groups(JsonObject... groups) {
        var builder = Json.createArrayBuilder();
        for (JsonObject group : groups) {
            builder.add(group);
        }
        return builder.build();
    }

    @Test
    void runsPerDayByStateComeOrderedByDayThenStateInItsStoredOrder() {
        JsonArray expected = groups(
                group("day", day(2), "instanceState", "COMPLETED", 1),
                group("day", day(1), "instanceState", "FAILED", 1),
                group("day", day(1), "instanceState", "COMPLETED", 1),
                group("day", day(0), "instanceState", "COMPLETED", 2));
        assertEquals(expected, stats("admin", "groupBy=day,instanceState&lastUpdatedTime=%3E13d&" + OURS));
        assertEquals(expected, stats("admin", "groupBy=instanceState,day&lastUpdatedTime=%3E13d&" + OURS),
                "the keys come in their own order, whatever the order of groupBy");

        JsonArray everything = stats("admin", "groupBy=day,instanceState&" + OURS);
        assertEquals(5, everything.size(), everything::toString);
        assertEquals(List.of("day", "instanceState", "count"), new ArrayList<>(everything.getJsonObject(0).keySet()));
        assertEquals(group("day", day(20), "instanceState", "FAILED", 1), everything.getJsonObject(0));
        assertEquals(expected, groups(everything.subList(1, 5).toArray(JsonObject[]::new)));
    }

    @Test
    void theJobNameSplitsAGroupAndComesLast() {
        assertEquals(groups(
                        group("day", day(2), "instanceState", "COMPLETED", "jobName", JOB_A, 1),
                        group("day", day(1), "instanceState", "FAILED", "jobName", JOB_A, 1),
                        group("day", day(1), "instanceState", "COMPLETED", "jobName", JOB_A, 1),
                        group("day", day(0), "instanceState", "COMPLETED", "jobName", JOB_A, 1),
                        group("day", day(0), "instanceState", "COMPLETED", "jobName", JOB_B, 1)),
                stats("admin", "groupBy=day,instanceState,jobName&lastUpdatedTime=%3E13d&" + OURS));
        assertEquals(groups(
                        group("instanceState", "FAILED", "jobName", JOB_A, 1),
                        group("instanceState", "FAILED", "jobName", JOB_B, 1),
                        group("instanceState", "COMPLETED", "jobName", JOB_A, 3),
                        group("instanceState", "COMPLETED", "jobName", JOB_B, 1)),
                stats("admin", "groupBy=jobName,instanceState&" + OURS));
        assertEquals(groups(group("jobName", JOB_A, 4), group("jobName", JOB_B, 2)),
                stats("admin", "groupBy=jobName&" + OURS));
    }

    @Test
    void theCreationDayGroupsByWhenTheInstanceWasSubmitted() {
        assertEquals(groups(group("createDay", day(20), 2), group("createDay", day(2), 2),
                group("createDay", day(1), 2)), stats("admin", "groupBy=createDay&" + OURS));
        assertEquals(groups(
                        group("day", day(0), "createDay", day(20), 1),
                        group("day", day(0), "createDay", day(1), 1)),
                stats("admin", "groupBy=createDay,day&lastUpdatedTime=" + day(0) + "&" + OURS));
    }

    @Test
    void theV4FiltersSelectTheInstancesCountedAsTheySelectASearch() {
        assertEquals(groups(group("day", day(20), 1), group("day", day(0), 1)),
                stats("admin", "groupBy=day&createTime=%3C15d&" + OURS));
        assertEquals(groups(group("day", day(2), 1), group("day", day(1), 2)),
                stats("admin", "groupBy=day&lastUpdatedTime=" + day(2) + ":" + day(1) + "&" + OURS));
        assertEquals(groups(group("instanceState", "FAILED", 1), group("instanceState", "COMPLETED", 1)),
                stats("admin", "groupBy=instanceState&submitter=submitter2&" + OURS));
        assertEquals(groups(group("day", day(20), "instanceState", "FAILED", 1),
                        group("day", day(1), "instanceState", "FAILED", 1)),
                stats("admin", "groupBy=day,instanceState&instanceState=failed&" + OURS));
        assertEquals(groups(group("jobName", JOB_B, 2)), stats("admin", "groupBy=jobName&jobName=" + JOB_B));
        assertEquals(groups(group("jobName", JOB_A, 4), group("jobName", JOB_B, 2)), stats("admin",
                "groupBy=jobName&ignoreCase=true&jobName=" + JOB_A.toUpperCase() + "&jobName=" + JOB_B));
        assertEquals(groups(group("jobName", JOB_A, 1)), stats("admin", "groupBy=jobName&jobInstanceId="
                + INSTANCES.get(0) + "&" + OURS));
        assertEquals(groups(), stats("admin", "groupBy=day&lastUpdatedTime=%3E0d&instanceState=FAILED&" + OURS));
    }

    @Test
    void aSubmitterCountsOnlyTheirOwnInstancesAMonitorAndAnAdminCountAll() {
        String query = "groupBy=day,instanceState&" + OURS;
        assertEquals(groups(
                        group("day", day(2), "instanceState", "COMPLETED", 1),
                        group("day", day(1), "instanceState", "FAILED", 1),
                        group("day", day(1), "instanceState", "COMPLETED", 1),
                        group("day", day(0), "instanceState", "COMPLETED", 1)),
                stats("submitter1", query));
        assertEquals(groups(
                        group("day", day(20), "instanceState", "FAILED", 1),
                        group("day", day(0), "instanceState", "COMPLETED", 1)),
                stats("submitter2", query));
        JsonArray all = stats("admin", query);
        assertEquals(5, all.size(), all::toString);
        assertEquals(all, stats("monitor", query));
        assertEquals(all, stats("submon", query), "a submitter who is also a monitor reads everything");
        assertEquals(groups(), stats("submitter1", query + "&submitter=submitter2"),
                "another submitter's instances stay invisible when asked for");

        ApiResponse nobody = BatchApi.as("nobody").get("v4/jobinstances/stats?" + query);
        assertEquals(403, nobody.status(), nobody::toString);
        assertEquals(401, BatchApi.anonymous().get("v4/jobinstances/stats?" + query).status());
    }

    @Test
    void theServerTimeHeaderTellsTheDayTheFiltersCountFrom() {
        ApiResponse response = BatchApi.as("monitor").get("v4/jobinstances/stats?groupBy=day&" + OURS);
        assertEquals(200, response.status(), response::toString);
        String serverTime = response.header("X-Server-Time").orElseThrow();
        assertTrue(serverTime.matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} [+-]\\d{4}"), serverTime);
        assertTrue(serverTime.startsWith(TODAY.toString().replace('-', '/'))
                || serverTime.startsWith(TODAY.plusDays(1).toString().replace('-', '/')), serverTime);
    }

    @Test
    void aBadGroupByOrFilterOrAParameterStatsDoesNotTakeIsA400NamingIt() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("", "groupBy");
        refusals.put("groupBy=", "groupBy");
        refusals.put("groupBy=week", "groupBy");
        refusals.put("groupBy=day,day", "groupBy");
        refusals.put("groupBy=day&groupBy=jobName", "groupBy");
        refusals.put("groupBy=day&lastUpdatedTime=%3C-1d", "lastUpdatedTime");
        refusals.put("groupBy=day&createTime=2015-13-45", "createTime");
        refusals.put("groupBy=day&instanceState=DONE", "instanceState");
        refusals.put("groupBy=day&jobName=", "jobName");
        refusals.put("groupBy=day&page=1", "page");
        refusals.put("groupBy=day&sort=-createTime", "sort");
        refusals.put("groupBy=day&lastUpdateTime=%3E1d", "lastUpdateTime");
        refusals.forEach((query, parameter) -> {
            ApiResponse response = BatchApi.as("admin").get("v4/jobinstances/stats?" + query);
            assertEquals(400, response.status(), () -> query + ": " + response);
            assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
            JsonArray invalid = response.object().getJsonArray("invalidParams");
            assertEquals(parameter, invalid.getJsonObject(0).getString("name"), () -> query + ": " + response);
            assertTrue(response.object().getString("detail").contains(parameter), () -> query + ": " + response);
        });
    }

    @Test
    void beforeV4AndForOtherMethodsStatsIsAnInstanceIdThatIsNotANumberAsItAlwaysWas() {
        for (String version : List.of("", "v1/", "v2/", "v3/")) {
            ApiResponse response = BatchApi.as("admin").get(version + "jobinstances/stats?groupBy=day");
            assertEquals(400, response.status(), () -> version + ": " + response);
            assertEquals("The job instance id (stats) must be a Long integer",
                    response.object().getString("detail"), version);
        }
        for (ApiResponse response : List.of(BatchApi.as("admin").delete("v4/jobinstances/stats"),
                BatchApi.as("admin").put("v4/jobinstances/stats?action=stop"),
                BatchApi.as("admin").delete("jobinstances/stats"))) {
            assertEquals(400, response.status(), response::toString);
            assertEquals("The job instance id (stats) must be a Long integer", response.object().getString("detail"),
                    "only GET is an aggregate: other methods address an instance");
        }
    }
}
