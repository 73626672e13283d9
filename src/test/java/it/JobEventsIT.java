package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.Prometheus;
import it.support.ServerSentEvents;
import it.support.ServerSentEvents.Event;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job event stream (docs/api.md, "Job events"): a job's events in order with the fields of the REST
 * representations, scoped by role like the lists, filtered, resumable after the last id received without loss or
 * repetition, kept alive by comments, and a subscriber that goes away is released.
 */
class JobEventsIT {

    private static final BatchApi ADMIN = BatchApi.as("admin");
    private static final Pattern DATE = Pattern.compile("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} [+-]\\d{4}");
    private static final List<String> ONE_STEP_JOB = List.of("submitted", "started", "stepStarted", "stepEnded",
            "completed");

    @Test
    void aJobsEventsArriveInOrderWithTheFieldsOfTheRepresentations() {
        try (ServerSentEvents stream = open("submitter1", "events?jobName=chunkCopy")) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            long instanceId = Jobs.submit("submitter1", "chunkCopy", Map.of("items", "20", "chunkSize", "5",
                    "filterEvery", "4"));
            List<Event> events = eventsOfInstance(stream, instanceId);
            assertEquals(ONE_STEP_JOB, names(events));
            assertIncreasingIds(events);

            JsonObject execution = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array()
                    .getJsonObject(0);
            long executionId = execution.getJsonNumber("executionId").longValue();
            JsonObject step = ADMIN.get("jobexecutions/" + executionId + "/stepexecutions").array()
                    .getJsonObject(0);

            JsonObject submitted = events.get(0).json();
            assertEquals(List.of("instanceId", "jobName", "submitter", "createTime"), List.copyOf(submitted.keySet()));
            assertEquals(instanceId, submitted.getJsonNumber("instanceId").longValue());
            assertEquals("chunkCopy", submitted.getString("jobName"));
            assertEquals("submitter1", submitted.getString("submitter"));
            assertTrue(DATE.matcher(submitted.getString("createTime")).matches(), submitted::toString);

            JsonObject started = events.get(1).json();
            assertEquals(List.of("instanceId", "jobName", "submitter", "executionId", "batchStatus", "startTime"),
                    List.copyOf(started.keySet()));
            assertEquals(executionId, started.getJsonNumber("executionId").longValue());
            assertEquals("STARTED", started.getString("batchStatus"));
            assertTrue(DATE.matcher(started.getString("startTime")).matches(), started::toString);

            JsonObject stepStarted = events.get(2).json();
            assertEquals(List.of("instanceId", "jobName", "submitter", "executionId", "stepExecutionId", "stepName",
                    "batchStatus", "startTime"), List.copyOf(stepStarted.keySet()));
            assertEquals(step.getJsonNumber("stepExecutionId").longValue(),
                    stepStarted.getJsonNumber("stepExecutionId").longValue());
            assertEquals("copy", stepStarted.getString("stepName"));

            JsonObject stepEnded = events.get(3).json();
            assertEquals(List.of("instanceId", "jobName", "submitter", "executionId", "stepExecutionId", "stepName",
                    "batchStatus", "exitStatus", "endTime", "metrics"), List.copyOf(stepEnded.keySet()));
            assertEquals("COMPLETED", stepEnded.getString("batchStatus"));
            assertEquals("COMPLETED", stepEnded.getString("exitStatus"));
            assertEquals(step.getJsonObject("metrics"), stepEnded.getJsonObject("metrics"),
                    "the metrics of the step's representation");
            assertEquals("20", stepEnded.getJsonObject("metrics").getString("READ_COUNT"));
            assertEquals("5", stepEnded.getJsonObject("metrics").getString("FILTER_COUNT"));

            JsonObject completed = events.get(4).json();
            assertEquals(List.of("instanceId", "jobName", "submitter", "executionId", "batchStatus", "exitStatus",
                    "endTime"), List.copyOf(completed.keySet()));
            assertEquals("COMPLETED", completed.getString("batchStatus"));
            assertEquals("COMPLETED", completed.getString("exitStatus"));
        }
    }

    @Test
    void aPartitionedStepIsReportedOnce() {
        try (ServerSentEvents stream = open("admin", "events?jobName=partitionedBatchlet")) {
            long instanceId = Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "3", "logLines", "1"));
            List<Event> events = eventsOfInstance(stream, instanceId);
            assertEquals(ONE_STEP_JOB, names(events));
            assertEquals("step1", events.get(3).json().getString("stepName"));
            assertEquals("COMPLETED", events.get(3).json().getString("batchStatus"));
        }
    }

    @Test
    void failedAndStoppedExecutionsAndAPurgeAreReported() {
        try (ServerSentEvents stream = open("admin", "events?jobName=sleepyBatchlet")) {
            long failing = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1",
                    "forceFailure", "true", "exitStatus", "BROKEN"));
            Event failed = stream.nextEvent(event -> instanceOf(event) == failing && !isStepEvent(event)
                    && !Set.of("submitted", "started").contains(event.name()));
            assertEquals("failed", failed.name());
            assertEquals("FAILED", failed.json().getString("batchStatus"));

            long stopping = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "30", "logLines", "1"));
            stream.nextEvent(event -> instanceOf(event) == stopping && event.name().equals("stepStarted"));
            assertEquals(200, ADMIN.put("jobinstances/" + stopping + "?action=stop").status());
            Event stopped = stream.nextEvent(event -> instanceOf(event) == stopping && !isStepEvent(event));
            assertEquals("stopped", stopped.name());
            assertEquals("STOPPED", stopped.json().getString("batchStatus"));

            Jobs.awaitFinal(failing);
            assertEquals(200, ADMIN.delete("jobinstances/" + failing).status());
            Event purged = stream.nextEvent(event -> event.name().equals("purged"));
            assertEquals(List.of("instanceId", "jobName", "submitter"), List.copyOf(purged.json().keySet()));
            assertEquals(failing, instanceOf(purged));
        }
    }

    @Test
    void aSubmitterSeesOnlyTheirOwnInstancesAndAMonitorSeesAll() {
        try (ServerSentEvents own = open("submitter1", "events?jobName=sleepyBatchlet");
             ServerSentEvents all = open("monitor", "events?jobName=sleepyBatchlet")) {
            long others = Jobs.submit("submitter2", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1"));
            long admins = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1"));
            Jobs.awaitFinal(others);
            Jobs.awaitFinal(admins);
            long mine = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1"));

            List<Event> seenBySubmitter = own.eventsUntil(event -> isCompletionOf(event, mine));
            assertEquals(Set.of(mine), seenBySubmitter.stream().map(JobEventsIT::instanceOf).collect(Collectors.toSet()),
                    "submitter1 sees neither submitter2's nor admin's instance");
            assertEquals(ONE_STEP_JOB, names(seenBySubmitter));

            List<Event> seenByMonitor = all.eventsUntil(event -> isCompletionOf(event, mine));
            for (long instanceId : List.of(others, admins, mine)) {
                assertEquals(ONE_STEP_JOB, names(seenByMonitor.stream().filter(event -> instanceOf(event) == instanceId)
                        .toList()), "the monitor sees every instance: " + instanceId);
            }
        }
    }

    @Test
    void filtersSelectByJobNameAndInstanceIdAndSeveralValuesAreAlternatives() {
        long before;
        long chunk;
        long sleepy;
        long split;
        List<Event> everything;
        try (ServerSentEvents stream = open("admin", "events")) {
            chunk = Jobs.submit("admin", "chunkCopy", Map.of("items", "5"));
            Event first = stream.nextEvent(event -> instanceOf(event) == chunk);
            before = first.numericId() - 1;
            sleepy = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1"));
            split = Jobs.submit("admin", "splitFlow", Map.of("logLines", "1"));
            Set<Long> running = new HashSet<>(List.of(chunk, sleepy, split));
            everything = new ArrayList<>(List.of(first));
            everything.addAll(stream.eventsUntil(event -> event.name().equals("completed")
                    && running.remove(instanceOf(event)) && running.isEmpty()));
        }
        assertFilterSelects("jobName=chunkCopy", before, everything, event -> instanceOf(event) == chunk);
        assertFilterSelects("instanceId=" + sleepy, before, everything, event -> instanceOf(event) == sleepy);
        assertFilterSelects("jobName=chunkCopy&jobName=splitFlow", before, everything,
                event -> instanceOf(event) == chunk || instanceOf(event) == split);
        assertFilterSelects("instanceId=" + sleepy + "," + split + "&jobName=splitFlow", before,
                everything, event -> instanceOf(event) == split);
        List<Event> ofSplit = everything.stream().filter(event -> instanceOf(event) == split).toList();
        assertEquals(List.of("submitted", "started"), names(ofSplit.subList(0, 2)));
        assertEquals("completed", ofSplit.get(ofSplit.size() - 1).name());
        assertEquals(Map.of("flow1step", 2L, "flow2step", 2L, "finalStep", 2L), ofSplit.stream()
                        .filter(JobEventsIT::isStepEvent)
                        .collect(Collectors.groupingBy(event -> event.json().getString("stepName"),
                                Collectors.counting())),
                "each step of the split started and ended once: " + ofSplit);
    }

    @Test
    void resumingAfterTheLastIdReceivedGetsExactlyTheMissedEvents() {
        long instanceId;
        Event submitted;
        Event lastReceived;
        try (ServerSentEvents stream = open("admin", "events?jobName=chunkCopy")) {
            instanceId = Jobs.submit("admin", "chunkCopy", Map.of("items", "10", "chunkSize", "5",
                    "sleepMillisPerItem", "100"));
            submitted = stream.nextEvent(event -> instanceOf(event) == instanceId);
            lastReceived = stream.nextEvent(event -> instanceOf(event) == instanceId && event.name().equals("started"));
        }
        Jobs.awaitFinal(instanceId);
        try (ServerSentEvents resumed = ServerSentEvents.open(ADMIN.request("events?instanceId=" + instanceId)
                .header("Last-Event-ID", lastReceived.id()))) {
            List<Event> missed = resumed.eventsUntil(event -> isCompletionOf(event, instanceId));
            assertEquals(List.of("stepStarted", "stepEnded", "completed"), names(missed));
            assertTrue(missed.get(0).numericId() > lastReceived.numericId());
            assertIncreasingIds(missed);
            assertEquals(List.of(), resumed.drain().stream().filter(event -> !event.isComment()).toList(),
                    "nothing repeated after the replay");
        }
        try (ServerSentEvents fromTheStart = open("admin", "events?instanceId=" + instanceId + "&lastEventId="
                + (submitted.numericId() - 1))) {
            List<Event> all = fromTheStart.eventsUntil(event -> isCompletionOf(event, instanceId));
            assertEquals(ONE_STEP_JOB, names(all), "lastEventId as a query parameter");
            assertEquals(List.of(submitted, lastReceived), all.subList(0, 2));
        }
    }

    @Test
    void anIdNoServerGaveStartsWithAGapAtTheLatestEvent() {
        long neverGiven = 9_000_000_000_000_000_000L;
        try (ServerSentEvents stream = open("admin", "events?lastEventId=" + neverGiven)) {
            Event gap = stream.nextEvent(event -> true);
            assertEquals("gap", gap.name());
            assertEquals(neverGiven, gap.json().getJsonNumber("lastEventId").longValue());
            assertEquals(gap.numericId(), gap.json().getJsonNumber("resumedAfter").longValue());
            assertTrue(gap.numericId() < neverGiven, gap::toString);
            long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1"));
            Event next = stream.nextEvent(event -> instanceOf(event) == instanceId);
            assertEquals("submitted", next.name());
            assertTrue(next.numericId() > gap.numericId(), next::toString);
        }
    }

    @Test
    void keepAliveCommentsArriveAndAClosedSubscriberIsReleased() {
        String server = BatchApi.ROOT.substring(0, BatchApi.ROOT.indexOf('/', "https://".length()) + 1);
        Jobs.await(() -> subscribers(server) == 0 ? true : null, "no subscriber left by other tests");
        try (ServerSentEvents stream = open("monitor", "events?instanceId=0")) {
            for (String which : List.of("at once", "after the interval")) {
                Event comment = stream.next();
                assertTrue(comment.isComment(), () -> which + ": " + comment);
                assertEquals("keep-alive", comment.comment(), which);
            }
            assertEquals(1.0, subscribers(server));
        }
        Jobs.await(() -> subscribers(server) == 0 ? true : null, "the subscriber released");
    }

    @Test
    void withoutCredentialsTheAnswerIs401AndWithoutABatchRole403() {
        assertEquals(401, BatchApi.anonymous().get("events").status());
        assertEquals(403, BatchApi.as("nobody").get("events").status());
    }

    @ParameterizedTest
    @CsvSource({
            "instanceId=abc, instanceId",
            "instanceId=-1, instanceId",
            "instanceId=1&instanceId=2, instanceId",
            "'instanceId=1,,2', instanceId",
            "instanceId=1%2Cx, instanceId",
            "jobName=, jobName",
            "lastEventId=next, lastEventId",
    })
    void filtersThatCannotMeanAnythingAre400(String query, String parameter) {
        ApiResponse refused = ADMIN.get("events?" + query);
        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
        assertEquals(parameter, refused.object().getJsonArray("invalidParams").getJsonObject(0).getString("name"));
    }

    @Test
    void aLastEventIdHeaderThatIsNotAnIdIs400() {
        ApiResponse refused = BatchApi.send(ADMIN.request("events").header("Last-Event-ID", "x").GET());
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("Last-Event-ID", refused.object().getJsonArray("invalidParams").getJsonObject(0)
                .getString("name"));
    }

    private static ServerSentEvents open(String user, String path) {
        return ServerSentEvents.open(BatchApi.as(user).request(path));
    }

    private static List<Event> eventsOfInstance(ServerSentEvents stream, long instanceId) {
        return stream.eventsUntil(event -> isCompletionOf(event, instanceId)).stream()
                .filter(event -> instanceOf(event) == instanceId).toList();
    }

    /** Opens the filtered stream from {@code after} on and compares it with the unfiltered one. */
    private static void assertFilterSelects(String filter, long after, List<Event> everything,
                                            java.util.function.Predicate<Event> selected) {
        List<Event> expected = everything.stream().filter(event -> !event.isComment()).filter(selected).toList();
        try (ServerSentEvents filtered = open("admin", "events?" + filter + "&lastEventId=" + after)) {
            assertEquals(200, filtered.status(), filter);
            Event last = expected.get(expected.size() - 1);
            assertEquals(expected, filtered.eventsUntil(last::equals), filter);
        }
    }

    private static boolean isCompletionOf(Event event, long instanceId) {
        return instanceOf(event) == instanceId && Set.of("completed", "failed", "stopped").contains(event.name());
    }

    private static boolean isStepEvent(Event event) {
        return event.name().startsWith("step");
    }

    private static long instanceOf(Event event) {
        return event.isComment() || event.name().equals("gap") ? -1
                : event.json().getJsonNumber("instanceId").longValue();
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    private static void assertIncreasingIds(List<Event> events) {
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).numericId() > events.get(i - 1).numericId(), events::toString);
        }
    }

    private static double subscribers(String server) {
        return Prometheus.scrape(server).value("batchrest_events_subscribers");
    }
}
