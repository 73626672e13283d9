package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.JsonShapes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dry runs and asynchronous bulk purges (docs/contract.md §7): {@code dryRun=true} answers what the purge would do and
 * deletes nothing; {@code Prefer: respond-async} starts a purge task at {@code purges/{taskId}} that purges every match
 * in the background (the test server purges 2 instances per batch with 300 ms between batches, so that a task runs
 * long enough to be cancelled), reports its counts and per-instance results, and can be cancelled by its submitter or a
 * batchAdmin. Every test tags its instances with a job parameter of its own.
 */
class AsyncPurgeIT {

    private static final List<String> TASK_FIELDS = List.of("taskId", "state", "submitter", "search",
            "purgeJobStoreOnly", "matched", "purged", "failed", "remaining", "createTime", "lastUpdatedTime",
            "endTime", "serverId", "message", "_links");
    private static final List<String> TASK_WITH_RESULTS_FIELDS = List.of("taskId", "state", "submitter", "search",
            "purgeJobStoreOnly", "matched", "purged", "failed", "remaining", "createTime", "lastUpdatedTime",
            "endTime", "serverId", "message", "results", "_links");
    private static final List<String> RESULT_FIELDS = List.of("instanceId", "purgeStatus", "message",
            "redirectUrl");
    private static final Pattern TASK_LOCATION = Pattern.compile(Pattern.quote(BatchApi.ROOT)
            + "v4/purges/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final String WOULD_PURGE = "Not purged (dry run): a purge would delete its job log files and its "
            + "repository rows.";

    // ------------------------------------------------------------------------------------------------ dry run

    @Test
    void aDryRunListsExactlyWhatTheFollowingPurgePurgesAndChangesNothing() {
        String tag = newTag();
        long older = quick("admin", tag);
        long newer = quick("admin", tag);
        Jobs.awaitAllFinal(older, newer);
        Path olderLog = logDirectory(older);
        Path newerLog = logDirectory(newer);
        long running = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "30", "logLines", "0",
                "tag", tag));
        try {
            Jobs.awaitLatestExecution(running, "STARTED");
            String search = "v4/jobinstances?jobParameter.tag=" + tag;

            ApiResponse dryRun = admin().delete(search + "&dryRun=true");

            assertEquals(200, dryRun.status(), dryRun::toString);
            assertTrue(dryRun.contentType().startsWith("application/json"), dryRun::contentType);
            assertTrue(dryRun.header("X-IBM-Unrecognized-Fields").isEmpty(), "dryRun is a known parameter");
            JsonArray planned = dryRun.array();
            assertEquals(3, planned.size(), dryRun::toString);
            assertResult(planned.getJsonObject(0), running, "STILL_ACTIVE", active(running));
            assertResult(planned.getJsonObject(1), newer, "WOULD_PURGE", WOULD_PURGE);
            assertResult(planned.getJsonObject(2), older, "WOULD_PURGE", WOULD_PURGE);
            assertExists(running, newer, older);
            assertTrue(Files.isDirectory(olderLog) && Files.isDirectory(newerLog), "the job logs are kept");
            assertEquals("3", admin().get(search).header("X-Total-Count").orElseThrow());
            assertEquals(dryRun.array(), admin().delete(search + "&dryRun=TRUE").array(), "a dry run twice");

            ApiResponse purge = admin().delete(search);

            assertEquals(200, purge.status(), purge::toString);
            JsonArray done = purge.array();
            assertEquals(ids(planned), ids(done));
            assertResult(done.getJsonObject(0), running, "STILL_ACTIVE", active(running));
            assertResult(done.getJsonObject(1), newer, "COMPLETED", "Successful purge.");
            assertResult(done.getJsonObject(2), older, "COMPLETED", "Successful purge.");
            assertPurged(newer, older);
            assertFalse(Files.exists(olderLog) || Files.exists(newerLog), "the purge deleted the job logs");
        } finally {
            Jobs.stopIfRunning(running);
        }
        assertEquals(List.of(running), ids(admin().delete("v4/jobinstances?jobParameter.tag=" + tag).array()));
    }

    @Test
    void aDryRunHasTheAuthorityAndScopeOfThePurgeAndRefusesBadValues() {
        String tag = newTag();
        long own = quick("submitter1", tag);
        long others = quick("submitter2", tag);
        Jobs.awaitAllFinal(own, others);
        String search = "v4/jobinstances?jobParameter.tag=" + tag + "&dryRun=true";

        ApiResponse submitter = BatchApi.as("submitter1").delete(search);
        assertEquals(200, submitter.status(), submitter::toString);
        assertEquals(1, submitter.array().size(), submitter::toString);
        assertResult(submitter.array().getJsonObject(0), own, "WOULD_PURGE", WOULD_PURGE);

        ApiResponse jobStoreOnly = admin().delete(search + "&purgeJobStoreOnly=true");
        assertEquals(List.of(others, own), ids(jobStoreOnly.array()));
        assertEquals("Not purged (dry run): a purge would delete its repository rows.",
                jobStoreOnly.array().getJsonObject(0).getString("message"));

        for (String user : List.of("monitor", "nobody")) {
            String detail = JsonShapes.assertProblem(BatchApi.as(user).delete(search), 403);
            assertTrue(detail.contains(user), detail);
        }
        ApiResponse bad = admin().delete("v4/jobinstances?jobParameter.tag=" + tag + "&dryRun=maybe");
        JsonShapes.assertProblem(bad, 400);
        assertEquals("dryRun", bad.object().getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        assertExists(own, others);
        assertEquals(List.of(others, own), ids(admin().delete("v4/jobinstances?jobParameter.tag=" + tag).array()));
    }

    // ------------------------------------------------------------------------------------------------ async

    @Test
    void respondAsyncAnswers202WithTheTaskWhichPurgesEveryMatchInTheBackground() {
        String tag = newTag();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(quick("admin", tag));
        }
        created.forEach(Jobs::awaitFinal);
        List<Path> logs = created.stream().map(AsyncPurgeIT::logDirectory).toList();
        List<Long> newestFirst = created.stream().sorted(Comparator.reverseOrder()).toList();
        String search = "v4/jobinstances?jobParameter.tag=" + tag + "&foo=bar";

        ApiResponse accepted = startAsync("admin", search, "respond-async");

        assertEquals(202, accepted.status(), accepted::toString);
        assertTrue(accepted.contentType().startsWith("application/json"), accepted::contentType);
        assertEquals("respond-async", accepted.header("Preference-Applied").orElseThrow());
        assertEquals("foo", accepted.header("X-IBM-Unrecognized-Fields").orElseThrow());
        String location = accepted.header("Location").orElseThrow();
        Matcher taskUrl = TASK_LOCATION.matcher(location);
        assertTrue(taskUrl.matches(), location);
        String taskId = taskUrl.group(1);
        JsonObject created202 = accepted.object();
        JsonShapes.assertFields(TASK_FIELDS, created202);
        assertEquals(taskId, created202.getString("taskId"));
        assertTrue(Set.of("RUNNING", "COMPLETED").contains(created202.getString("state")), created202::toString);
        assertEquals("admin", created202.getString("submitter"));
        assertEquals(search, created202.getString("search"));
        assertFalse(created202.getBoolean("purgeJobStoreOnly"));
        assertEquals(5, created202.getInt("matched"));
        assertEquals(5, created202.getInt("purged") + created202.getInt("remaining"), created202::toString);
        assertEquals(0, created202.getInt("failed"));
        JsonShapes.assertDate(created202.getString("createTime"));
        assertEquals(List.of("self " + location), JsonShapes.links(created202));

        JsonObject done = awaitEnded(location);

        JsonShapes.assertFields(TASK_WITH_RESULTS_FIELDS, done);
        assertEquals("COMPLETED", done.getString("state"));
        assertEquals(List.of(5, 5, 0, 0), List.of(done.getInt("matched"), done.getInt("purged"),
                done.getInt("failed"), done.getInt("remaining")));
        JsonShapes.assertDate(done.getString("endTime"));
        assertEquals("", done.getString("message"));
        assertFalse(done.getString("serverId").isEmpty());
        JsonArray results = done.getJsonArray("results");
        assertEquals(newestFirst, ids(results));
        results.forEach(result -> assertResult(result.asJsonObject(), result.asJsonObject()
                .getJsonNumber("instanceId").longValue(), "COMPLETED", "Successful purge."));
        assertPurged(created);
        logs.forEach(log -> assertFalse(Files.exists(log), () -> log + " is deleted"));

        ApiResponse first = admin().get(location + "?pageSize=2");
        assertEquals(newestFirst.subList(0, 2), ids(first.object().getJsonArray("results")));
        assertEquals("<" + location + "?pageSize=2&page=1>; rel=\"next\"", first.header("Link").orElseThrow());
        ApiResponse last = admin().get(location + "?pageSize=2&page=2");
        assertEquals(newestFirst.subList(4, 5), ids(last.object().getJsonArray("results")));
        assertEquals("<" + location + "?pageSize=2&page=1>; rel=\"prev\"", last.header("Link").orElseThrow());
        JsonShapes.assertProblem(admin().get(location + "?pageSize=0"), 400);

        ApiResponse list = admin().get("v4/purges?pageSize=1000");
        assertEquals(200, list.status(), list::toString);
        JsonObject listed = list.array().stream().map(JsonValue::asJsonObject)
                .filter(task -> task.getString("taskId").equals(taskId)).findFirst().orElseThrow();
        JsonShapes.assertFields(TASK_FIELDS, listed);
        assertEquals("COMPLETED", listed.getString("state"));

        String ended = JsonShapes.assertProblem(admin().delete(location), 409);
        assertTrue(ended.contains(taskId) && ended.contains("COMPLETED"), ended);
    }

    @Test
    void aCancelledTaskStopsAndKeepsWhatItPurged() {
        String tag = newTag();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            created.add(quick("admin", tag, "logLines", "0"));
        }
        created.forEach(Jobs::awaitFinal);
        String search = "v4/jobinstances?jobParameter.tag=" + tag;
        ApiResponse accepted = startAsync("admin", search, "respond-async");
        assertEquals(202, accepted.status(), accepted::toString);
        String location = accepted.header("Location").orElseThrow();
        // Cancelled once its first batch is purged: the test server pauses 300 ms after each batch of 2 (pom.xml), so
        // the cancel comes half-way. A cancel right after the 202 could come before the task has purged anything.
        Jobs.await(() -> admin().get(location).object().getInt("purged") > 0 ? Boolean.TRUE : null,
                "the task's first batch");

        ApiResponse cancel = admin().delete(location);

        assertEquals(200, cancel.status(), cancel::toString);
        JsonObject cancelled = cancel.object();
        JsonShapes.assertFields(TASK_FIELDS, cancelled);
        assertEquals("CANCELLED", cancelled.getString("state"));
        JsonShapes.assertDate(cancelled.getString("endTime"));
        // The instance being purged when the cancel came is finished: wait until the rows left agree with the task.
        JsonObject task = Jobs.await(() -> {
            JsonObject now = admin().get(location + "?pageSize=1000").object();
            long left = Long.parseLong(admin().get(search).header("X-Total-Count").orElseThrow());
            return now.getInt("purged") + left == 30 ? now : null;
        }, "the cancelled task's counts to agree with the instances left");
        assertEquals("CANCELLED", task.getString("state"));
        assertEquals(30, task.getInt("matched"));
        assertEquals(0, task.getInt("failed"));
        assertEquals(30, task.getInt("purged") + task.getInt("remaining"), task::toString);
        assertTrue(task.getInt("remaining") > 0, task::toString);
        JsonArray results = task.getJsonArray("results");
        assertEquals(created.stream().sorted(Comparator.reverseOrder()).toList(), ids(results));
        Map<String, List<Long>> byStatus = results.stream().map(JsonValue::asJsonObject).collect(Collectors.groupingBy(
                result -> result.getString("purgeStatus"), Collectors.mapping(
                        result -> result.getJsonNumber("instanceId").longValue(), Collectors.toList())));
        assertEquals(Set.of("COMPLETED", "PENDING"), byStatus.keySet(), results::toString);
        assertEquals(task.getInt("purged"), byStatus.get("COMPLETED").size());
        assertPurged(byStatus.get("COMPLETED"));
        assertEquals(byStatus.get("PENDING"), searchIds(search + "&pageSize=1000"));

        JsonShapes.assertProblem(admin().delete(location), 409);
        assertEquals(byStatus.get("PENDING"), ids(admin().delete(search + "&pageSize=1000").array()));
    }

    @Test
    void onlyItsSubmitterAndAdminsSeeOrCancelATaskAndAMonitorCannotStartOne() {
        String tag = newTag();
        long own = quick("submitter1", tag);
        long others = quick("submitter2", tag);
        Jobs.awaitAllFinal(own, others);
        String search = "v4/jobinstances?jobParameter.tag=" + tag;
        for (String user : List.of("monitor", "nobody")) {
            String detail = JsonShapes.assertProblem(startAsync(user, search, "respond-async"), 403);
            assertTrue(detail.contains(user), detail);
        }
        assertExists(own, others);

        ApiResponse accepted = startAsync("submitter1", search, "respond-async");
        assertEquals(202, accepted.status(), accepted::toString);
        String location = accepted.header("Location").orElseThrow();
        String taskId = accepted.object().getString("taskId");
        assertEquals(1, accepted.object().getInt("matched"), "a submitter's purge selects their own instances");
        JsonObject done = Jobs.await(() -> {
            JsonObject task = BatchApi.as("submitter1").get(location).object();
            return task.getString("state").equals("RUNNING") ? null : task;
        }, "the submitter's task to end");
        assertEquals("COMPLETED", done.getString("state"));
        assertEquals(List.of(own), ids(done.getJsonArray("results")));
        assertPurged(own);
        assertExists(others);

        for (String user : List.of("submitter2", "monitor", "submon")) {
            String read = JsonShapes.assertProblem(BatchApi.as(user).get(location), 403);
            assertTrue(read.contains(user) && read.contains(taskId), read);
            JsonShapes.assertProblem(BatchApi.as(user).delete(location), 403);
            assertFalse(taskIds(user).contains(taskId), user + " does not list it");
        }
        assertEquals(200, admin().get(location).status());
        assertTrue(taskIds("submitter1").contains(taskId));
        assertTrue(taskIds("admin").contains(taskId));
        assertEquals(List.of(others), ids(admin().delete(search).array()));
    }

    @Test
    void anUnknownTaskIs404AndAMalformedTaskIdIs400() {
        String unknown = UUID.randomUUID().toString();
        for (String method : List.of("GET", "DELETE")) {
            ApiResponse response = admin().send(method, "v4/purges/" + unknown, null, null);
            String detail = JsonShapes.assertProblem(response, 404);
            assertEquals("No purge task found for task id " + unknown + ".", detail);
            ApiResponse malformed = admin().send(method, "purges/not-a-task", null, null);
            JsonShapes.assertProblem(malformed, 400);
            assertEquals("taskId", malformed.object().getJsonArray("invalidParams").getJsonObject(0)
                    .getString("name"));
        }
        JsonShapes.assertProblem(BatchApi.anonymous().get("purges/" + unknown), 401);
        JsonShapes.assertProblem(BatchApi.as("nobody").get("purges"), 403);
    }

    @Test
    void preferencesOtherThanRespondAsyncAreIgnoredAndAnAsyncPurgeTakesNoPage() {
        String tag = newTag();
        String search = "v4/jobinstances?jobParameter.tag=" + tag;
        for (String prefer : List.of("respond-asynchronously", "return=minimal", "wait=10", "respond_async", ",")) {
            long instance = quick("admin", tag);
            Jobs.awaitFinal(instance);

            ApiResponse response = startAsync("admin", search, prefer);

            assertEquals(200, response.status(), () -> prefer + ": " + response);
            assertTrue(response.header("Preference-Applied").isEmpty(), prefer);
            assertTrue(response.header("Location").isEmpty(), prefer);
            assertEquals(List.of(instance), ids(response.array()), prefer);
            assertEquals("COMPLETED", response.array().getJsonObject(0).getString("purgeStatus"));
        }
        long instance = quick("admin", tag);
        Jobs.awaitFinal(instance);
        for (String paging : List.of("page=0", "pageSize=10", "after=x")) {
            ApiResponse refused = startAsync("admin", search + "&" + paging, "respond-async");
            JsonShapes.assertProblem(refused, 400);
            assertEquals(paging.substring(0, paging.indexOf('=')), refused.object().getJsonArray("invalidParams")
                    .getJsonObject(0).getString("name"));
        }
        ApiResponse dryRun = startAsync("admin", search + "&dryRun=true", "respond-async");
        assertEquals(200, dryRun.status(), "a dry run is answered at once");
        assertEquals(List.of(instance), ids(dryRun.array()));

        ApiResponse among = startAsync("admin", "v2/jobinstances?jobInstanceId=" + instance,
                "return=minimal, RESPOND-ASYNC; wait=10");
        assertEquals(202, among.status(), among::toString);
        assertTrue(among.header("Location").orElseThrow().startsWith(BatchApi.ROOT + "v2/purges/"));
        JsonObject done = awaitEnded(among.header("Location").orElseThrow());
        assertEquals("v2/jobinstances?jobInstanceId=" + instance, done.getString("search"));
        assertEquals(List.of(instance), ids(done.getJsonArray("results")));
        assertPurged(instance);
        JsonShapes.assertProblem(startAsync("admin", "v1/jobinstances?jobInstanceId=" + instance, "respond-async"),
                405);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static BatchApi admin() {
        return BatchApi.as("admin");
    }

    private static String newTag() {
        return "async-purge-" + UUID.randomUUID();
    }

    private static ApiResponse startAsync(String user, String search, String prefer) {
        HttpRequest.Builder request = BatchApi.as(user).request(search).DELETE();
        return BatchApi.send(prefer.isEmpty() ? request : request.header("Prefer", prefer));
    }

    /** Polls the task until it is no longer RUNNING. */
    private static JsonObject awaitEnded(String location) {
        return Jobs.await(() -> {
            ApiResponse response = admin().get(location);
            assertEquals(200, response.status(), response::toString);
            return response.object().getString("state").equals("RUNNING") ? null : response.object();
        }, "purge task " + location + " to end");
    }

    /** A sleepyBatchlet that completes at once, writing one log line, tagged. */
    private static long quick(String user, String tag, String... extra) {
        return Jobs.submitQuick(user, tag, 1, extra);
    }

    /** The instance directory of the job log of the instance's first execution, which must exist. */
    private static Path logDirectory(long instanceId) {
        String logPath = admin().get("jobinstances/" + instanceId + "/jobexecutions/0").object().getString("logpath");
        Path directory = Path.of(logPath).getParent();
        assertTrue(Files.isDirectory(directory), directory::toString);
        return directory;
    }

    private static String active(long instanceId) {
        return "The specified job instance, " + instanceId + ", cannot be purged because it has active job "
                + "executions.";
    }

    private static void assertResult(JsonObject result, long id, String status, String message) {
        JsonShapes.assertFields(RESULT_FIELDS, result);
        assertEquals(id, result.getJsonNumber("instanceId").longValue(), result::toString);
        assertEquals(status, result.getString("purgeStatus"), result::toString);
        assertEquals(message, result.getString("message"));
        assertEquals("", result.getString("redirectUrl"));
    }

    private static List<Long> ids(JsonArray results) {
        return results.stream().map(JsonValue::asJsonObject)
                .map(result -> result.getJsonNumber("instanceId").longValue()).toList();
    }

    private static List<Long> searchIds(String path) {
        ApiResponse response = admin().get(path);
        assertEquals(200, response.status(), response::toString);
        return ids(response.array());
    }

    private static List<String> taskIds(String user) {
        ApiResponse response = BatchApi.as(user).get("purges?pageSize=1000");
        assertEquals(200, response.status(), response::toString);
        return response.array().stream().map(task -> task.asJsonObject().getString("taskId")).toList();
    }

    private static void assertPurged(long... ids) {
        for (long id : ids) {
            assertEquals(404, admin().get("jobinstances/" + id).status(), () -> "instance " + id + " after purge");
        }
    }

    private static void assertPurged(List<Long> ids) {
        ids.forEach(id -> assertPurged(id));
    }

    private static void assertExists(long... ids) {
        for (long id : ids) {
            ApiResponse response = admin().get("jobinstances/" + id);
            assertEquals(200, response.status(), () -> "instance " + id + ": " + response);
        }
    }
}
