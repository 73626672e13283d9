package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import it.support.JsonShapes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk purge (docs/contract.md §7): DELETE on v2–v4 {@code jobinstances} with search parameters purges one page of the
 * search, in search order, and answers one purge result per match. Every test tags its own instances with a unique
 * job parameter (or addresses them by id), so the shared database's other instances are never selected.
 */
class BulkPurgeIT {


    // ------------------------------------------------------------------------------------------------ versions

    @Test
    void aV2BulkPurgeOfAnIdRangePurgesEveryMatchNewestFirstAndEachThen404s() {
        String tag = newTag();
        long first = quick("admin", tag);
        long second = quick("admin", tag);
        long third = quick("admin", tag);
        Jobs.awaitAllFinal(first, second, third);
        // Newest first is not the id order: the second is the newest, the first the oldest.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JobRepositoryFixture.setCreateTime(first, now.minus(3, ChronoUnit.HOURS));
        JobRepositoryFixture.setCreateTime(second, now.minus(1, ChronoUnit.HOURS));
        JobRepositoryFixture.setCreateTime(third, now.minus(2, ChronoUnit.HOURS));

        ApiResponse response = admin().delete("v2/jobinstances?jobInstanceId=" + first + ":" + third);

        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        assertEquals(Optional.empty(), response.header("X-IBM-Unrecognized-Fields"));
        assertCompleted(response, second, third, first);
        assertPurged(first, second, third);
    }

    @Test
    void aV3BulkPurgeSelectsWithJobParametersAndSortsAsAsked() {
        String tag = newTag();
        long first = quick("admin", tag);
        long second = quick("admin", tag);
        long other = quick("admin", tag, "color", "red");
        Jobs.awaitAllFinal(first, second, other);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JobRepositoryFixture.setCreateTime(first, now.minus(2, ChronoUnit.HOURS));
        JobRepositoryFixture.setCreateTime(second, now.minus(1, ChronoUnit.HOURS));

        ApiResponse response = admin().delete("v3/jobinstances?jobParameter.tag=" + tag
                + "&jobParameter.color=*&sort=createTime");
        assertCompleted(response, other);
        assertPurged(other);

        ApiResponse rest = admin().delete("v3/jobinstances?jobParameter.tag=" + tag + "&sort=createTime");
        assertCompleted(rest, first, second);
        assertPurged(first, second);
    }

    @Test
    void aV4BulkPurgeUsesTheV4FiltersAndReportsUnrecognizedFields() {
        String tag = newTag();
        long batchlet = quick("admin", tag);
        long chunk = Jobs.submit("admin", "chunkCopy", Map.of("items", "2", "tag", tag));
        long failed = quick("admin", tag, "forceFailure", "true");
        Jobs.awaitAllFinal(batchlet, chunk, failed);

        ApiResponse response = admin().delete("v4/jobinstances?jobParameter.tag=" + tag
                + "&jobName=SLEEPY*&ignoreCase=true&foo=bar&sort=-jobInstanceId&permitRedirect=false"
                + "&purgeJobStoreOnly=false");
        assertCompleted(response, failed, batchlet);
        assertEquals(List.of("foo", "sort=-jobInstanceId"), unrecognized(response));
        assertPurged(failed, batchlet);
        assertExists(chunk);

        ApiResponse v3 = admin().delete("v3/jobinstances?jobParameter.tag=" + tag + "&jobName=nothing");
        assertEquals("jobName", v3.header("X-IBM-Unrecognized-Fields").orElse(null));
        assertCompleted(v3, chunk);
        assertPurged(chunk);
    }

    @Test
    void aBulkPurgeThatMatchesNothingAnswersAnEmptyArray() {
        String tag = newTag();
        for (String version : List.of("v2", "v3", "v4")) {
            ApiResponse response = admin().delete(version + "/jobinstances?jobInstanceId=0&exitStatus=" + tag);
            assertEquals(200, response.status(), response::toString);
            assertEquals(0, response.array().size(), response::toString);
        }
        ApiResponse tagged = admin().delete("v4/jobinstances?jobParameter.tag=" + tag);
        assertEquals("[]", tagged.body().replaceAll("\\s", ""));
    }

    // ------------------------------------------------------------------------------------------------ paging

    @Test
    void aBulkPurgeTakesAtMostOnePageOfFiftyAndPageSizeChangesIt() {
        String tag = newTag();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            created.add(quick("admin", tag));
        }
        Jobs.awaitAllFinal(created.stream().mapToLong(Long::longValue).toArray());
        String search = "v4/jobinstances?jobParameter.tag=" + tag;
        // Created one after the other: newest first is the descending id order.
        List<Long> newestFirst = created.stream().sorted(Comparator.reverseOrder()).toList();
        assertEquals(newestFirst, searchIds(search + "&pageSize=1000"));

        ApiResponse ten = admin().delete(search + "&pageSize=10");
        assertCompleted(ten, newestFirst.subList(0, 10));
        assertEquals("55", admin().get(search).header("X-Total-Count").orElse(null));

        ApiResponse fifty = admin().delete(search);
        assertCompleted(fifty, newestFirst.subList(10, 60));
        ApiResponse left = admin().get(search);
        assertEquals("5", left.header("X-Total-Count").orElse(null));
        assertEquals(newestFirst.subList(60, 65), searchIds(search));

        ApiResponse five = admin().delete(search);
        assertCompleted(five, newestFirst.subList(60, 65));
        assertEquals("0", admin().get(search).header("X-Total-Count").orElse(null));

        ApiResponse none = admin().delete(search);
        assertEquals(200, none.status(), none::toString);
        assertEquals(0, none.array().size());
        assertPurged(newestFirst.get(0), newestFirst.get(9), newestFirst.get(10), newestFirst.get(59),
                newestFirst.get(60), newestFirst.get(64));
    }

    // ------------------------------------------------------------------------------------------------ states

    @Test
    void anActiveInstanceIsReportedStillActiveAndLeftUntouchedWhileTheOthersArePurged() {
        String tag = newTag();
        long before = quick("admin", tag);
        long after = quick("admin", tag);
        Jobs.awaitAllFinal(before, after);
        long running = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "30", "logLines", "0",
                "tag", tag));
        try {
            Jobs.awaitLatestExecution(running, "STARTED");

            ApiResponse response = admin().delete("v4/jobinstances?jobParameter.tag=" + tag);

            assertEquals(200, response.status(), response::toString);
            JsonArray results = response.array();
            assertEquals(3, results.size(), response::toString);
            assertResult(results.getJsonObject(0), running, "STILL_ACTIVE", "The specified job instance, " + running
                    + ", cannot be purged because it has active job executions.");
            assertResult(results.getJsonObject(1), after, "COMPLETED", "Successful purge.");
            assertResult(results.getJsonObject(2), before, "COMPLETED", "Successful purge.");
            assertPurged(before, after);

            ApiResponse still = admin().get("jobinstances/" + running);
            assertEquals(200, still.status(), still::toString);
            assertEquals("DISPATCHED", still.object().getString("instanceState"));
            assertEquals(1, admin().get("jobinstances/" + running + "/jobexecutions").array().size());
            assertEquals("STARTED", admin().get("jobinstances/" + running + "/jobexecutions/0").object()
                    .getString("batchStatus"));
        } finally {
            admin().put("jobinstances/" + running + "?action=stop");
            Jobs.awaitFinal(running);
        }
        ApiResponse stopped = admin().delete("v4/jobinstances?jobParameter.tag=" + tag);
        assertCompleted(stopped, running);
        assertPurged(running);
    }

    @Test
    void purgeJobStoreOnlyPurgesTheRepositoryRows() {
        String tag = newTag();
        long completed = quick("admin", tag);
        long failed = quick("admin", tag, "forceFailure", "true");
        Jobs.awaitAllFinal(completed, failed);

        ApiResponse response = admin().delete("v4/jobinstances?jobParameter.tag=" + tag + "&purgeJobStoreOnly=true");

        assertCompleted(response, failed, completed);
        assertEquals(Optional.empty(), response.header("X-IBM-Unrecognized-Fields"));
        assertPurged(completed, failed);
        assertEquals(0, searchIds("v4/jobinstances?jobParameter.tag=" + tag).size());
    }

    // ------------------------------------------------------------------------------------------------ refusals

    @Test
    void theUnversionedAndV1CollectionsHaveNoBulkPurge() {
        String tag = newTag();
        long instance = quick("admin", tag);
        Jobs.awaitFinal(instance);
        for (String path : List.of("jobinstances", "v1/jobinstances")) {
            ApiResponse response = admin().delete(path + "?jobInstanceId=" + instance);
            JsonShapes.assertProblem(response, 405);
            String allow = response.header("Allow").orElse("");
            assertTrue(allow.contains("GET") && allow.contains("POST") && !allow.contains("DELETE"), allow);
        }
        assertExists(instance);
        assertCompleted(admin().delete("v2/jobinstances?jobInstanceId=" + instance), instance);
    }

    @Test
    void aSubmittersBulkPurgeOverOthersInstancesPurgesOnlyTheirOwn() {
        String tag = newTag();
        long own1 = quick("submitter1", tag);
        long ofSubmitter2 = quick("submitter2", tag);
        long ofAdmin = quick("admin", tag);
        long own2 = quick("submitter1", tag);
        long ofSubmon = quick("submon", tag);
        Jobs.awaitAllFinal(own1, ofSubmitter2, ofAdmin, own2, ofSubmon);

        ApiResponse response = BatchApi.as("submitter1").delete("v2/jobinstances?jobInstanceId=" + own1 + ":"
                + ofSubmon);
        assertCompleted(response, own2, own1);
        assertPurged(own1, own2);
        assertExists(ofSubmitter2, ofAdmin, ofSubmon);

        ApiResponse submon = BatchApi.as("submon").delete("v4/jobinstances?jobParameter.tag=" + tag
                + "&submitter=admin&submitter=submon&submitter=submitter2");
        assertCompleted(submon, ofSubmon);
        assertPurged(ofSubmon);
        assertExists(ofSubmitter2, ofAdmin);

        assertCompleted(admin().delete("v4/jobinstances?jobParameter.tag=" + tag), ofAdmin, ofSubmitter2);
        assertPurged(ofSubmitter2, ofAdmin);
    }

    @Test
    void aMonitorAndAUserWithoutBatchRoleAreRefusedAndNothingIsPurged() {
        String tag = newTag();
        long ofAdmin = quick("admin", tag);
        long ofSubmitter = quick("submitter1", tag);
        Jobs.awaitAllFinal(ofAdmin, ofSubmitter);
        for (String user : List.of("monitor", "nobody")) {
            for (String version : List.of("v2", "v4")) {
                String query = version.equals("v2") ? "jobInstanceId=" + ofAdmin + ":" + ofSubmitter
                        : "jobParameter.tag=" + tag;
                ApiResponse response = BatchApi.as(user).delete(version + "/jobinstances?" + query);
                String detail = JsonShapes.assertProblem(response, 403);
                assertTrue(detail.contains(user), detail);
            }
        }
        assertExists(ofAdmin, ofSubmitter);
        assertEquals("2", admin().get("v4/jobinstances?jobParameter.tag=" + tag).header("X-Total-Count")
                .orElse(null));
        assertCompleted(admin().delete("v4/jobinstances?jobParameter.tag=" + tag), ofSubmitter, ofAdmin);
    }

    @Test
    void badSearchValuesAre400AndNothingIsPurged() {
        String tag = newTag();
        long instance = quick("admin", tag);
        Jobs.awaitFinal(instance);
        String mine = "jobParameter.tag=" + tag;
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("v2/jobinstances?jobInstanceId=" + instance + ",abc", "jobInstanceId");
        bad.put("v2/jobinstances?jobInstanceId=" + instance + ",,1", "jobInstanceId");
        bad.put("v3/jobinstances?jobInstanceId=-1&" + mine, "jobInstanceId");
        bad.put("v4/jobinstances?jobInstanceId=%EF%BC%95&" + mine, "jobInstanceId");
        bad.put("v2/jobinstances?jobInstanceId=" + instance + "&createTime=2015-13-45", "createTime");
        bad.put("v4/jobinstances?" + mine + "&createTime=%3C-1d", "createTime");
        bad.put("v3/jobinstances?" + mine + "&lastUpdatedTime=yesterday", "lastUpdatedTime");
        bad.put("v2/jobinstances?jobInstanceId=" + instance + "&instanceState=BOGUS", "instanceState");
        bad.put("v4/jobinstances?" + mine + "&instanceState=COMPLETED,", "instanceState");
        bad.put("v4/jobinstances?" + mine + "&ignoreCase=maybe", "ignoreCase");
        bad.put("v4/jobinstances?" + mine + "&pageSize=1001", "pageSize");
        bad.put("v4/jobinstances?" + mine + "&page=x", "page");
        bad.put("v4/jobinstances?" + mine + "&purgeJobStoreOnly=maybe", "purgeJobStoreOnly");
        bad.forEach((path, name) -> {
            ApiResponse response = admin().delete(path);
            JsonShapes.assertProblem(response, 400);
            JsonArray invalid = response.object().getJsonArray("invalidParams");
            assertNotNull(invalid, response::toString);
            assertEquals(1, invalid.size(), response::toString);
            assertEquals(name, invalid.getJsonObject(0).getString("name"), path);
            assertExists(instance);
        });
        assertCompleted(admin().delete("v4/jobinstances?" + mine), instance);
    }

    @Test
    void sqlMetacharactersInABulkPurgeSelectNothing() {
        String tag = newTag();
        long instance = quick("admin", tag);
        Jobs.awaitFinal(instance);
        // Restricted to this test's instance, so that even a broken product could only purge that one.
        ApiResponse response = admin().delete("v4/jobinstances?jobParameter.tag=" + tag
                + "&jobName=x%27%20OR%20%271%27=%271");
        assertEquals(200, response.status(), response::toString);
        assertEquals(0, response.array().size(), response::toString);
        ApiResponse drop = admin().delete("v2/jobinstances?jobInstanceId=" + instance
                + "&exitStatus=%27;DROP%20TABLE%20JBATCH.JOBINSTANCE");
        assertEquals(200, drop.status(), drop::toString);
        assertEquals(0, drop.array().size(), drop::toString);
        assertExists(instance);
        assertCompleted(admin().delete("v4/jobinstances?jobParameter.tag=" + tag), instance);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static BatchApi admin() {
        return BatchApi.as("admin");
    }

    private static String newTag() {
        return "purge-" + UUID.randomUUID();
    }

    /** A sleepyBatchlet that completes at once (or fails, with forceFailure=true), tagged. */
    private static long quick(String user, String tag, String... extra) {
        return Jobs.submitQuick(user, tag, 0, extra);
    }

    /** Asserts 200 and exactly one COMPLETED purge result per id, in that order. */
    private static void assertCompleted(ApiResponse response, long... ids) {
        assertCompleted(response, Arrays.stream(ids).boxed().toList());
    }

    private static void assertCompleted(ApiResponse response, List<Long> ids) {
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        JsonArray results = response.array();
        assertEquals(ids, results.stream().map(JsonValue::asJsonObject)
                .map(result -> result.getJsonNumber("instanceId").longValue()).toList(), response::toString);
        for (int i = 0; i < ids.size(); i++) {
            assertResult(results.getJsonObject(i), ids.get(i), "COMPLETED", "Successful purge.");
        }
    }

    private static void assertResult(JsonObject result, long id, String status, String message) {
        JsonShapes.assertFields(JsonShapes.PURGE_RESULT_FIELDS, result);
        assertEquals(JsonValue.ValueType.NUMBER, result.get("instanceId").getValueType());
        assertEquals(id, result.getJsonNumber("instanceId").longValue());
        assertEquals(status, result.getString("purgeStatus"), result::toString);
        assertEquals(message, result.getString("message"));
        assertEquals("", result.getString("redirectUrl"));
    }

    private static void assertPurged(long... ids) {
        for (long id : ids) {
            ApiResponse response = admin().get("jobinstances/" + id);
            assertEquals(404, response.status(), () -> "instance " + id + " after purge: " + response);
            assertEquals(404, admin().get("jobinstances/" + id + "/jobexecutions").status());
        }
    }

    private static void assertExists(long... ids) {
        for (long id : ids) {
            ApiResponse response = admin().get("jobinstances/" + id);
            assertEquals(200, response.status(), () -> "instance " + id + ": " + response);
        }
    }

    private static List<Long> searchIds(String path) {
        ApiResponse response = admin().get(path);
        assertEquals(200, response.status(), response::toString);
        return response.array().stream().map(JsonValue::asJsonObject)
                .map(instance -> instance.getJsonNumber("instanceId").longValue()).toList();
    }

    private static List<String> unrecognized(ApiResponse response) {
        String header = response.header("X-IBM-Unrecognized-Fields").orElse(null);
        assertNotNull(header, response::toString);
        return Arrays.stream(header.split(",")).sorted().toList();
    }
}
