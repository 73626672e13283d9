package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.Prometheus;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Following a running job's log and resuming it at an offset (docs/contract.md §8, docs/api.md "Following a job
 * log"): every line once, the answer ends with the execution, a reconnect loses and repeats nothing, and input that
 * cannot mean anything is a 400 naming the parameter.
 */
class JobLogFollowIT {

    private static final BatchApi ADMIN = BatchApi.as("admin");
    private static final HttpClient CLIENT = BatchApi.client();
    private static final Pattern SLEEPY_LINE = Pattern.compile("sleepyBatchlet line (\\d+) of (\\d+)");
    private static final Pattern ITEM_LINE = Pattern.compile("wrote item (\\d+)\\b");

    @Test
    void followingARunningExecutionGivesEveryLineOnceAndEndsWithTheExecution() throws IOException {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "4", "logLines", "25"));
        long executionId = executionIdOf(Jobs.awaitLatestExecution(instanceId, "STARTED"));

        HttpResponse<InputStream> follow = open("jobexecutions/" + executionId + "/joblogs?type=text&follow=true");
        assertEquals(200, follow.statusCode());
        assertEquals("text/plain;charset=UTF-8", follow.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", ""));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        String statusAtFirstBytes;
        try (InputStream body = follow.body()) {
            byte[] buffer = new byte[8192];
            int read = body.read(buffer);
            assertTrue(read > 0, "the follow begins with the log written so far");
            received.write(buffer, 0, read);
            statusAtFirstBytes = batchStatus(executionId);
            body.transferTo(received);
        }
        String statusAtEnd = batchStatus(executionId);

        assertEquals("STARTED", statusAtFirstBytes, "the log arrives while the job runs");
        assertTrue(Jobs.FINAL_STATES.contains(statusAtEnd), "the answer ends when the execution has ended: "
                + statusAtEnd);
        String followed = received.toString(StandardCharsets.UTF_8);
        assertEquals(text("jobexecutions/" + executionId + "/joblogs?type=text"), followed);
        assertEachLineOnce(SLEEPY_LINE, followed, 25);
        assertTrue(followed.contains("Completed invoking execution for a job"), followed);
    }

    @Test
    void aReconnectAtTheOffsetReceivedLosesNoLineAndRepeatsNone() throws IOException {
        long instanceId = Jobs.submit("admin", "chunkCopy", Map.of("items", "40", "chunkSize", "5",
                "sleepMillisPerItem", "100", "logPerItem", "true"));
        Jobs.awaitLatestExecution(instanceId, "STARTED");
        String path = "jobinstances/" + instanceId + "/joblogs?type=text&follow=true";

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HttpResponse<InputStream> first = open(path);
        assertEquals(200, first.statusCode());
        try (InputStream body = first.body()) { // closed mid-way, as by a broken connection
            byte[] buffer = new byte[8192];
            while (!ITEM_LINE.matcher(received.toString(StandardCharsets.UTF_8)).find()) {
                int read = body.read(buffer);
                assertTrue(read > 0, "the first answer ended before an item was written");
                received.write(buffer, 0, read);
            }
        }
        assertTrue(Jobs.FINAL_STATES.stream().noneMatch(batchStatus(latestExecutionId(instanceId))::equals),
                "the reconnect happens while the job runs");
        HttpResponse<InputStream> resumed = open(path + "&offset=" + received.size());
        assertEquals(200, resumed.statusCode());
        try (InputStream body = resumed.body()) {
            body.transferTo(received);
        }

        String followed = received.toString(StandardCharsets.UTF_8);
        assertEquals(text("jobinstances/" + instanceId + "/joblogs?type=text"), followed);
        assertEachLineOnce(ITEM_LINE, followed, 40);
    }

    @Test
    void followingAFinishedExecutionGivesTheWholeLogAtOnceAndAPlainDownloadResumesAtAnOffset() throws IOException {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "3"));
        Jobs.awaitFinal(instanceId);
        long executionId = latestExecutionId(instanceId);
        String whole = text("jobexecutions/" + executionId + "/joblogs?type=text");

        long started = System.nanoTime();
        String followed = text("jobexecutions/" + executionId + "/joblogs?type=text&follow=true");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(whole, followed);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "ends without waiting for more: " + took);
        assertEquals(text("jobinstances/" + instanceId + "/joblogs?type=text"),
                text("jobinstances/" + instanceId + "/joblogs?type=text&follow=true"));
        int offset = whole.getBytes(StandardCharsets.UTF_8).length / 2;
        assertEquals(whole.substring(offset), text("jobexecutions/" + executionId + "/joblogs?type=text&offset="
                + offset));
        assertEquals("", text("jobexecutions/" + executionId + "/joblogs?type=text&follow=true&offset="
                + whole.length()));
    }

    /**
     * The server notices a client that went away when it writes to it: while the job logs, at the next lines (plain
     * text has no room for a heartbeat, docs/api.md "Following a job log").
     */
    @Test
    void aFollowerWhoseClientGoesAwayIsReleasedWhileTheJobRuns() throws IOException {
        String server = BatchApi.ROOT.substring(0, BatchApi.ROOT.indexOf('/', "https://".length()) + 1);
        long instanceId = Jobs.submit("admin", "chunkCopy", Map.of("items", "150", "chunkSize", "5",
                "sleepMillisPerItem", "200", "logPerItem", "true"));
        try {
            long executionId = executionIdOf(Jobs.awaitLatestExecution(instanceId, "STARTED"));
            HttpResponse<InputStream> follow = open("jobexecutions/" + executionId
                    + "/joblogs?type=text&follow=true");
            try (InputStream body = follow.body()) {
                assertTrue(body.read(new byte[1024]) > 0);
                Jobs.await(() -> followers(server) >= 1 ? true : null, "the follower counted");
            }
            Jobs.await(() -> followers(server) == 0 ? true : null, "the follower released");
            assertEquals("STARTED", batchStatus(executionId), "released before the job ended");
        } finally {
            Jobs.stopIfRunning(instanceId);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "type=zip&follow=true, follow",
            "follow=true, follow",
            "type=text&follow=yes, follow",
            "type=text&follow=true&part=part.1.log, part",
            "type=text&offset=-1, offset",
            "type=text&follow=true&offset=abc, offset",
            "type=zip&offset=0, offset",
            "offset=0, offset",
            "type=text&offset=999999999, offset",
            "type=text&follow=true&offset=999999999, offset"})
    void badFollowAndOffsetAreA400NamingTheParameter(String query, String parameter) {
        long instanceId = finishedInstance();
        long executionId = latestExecutionId(instanceId);
        for (String path : new String[] {"jobexecutions/" + executionId + "/joblogs?" + query,
                "jobinstances/" + instanceId + "/joblogs?" + query}) {
            ApiResponse refused = ADMIN.get(path);
            String expected = path.startsWith("jobinstances") && query.contains("part=") ? "part" : parameter;
            assertEquals(400, refused.status(), () -> path + ": " + refused);
            assertTrue(refused.contentType().startsWith("application/problem+json"), path);
            assertEquals(expected, refused.object().getJsonArray("invalidParams").getJsonObject(0)
                    .getString("name"), () -> path + ": " + refused);
        }
    }

    @Test
    void followingAnUnknownExecutionIsA404() {
        assertEquals(404, ADMIN.get("jobexecutions/999999999/joblogs?type=text&follow=true").status());
        assertEquals(404, ADMIN.get("jobinstances/999999999/joblogs?type=text&follow=true").status());
    }

    private static Long finished;

    /** One finished instance serves every refusal. */
    private static synchronized long finishedInstance() {
        if (finished == null) {
            finished = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1"));
            Jobs.awaitFinal(finished);
        }
        return finished;
    }

    private static HttpResponse<InputStream> open(String path) {
        try {
            return CLIENT.send(ADMIN.request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(String path) {
        ApiResponse response = ADMIN.get(path);
        assertEquals(200, response.status(), () -> path + ": " + response);
        return response.body();
    }

    private static String batchStatus(long executionId) {
        return ADMIN.get("jobexecutions/" + executionId).object().getString("batchStatus");
    }

    private static long latestExecutionId(long instanceId) {
        return executionIdOf(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().getJsonObject(0));
    }

    private static long executionIdOf(JsonObject execution) {
        return execution.getJsonNumber("executionId").longValue();
    }

    private static double followers(String server) {
        return Prometheus.scrape(server).value("batchrest_joblog_followers");
    }

    /** Each numbered line 1..count occurs exactly once. */
    private static void assertEachLineOnce(Pattern line, String log, int count) {
        int[] seen = new int[count + 1];
        Matcher matcher = line.matcher(log);
        while (matcher.find()) {
            seen[Integer.parseInt(matcher.group(1))]++;
        }
        for (int number = 1; number <= count; number++) {
            assertEquals(1, seen[number], "line " + number + " in\n" + log);
        }
    }
}
