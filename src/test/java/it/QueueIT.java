package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue view {@code GET queue[?jobName=]} (docs/contract.md §11): text/plain, one active instance per line as
 * {@code <instanceId> <jobName> <instanceState> <createTime>}, oldest first, scoped by role like every read.
 * Other test classes may leave active instances behind, so the tests look at the lines of their own instances and at
 * properties every line has.
 */
class QueueIT {

    private static final Pattern LINE = Pattern.compile(
            "(\\d+) (\\S+) (SUBMITTED|JMS_QUEUED|JMS_CONSUMED|DISPATCHED) (\\S+)");
    private static final Set<String> ACTIVE = Set.of("SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED", "DISPATCHED");

    /** Running sleepyBatchlets of submitter1 (older) and submitter2 (newer), and a running chunkCopy of admin. */
    private static long older;
    private static long newer;
    private static long chunk;
    /** A finished instance. */
    private static long finished;
    private static Instant started;

    @BeforeAll
    static void runningAndFinishedJobs() {
        started = Instant.now();
        finished = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        Jobs.awaitFinal(finished);
        // Long enough to still run on a loaded machine when the last test reads the queue; stopped after the tests.
        older = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "120"));
        Jobs.awaitLatestExecution(older, "STARTED");
        newer = Jobs.submit("submitter2", "sleepyBatchlet", Map.of("sleepSeconds", "120"));
        Jobs.awaitLatestExecution(newer, "STARTED");
        chunk = Jobs.submit("admin", "chunkCopy", Map.of("items", "600", "chunkSize", "1", "sleepMillisPerItem", "200"));
        Jobs.awaitLatestExecution(chunk, "STARTED");
    }

    @AfterAll
    static void stopTheRunningJobs() {
        for (long id : new long[] {older, newer, chunk}) {
            if (id != 0) {
                Jobs.stopIfRunning(id);
            }
        }
    }

    @Test
    void aRunningJobIsOneLineWithIdJobNameStateAndIsoCreateTime() {
        ApiResponse response = queue("admin", "");

        assertEquals(200, response.status(), response::toString);
        assertEquals("text/plain;charset=UTF-8", response.contentType().replace(" ", ""));
        assertTrue(response.body().endsWith("\n"), "every line ends with a line feed");
        Matcher line = lineOf(response, older).orElseThrow(() -> new AssertionError("no line for " + older + " in\n"
                + response.body()));
        assertEquals("sleepyBatchlet", line.group(2));
        assertEquals("DISPATCHED", line.group(3));
        Instant created = Instant.parse(line.group(4));
        assertTrue(!created.isBefore(started.minusSeconds(5)) && !created.isAfter(Instant.now().plusSeconds(5)),
                () -> "created " + created);
        assertTrue(line.group(4).endsWith("Z"), "an ISO-8601 UTC instant");
        lineOf(response, chunk).orElseThrow(() -> new AssertionError("no line for " + chunk));
    }

    @Test
    void everyLineIsAnActiveInstanceAndTheOldestComeFirst() {
        ApiResponse response = queue("admin", "");

        List<Matcher> lines = lines(response);
        Instant previous = Instant.MIN;
        List<Long> ids = new ArrayList<>();
        for (Matcher line : lines) {
            assertTrue(ACTIVE.contains(line.group(3)), line.group());
            Instant created = Instant.parse(line.group(4));
            assertTrue(!created.isBefore(previous), () -> "out of order: " + response.body());
            previous = created;
            ids.add(Long.parseLong(line.group(1)));
        }
        assertTrue(ids.indexOf(older) >= 0 && ids.indexOf(older) < ids.indexOf(newer), response::body);
        assertTrue(ids.indexOf(newer) < ids.indexOf(chunk), response::body);
        assertEquals(Integer.toString(lines.size()), response.header("X-Total-Count").orElseThrow());
    }

    @Test
    void aFinishedJobNeverAppears() {
        assertTrue(lineOf(queue("admin", ""), finished).isEmpty());
        assertTrue(lineOf(queue("submitter1", ""), finished).isEmpty());
    }

    @Test
    void jobNameFiltersTheLinesWithWildcards() {
        ApiResponse chunks = queue("admin", "?jobName=chunk*");
        assertEquals(200, chunks.status(), chunks::toString);
        assertTrue(lines(chunks).stream().allMatch(line -> line.group(2).startsWith("chunk")), chunks::body);
        assertTrue(lineOf(chunks, chunk).isPresent(), chunks::body);
        assertTrue(lineOf(chunks, older).isEmpty());

        ApiResponse sleepers = queue("admin", "?jobName=sleepyBatchlet");
        assertTrue(lines(sleepers).stream().allMatch(line -> line.group(2).equals("sleepyBatchlet")), sleepers::body);
        assertTrue(lineOf(sleepers, older).isPresent() && lineOf(sleepers, newer).isPresent(), sleepers::body);
        assertTrue(lineOf(sleepers, chunk).isEmpty());

        ApiResponse none = queue("admin", "?jobName=noSuchJob");
        assertEquals(200, none.status());
        assertEquals("", none.body());
        assertEquals("0", none.header("X-Total-Count").orElseThrow());
    }

    @Test
    void aSubmitterSeesOnlyTheirOwnLinesAndAMonitorSeesAll() {
        ApiResponse own = queue("submitter1", "");
        assertEquals(200, own.status(), own::toString);
        assertTrue(lineOf(own, older).isPresent(), own::body);
        assertTrue(lineOf(own, newer).isEmpty(), own::body);
        assertTrue(lineOf(own, chunk).isEmpty(), own::body);
        for (Matcher line : lines(own)) {
            assertEquals("submitter1", BatchApi.as("admin").get("jobinstances/" + line.group(1)).object()
                    .getString("submitter"), line.group());
        }

        ApiResponse others = queue("submitter2", "");
        assertTrue(lineOf(others, newer).isPresent() && lineOf(others, older).isEmpty(), others::body);

        for (String reader : List.of("monitor", "submon", "admin")) {
            ApiResponse all = queue(reader, "");
            assertEquals(200, all.status(), () -> reader + ": " + all);
            assertTrue(lineOf(all, older).isPresent() && lineOf(all, newer).isPresent()
                    && lineOf(all, chunk).isPresent(), () -> reader + ": " + all.body());
        }
    }

    @Test
    void aCallerWithoutABatchRoleIsRefused() {
        assertTrue(assertProblem(queue("nobody", ""), 403).contains("nobody"));
        ApiResponse anonymous = BatchApi.anonymous().get("queue");
        assertProblem(anonymous, 401);
    }

    @Test
    void theQueueIsServedUnderEveryVersionToo() {
        for (String version : List.of("v1/", "v4/")) {
            ApiResponse response = BatchApi.as("admin").get(version + "queue?jobName=sleepyBatchlet");
            assertEquals(200, response.status(), () -> version + ": " + response);
            assertTrue(lineOf(response, older).isPresent(), response::body);
        }
    }

    @Test
    void aStoppedJobLeavesTheQueue() {
        long id = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "20"));
        try {
            Jobs.awaitLatestExecution(id, "STARTED");
            assertTrue(lineOf(queue("submitter1", ""), id).isPresent());

            BatchApi.as("submitter1").put("jobinstances/" + id + "?action=stop");
            Jobs.awaitFinal(id);

            assertTrue(lineOf(queue("submitter1", ""), id).isEmpty());
        } finally {
            Jobs.stopIfRunning(id);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ApiResponse queue(String user, String query) {
        return BatchApi.as(user).get("queue" + query);
    }

    /** Every line of a queue body, each asserted to have the queue's format. */
    private static List<Matcher> lines(ApiResponse response) {
        assertEquals(200, response.status(), response::toString);
        if (response.body().isEmpty()) {
            return List.of();
        }
        assertTrue(response.body().endsWith("\n"), response::body);
        List<Matcher> lines = new ArrayList<>();
        for (String text : response.body().substring(0, response.body().length() - 1).split("\n", -1)) {
            Matcher line = LINE.matcher(text);
            assertTrue(line.matches(), () -> "not a queue line: '" + text + "'");
            lines.add(line);
        }
        return lines;
    }

    private static Optional<Matcher> lineOf(ApiResponse response, long instanceId) {
        return lines(response).stream().filter(line -> Long.parseLong(line.group(1)) == instanceId).findFirst();
    }
}
