package it.multiserver;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.ServerSentEvents;
import it.support.ServerSentEvents.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static it.multiserver.Topology.SERVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Job events across servers (docs/api.md, "Job events"): every server's stream reports the jobs of every server, with
 * the same ids and data, so a client resumes on any server after the last id it received on another.
 */
class ClusterEventsIT {

    private static final List<String> ONE_STEP_JOB = List.of("submitted", "started", "stepStarted", "stepEnded",
            "completed");

    @Test
    void theEventsOfAJobOnAnotherServerArriveInOrderAsOnItsOwnServer() {
        long instanceId;
        List<Event> elsewhere;
        List<Event> where;
        try (ServerSentEvents first = open("admin", SERVERS.get(0), "events?jobName=chunkCopy");
             ServerSentEvents second = open("admin", SERVERS.get(1), "events?jobName=chunkCopy")) {
            assertEquals(200, first.status());
            instanceId = Topology.submit(SERVERS.get(1), "chunkCopy", Map.of("items", "20", "chunkSize", "5"));
            elsewhere = eventsOfInstance(first, instanceId);
            where = eventsOfInstance(second, instanceId);
        }
        assertEquals(ONE_STEP_JOB, names(elsewhere), elsewhere::toString);
        assertEquals(where, elsewhere, "the same ids, names and data on both servers");
        for (int i = 1; i < elsewhere.size(); i++) {
            assertTrue(elsewhere.get(i).numericId() > elsewhere.get(i - 1).numericId(), elsewhere::toString);
        }
        assertEquals(List.of("instanceId", "jobName", "submitter", "executionId", "stepExecutionId", "stepName",
                "batchStatus", "exitStatus", "endTime", "metrics"), List.copyOf(elsewhere.get(3).json().keySet()));
        assertEquals("20", elsewhere.get(3).json().getJsonObject("metrics").getString("READ_COUNT"));
        long executionId = Topology.ADMIN.get(SERVERS.get(0) + "jobinstances/" + instanceId + "/jobexecutions")
                .array().getJsonObject(0).getJsonNumber("executionId").longValue();
        assertEquals(executionId, elsewhere.get(1).json().getJsonNumber("executionId").longValue());
    }

    @Test
    void resumingOnAThirdServerGetsExactlyTheEventsAfterTheLastIdReceived() {
        long instanceId;
        Event lastReceived;
        List<Event> all;
        try (ServerSentEvents first = open("admin", SERVERS.get(0), "events?jobName=chunkCopy")) {
            instanceId = Topology.submit(SERVERS.get(1), "chunkCopy", Map.of("items", "10", "chunkSize", "5",
                    "sleepMillisPerItem", "100"));
            first.nextEvent(event -> instanceOf(event) == instanceId && event.name().equals("submitted"));
            lastReceived = first.nextEvent(event -> instanceOf(event) == instanceId
                    && event.name().equals("started"));
        }
        try (ServerSentEvents second = open("admin", SERVERS.get(1), "events?instanceId=" + instanceId
                + "&lastEventId=0")) {
            all = second.eventsUntil(event -> isCompletionOf(event, instanceId));
        }
        assertEquals(ONE_STEP_JOB, names(all), all::toString);
        List<Event> missed = all.subList(all.indexOf(lastReceived) + 1, all.size());

        try (ServerSentEvents third = ServerSentEvents.open(BatchApi.as("admin")
                .request(SERVERS.get(2) + "events?jobName=chunkCopy").header("Last-Event-ID", lastReceived.id()))) {
            List<Event> resumed = third.eventsUntil(event -> isCompletionOf(event, instanceId)).stream()
                    .filter(event -> event.name().equals("gap") || instanceOf(event) == instanceId).toList();
            assertEquals(List.of("stepStarted", "stepEnded", "completed"), names(resumed), "no gap, nothing lost");
            assertEquals(missed, resumed, "the events after the id, as the other servers sent them");
            assertEquals(List.of(), third.drain().stream().filter(event -> !event.isComment()
                    && instanceOf(event) == instanceId).toList(), "nothing repeated");
        }
    }

    @Test
    void aSubmitterSeesOnlyTheirOwnInstancesOfEveryServer() {
        try (ServerSentEvents own = open("submitter1", SERVERS.get(0), "events?jobName=sleepyBatchlet");
             ServerSentEvents all = open("monitor", SERVERS.get(2), "events?jobName=sleepyBatchlet")) {
            long others = submit("submitter2", SERVERS.get(1));
            Topology.awaitFinal(SERVERS.get(1), others);
            long mine = submit("submitter1", SERVERS.get(2));

            List<Event> seenBySubmitter = own.eventsUntil(event -> isCompletionOf(event, mine));
            assertEquals(Set.of(mine), seenBySubmitter.stream().map(ClusterEventsIT::instanceOf)
                    .collect(Collectors.toSet()), "submitter1 does not see submitter2's instance");
            assertEquals(ONE_STEP_JOB, names(seenBySubmitter));
            assertTrue(seenBySubmitter.stream().allMatch(event -> event.json().getString("submitter")
                    .equals("submitter1")), seenBySubmitter::toString);

            List<Event> seenByMonitor = all.eventsUntil(event -> isCompletionOf(event, mine));
            for (long instanceId : List.of(others, mine)) {
                assertEquals(ONE_STEP_JOB, names(seenByMonitor.stream()
                        .filter(event -> instanceOf(event) == instanceId).toList()), "the monitor sees " + instanceId);
            }
        }
    }

    private static long submit(String user, String root) {
        ApiResponse response = BatchApi.as(user).postJson(root + "jobinstances", Jobs.submission("sleepyBatchlet",
                Map.of("sleepSeconds", "0", "logLines", "1")));
        assertEquals(201, response.status(), response::toString);
        return response.object().getJsonNumber("instanceId").longValue();
    }

    private static ServerSentEvents open(String user, String root, String path) {
        return ServerSentEvents.open(BatchApi.as(user).request(root + path));
    }

    private static List<Event> eventsOfInstance(ServerSentEvents stream, long instanceId) {
        return stream.eventsUntil(event -> isCompletionOf(event, instanceId)).stream()
                .filter(event -> instanceOf(event) == instanceId).toList();
    }

    private static boolean isCompletionOf(Event event, long instanceId) {
        return instanceOf(event) == instanceId && Set.of("completed", "failed", "stopped").contains(event.name());
    }

    private static long instanceOf(Event event) {
        return event.isComment() || event.name().equals("gap") ? -1
                : event.json().getJsonNumber("instanceId").longValue();
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }
}
