package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.RawHttp;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static it.support.BatchApi.ROOT;
import static it.support.JsonShapes.INSTANCE_FIELDS;
import static it.support.JsonShapes.assertFields;
import static it.support.JsonShapes.assertProblem;
import static it.support.JsonShapes.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idempotent submission (docs/contract.md §11): an {@code Idempotency-Key} makes a retried submission return the
 * instance the first one started (200, {@code Idempotent-Replayed: true}) instead of starting another, per user, also
 * when the retries arrive all at once. Every test tags its jobs with a job parameter of its own, so that a v4 search
 * counts exactly the instances it started.
 */
class IdempotentSubmissionIT {

    private static final int CONCURRENT_REQUESTS = 16;

    @Test
    void theSameKeyAndBodyReturnTheOriginalInstanceWith200AndStartNothingNew() {
        String tag = newTag();
        String key = "order-" + UUID.randomUUID();
        String body = quickJob(tag);

        ApiResponse first = submit("submitter1", key, body);
        assertEquals(201, first.status(), first::toString);
        assertTrue(first.header("Idempotent-Replayed").isEmpty());
        long id = instanceId(first);

        ApiResponse replay = submit("submitter1", key, body);

        assertEquals(200, replay.status(), replay::toString);
        assertEquals("true", replay.header("Idempotent-Replayed").orElseThrow());
        assertEquals("application/json;charset=UTF-8", replay.contentType().replace(" ", ""));
        assertEquals(ROOT + "jobinstances/" + id, replay.header("Location").orElseThrow());
        JsonObject instance = replay.object();
        assertFields(INSTANCE_FIELDS, instance);
        assertEquals(id, instance.getJsonNumber("instanceId").longValue());
        assertEquals("submitter1", instance.getString("submitter"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + id, "job logs " + ROOT + "jobinstances/" + id
                + "/joblogs"), links(instance));

        Jobs.awaitFinal(id);
        ApiResponse later = submit("submitter1", key, body);
        assertEquals(200, later.status(), later::toString);
        assertEquals(id, instanceId(later));
        assertEquals("COMPLETED", later.object().getString("instanceState"), "the replay shows the instance as it is");
        assertEquals(1, instancesTagged(tag));
    }

    @Test
    void aReplayIsAlso200WhenTheRetryPrefersRespondAsync() {
        String tag = newTag();
        String key = UUID.randomUUID().toString();
        long id = instanceId(submit("admin", key, quickJob(tag)));

        ApiResponse replay = HttpCalls.send(HttpCalls.postJson("admin", "jobinstances", quickJob(tag))
                .header("Idempotency-Key", key).header("Prefer", "respond-async"));

        assertEquals(200, replay.status(), replay::toString);
        assertEquals("true", replay.header("Idempotent-Replayed").orElseThrow());
        assertEquals(id, instanceId(replay));
        Jobs.awaitFinal(id);
        assertEquals(1, instancesTagged(tag));
    }

    @Test
    void theSameKeyWithADifferentBodyIs409NamingTheKey() {
        String tag = newTag();
        String key = "conflict-" + UUID.randomUUID();
        long id = instanceId(submit("submitter1", key, quickJob(tag)));

        for (String other : List.of(
                Jobs.submission("sleepyBatchlet", Map.of("sleepSeconds", "0", "tag", tag, "extra", "1")),
                Jobs.submission("chunkCopy", Map.of("tag", tag)),
                Jobs.submission("sleepyBatchlet", Map.of("sleepSeconds", "1", "tag", tag)))) {
            ApiResponse conflict = submit("submitter1", key, other);

            String detail = assertProblem(conflict, 409);
            assertTrue(detail.contains(key), detail);
            assertTrue(conflict.header("Idempotent-Replayed").isEmpty());
        }
        Jobs.awaitFinal(id);
        assertEquals(1, instancesTagged(tag));
    }

    @Test
    void anEquivalentBodyWithItsParametersInAnotherOrderIsTheSameRequest() {
        String tag = newTag();
        String key = UUID.randomUUID().toString();
        long id = instanceId(submit("admin", key, "{\"applicationName\":\"batch-rest\",\"jobXMLName\":"
                + "\"sleepyBatchlet\",\"jobParameters\":{\"sleepSeconds\":\"0\",\"tag\":\"" + tag + "\"}}"));

        ApiResponse replay = submit("admin", key, "{\"jobParameters\":{\"tag\":\"" + tag + "\",\"sleepSeconds\":"
                + "\"0\"},\"jobXMLName\":\"sleepyBatchlet\",\"applicationName\":\"batch-rest\"}");

        assertEquals(200, replay.status(), replay::toString);
        assertEquals(id, instanceId(replay));
        Jobs.awaitFinal(id);
    }

    @Test
    void theSameKeyFromAnotherUserStartsASeparateInstance() {
        String tag = newTag();
        String key = "shared-" + UUID.randomUUID();
        long first = instanceId(submit("submitter1", key, quickJob(tag)));

        ApiResponse other = submit("submitter2", key, quickJob(tag));

        assertEquals(201, other.status(), other::toString);
        long second = instanceId(other);
        assertNotEquals(first, second);
        assertEquals("submitter2", other.object().getString("submitter"));
        ApiResponse replayOfTheOther = submit("submitter2", key, quickJob(tag));
        assertEquals(200, replayOfTheOther.status(), replayOfTheOther::toString);
        assertEquals(second, instanceId(replayOfTheOther));
        Jobs.awaitFinal(first);
        Jobs.awaitFinal(second);
        assertEquals(2, instancesTagged(tag));
    }

    @Test
    void keysThatAreNotOneTo255VisibleAsciiCharactersAre400NamingTheHeaderWhileTheLongestValidKeyWorks() {
        String tag = newTag();
        for (String key : List.of("has space", "", "k".repeat(256), "tab\there")) {
            ApiResponse response = submit("submitter1", key, quickJob(tag));

            String detail = assertProblem(response, 400);
            assertTrue(detail.contains("Idempotency-Key"), detail);
            assertEquals("Idempotency-Key", response.object().getJsonArray("invalidParams").getJsonObject(0)
                    .getString("name"), () -> "key [" + key + "]");
        }
        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            String keyBytes = new String("schl\u00fcssel".getBytes(charset), StandardCharsets.ISO_8859_1);
            ApiResponse response = RawHttp.send("POST", BatchApi.CONTEXT_ROOT + "/jobinstances",
                    RawHttp.basic("submitter1") + "Idempotency-Key: " + keyBytes + "\r\n", "application/json",
                    quickJob(tag).getBytes(StandardCharsets.UTF_8));

            assertProblem(response, 400);
            assertEquals("Idempotency-Key", response.object().getJsonArray("invalidParams").getJsonObject(0)
                    .getString("name"), response::toString);
        }
        String visibleAscii = UUID.randomUUID() + IntStream.rangeClosed(0x21, 0x7E)
                .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
        String longest = visibleAscii + "k".repeat(255 - visibleAscii.length());
        ApiResponse accepted = submit("submitter1", longest, quickJob(tag));
        assertEquals(201, accepted.status(), accepted::toString);
        ApiResponse replay = submit("submitter1", longest, quickJob(tag));
        assertEquals(200, replay.status(), replay::toString);
        assertEquals(instanceId(accepted), instanceId(replay));
        Jobs.awaitFinal(instanceId(accepted));
        assertEquals(1, instancesTagged(tag));
    }

    @Test
    void aRefusedSubmissionDoesNotUseTheKeyUp() {
        String tag = newTag();
        String key = "retry-" + UUID.randomUUID();

        ApiResponse refused = submit("submitter1", key, "{\"applicationName\":\"batch-rest\",\"jobXMLName\":"
                + "\"noSuchJob\",\"jobParameters\":{\"tag\":\"" + tag + "\"}}");
        assertProblem(refused, 400);

        ApiResponse corrected = submit("submitter1", key, quickJob(tag));
        assertEquals(201, corrected.status(), corrected::toString);
        long id = instanceId(corrected);
        ApiResponse replay = submit("submitter1", key, quickJob(tag));
        assertEquals(200, replay.status(), replay::toString);
        assertEquals(id, instanceId(replay));
        Jobs.awaitFinal(id);
        assertEquals(1, instancesTagged(tag));
    }

    @Test
    void sixteenIdenticalConcurrentRequestsStartExactlyOneInstance() throws Exception {
        String tag = newTag();
        String key = "burst-" + UUID.randomUUID();
        String body = quickJob(tag);
        CountDownLatch ready = new CountDownLatch(CONCURRENT_REQUESTS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_REQUESTS);
        List<ApiResponse> responses = new ArrayList<>();
        try {
            List<Future<ApiResponse>> pending = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                pending.add(clients.submit(() -> {
                    ready.countDown();
                    go.await();
                    return submit("submitter1", key, body);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "all clients are ready");
            go.countDown();
            for (Future<ApiResponse> response : pending) {
                responses.add(response.get(90, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(ApiResponse::status, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(200, 15L, 201, 1L), byStatus, responses::toString);
        Set<Long> ids = responses.stream().map(IdempotentSubmissionIT::instanceId).collect(Collectors.toSet());
        assertEquals(1, ids.size(), ids::toString);
        responses.stream().filter(response -> response.status() == 200).forEach(response ->
                assertEquals("true", response.header("Idempotent-Replayed").orElseThrow()));
        Jobs.awaitFinal(ids.iterator().next());
        assertEquals(1, instancesTagged(tag));
    }

    @Test
    void aMultipartSubmissionWithAKeyIsReplayedToo() {
        String tag = newTag();
        String key = "form-" + UUID.randomUUID();
        String jsl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<job id=\"inlineIdempotent\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"only\"><batchlet ref=\"sleepyBatchlet\"><properties>"
                + "<property name=\"sleepSeconds\" value=\"0\"/></properties></batchlet></step></job>";
        String jobData = "{\"applicationName\":\"batch-rest\",\"jobParameters\":{\"tag\":\"" + tag + "\"}}";

        ApiResponse first = HttpCalls.send(HttpCalls.postForm("submitter1", "jobinstances", "jobdata", jobData,
                "jsl", jsl).header("Idempotency-Key", key));
        assertEquals(201, first.status(), first::toString);
        long id = instanceId(first);
        assertEquals("inlineIdempotent", first.object().getString("jobName"));

        ApiResponse replay = HttpCalls.send(HttpCalls.postForm("submitter1", "jobinstances", "jobdata", jobData,
                "jsl", jsl).header("Idempotency-Key", key));
        assertEquals(200, replay.status(), replay::toString);
        assertEquals("true", replay.header("Idempotent-Replayed").orElseThrow());
        assertEquals(id, instanceId(replay));

        ApiResponse otherJsl = HttpCalls.send(HttpCalls.postForm("submitter1", "jobinstances", "jobdata", jobData,
                "jsl", jsl.replace("value=\"0\"", "value=\"1\"")).header("Idempotency-Key", key));
        assertTrue(assertProblem(otherJsl, 409).contains(key));
        Jobs.awaitFinal(id);
        assertEquals(1, instancesTagged(tag));
    }

    @Test
    void aMonitorWithAKeyIsRefusedWith403() {
        ApiResponse response = submit("monitor", UUID.randomUUID().toString(), quickJob(newTag()));

        assertTrue(assertProblem(response, 403).contains("monitor"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ApiResponse submit(String user, String key, String body) {
        HttpRequest.Builder request = HttpCalls.postJson(user, "jobinstances", body).header("Idempotency-Key", key);
        return HttpCalls.send(request);
    }

    private static String newTag() {
        return "idem-" + UUID.randomUUID();
    }

    private static String quickJob(String tag) {
        return Jobs.submission("sleepyBatchlet", Map.of("sleepSeconds", "0", "tag", tag));
    }

    private static long instanceId(ApiResponse response) {
        return response.object().getJsonNumber("instanceId").longValue();
    }

    /** How many instances (of any user) had the job parameter tag; they must have run, for their parameters to count. */
    private static long instancesTagged(String tag) {
        ApiResponse search = BatchApi.as("admin").get("v4/jobinstances?jobParameter.tag=" + tag);
        assertEquals(200, search.status(), search::toString);
        return Long.parseLong(search.header("X-Total-Count").orElseThrow());
    }
}
