package it.multiserver;

import it.support.ApiResponse;
import it.support.BatchApi;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static it.multiserver.Topology.ADMIN;
import static it.multiserver.Topology.BALANCER;
import static it.multiserver.Topology.SERVERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/contract.md §10 on three servers and nginx: who ran what, and operations that must run where the execution ran.
 */
class ForwardingIT {

    @Test
    void stopThroughAnotherServerStopsTheExecutionWhereItRuns() {
        long instanceId = Topology.submit(SERVERS.get(0), "sleepyBatchlet", Map.of("sleepSeconds", "60"));
        JsonObject running = Topology.awaitLatestExecution(SERVERS.get(0), instanceId, "STARTED", 60);
        assertEquals(SERVERS.get(0), running.getString("restUrl"));
        long executionId = running.getJsonNumber("executionId").longValue();

        ApiResponse stopped = ADMIN.put(SERVERS.get(1) + "jobexecutions/" + executionId + "?action=stop");

        assertEquals(200, stopped.status(), stopped::toString);
        assertEquals(executionId, stopped.object().getJsonNumber("executionId").longValue());
        assertTrue(Set.of("STOPPING", "STOPPED").contains(stopped.object().getString("batchStatus")), stopped::toString);
        assertEquals("STOPPED", Topology.awaitFinal(SERVERS.get(2), instanceId).getString("instanceState"));
    }

    @Test
    void stopOfAnInstanceThroughAnotherServerAndItsRedirect() {
        long instanceId = Topology.submit(SERVERS.get(2), "sleepyBatchlet", Map.of("sleepSeconds", "60"));
        long executionId = Topology.awaitLatestExecution(SERVERS.get(2), instanceId, "STARTED", 60)
                .getJsonNumber("executionId").longValue();

        ApiResponse redirect = ADMIN.put(SERVERS.get(0) + "jobexecutions/" + executionId
                + "?action=stop&permitRedirect=true");
        assertEquals(302, redirect.status(), redirect::toString);
        assertEquals(SERVERS.get(2) + "jobexecutions/" + executionId + "?action=stop&permitRedirect=true",
                redirect.header("Location").orElseThrow());
        assertEquals("STARTED", Topology.awaitLatestExecution(SERVERS.get(0), instanceId, "STARTED", 5)
                .getString("batchStatus"), "a redirect does not stop anything");

        ApiResponse stopped = ADMIN.put(SERVERS.get(1) + "jobinstances/" + instanceId + "?action=stop");
        assertEquals(200, stopped.status(), stopped::toString);
        assertEquals(executionId, stopped.object().getJsonNumber("executionId").longValue());
        assertEquals("STOPPED", Topology.awaitFinal(SERVERS.get(0), instanceId).getString("instanceState"));
    }

    @Test
    void theLogsOfAnExecutionAreServedThroughEveryServer() throws IOException {
        long instanceId = Topology.submit(SERVERS.get(1), "partitionedBatchlet", Map.of());
        Topology.awaitFinal(SERVERS.get(1), instanceId);
        long executionId = ADMIN.get(SERVERS.get(1) + "jobinstances/" + instanceId + "/jobexecutions/0").object()
                .getJsonNumber("executionId").longValue();
        String logs = "jobexecutions/" + executionId + "/joblogs";
        String links = ADMIN.get(SERVERS.get(1) + logs).body();
        byte[] text = bytes(SERVERS.get(1) + logs + "?type=text");
        Map<String, byte[]> zip = zipEntries(bytes(SERVERS.get(1) + logs + "?type=zip"));
        assertEquals(List.of("execution." + executionId + "/part.1.log", "execution." + executionId
                + "/step1/0/part.1.log", "execution." + executionId + "/step1/1/part.1.log", "execution."
                + executionId + "/step1/2/part.1.log"), List.copyOf(zip.keySet()));

        for (String root : List.of(SERVERS.get(0), SERVERS.get(2), BALANCER)) {
            assertEquals(links, ADMIN.get(root + logs).body(), "links via " + root);
            assertArrayEquals(text, bytes(root + logs + "?type=text"), "text via " + root);
            Map<String, byte[]> zipVia = zipEntries(bytes(root + logs + "?type=zip"));
            assertEquals(zip.keySet(), zipVia.keySet());
            zip.forEach((name, content) -> assertArrayEquals(content, zipVia.get(name), name + " via " + root));
            assertArrayEquals(zip.get("execution." + executionId + "/step1/1/part.1.log"),
                    bytes(root + logs + "?part=step1/1/part.1.log&type=text"), "part via " + root);
        }
        ApiResponse unknownPart = ADMIN.get(SERVERS.get(0) + logs + "?part=../../etc/passwd&type=text");
        assertEquals(404, unknownPart.status(), unknownPart::toString);
        ApiResponse redirect = ADMIN.get(SERVERS.get(0) + logs + "?type=text&permitRedirect=true");
        assertEquals(302, redirect.status());
        assertEquals(SERVERS.get(1) + logs + "?type=text&permitRedirect=true", redirect.header("Location").orElseThrow());
    }

    /**
     * A follow through another server and through nginx streams while the job runs (the relay passes each piece on,
     * nginx does not buffer it) and ends with the execution; a reconnect at the offset received through a third
     * server completes it without a lost or repeated byte (docs/api.md, "Following a job log").
     */
    @Test
    void aFollowThroughAnotherServerStreamsWhileTheJobRunsAndResumesAtItsOffsetElsewhere() throws IOException {
        long instanceId = Topology.submit(SERVERS.get(0), "chunkCopy", Map.of("items", "40", "chunkSize", "5",
                "sleepMillisPerItem", "150", "logPerItem", "true"));
        long executionId = Topology.awaitLatestExecution(SERVERS.get(0), instanceId, "STARTED", 60)
                .getJsonNumber("executionId").longValue();
        String follow = "jobexecutions/" + executionId + "/joblogs?type=text&follow=true";

        for (String root : List.of(SERVERS.get(1), BALANCER)) {
            HttpResponse<java.io.InputStream> answer = open(root + follow);
            assertEquals(200, answer.statusCode(), root);
            try (java.io.InputStream body = answer.body()) {
                byte[] first = new byte[256];
                assertTrue(body.read(first) > 0, "the first bytes via " + root);
                assertEquals("STARTED", ADMIN.get(SERVERS.get(2) + "jobexecutions/" + executionId).object()
                        .getString("batchStatus"), "the log arrives via " + root + " while the job runs");
            }
        }

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (java.io.InputStream body = open(SERVERS.get(1) + follow).body()) {
            byte[] buffer = new byte[4096];
            while (!received.toString(StandardCharsets.UTF_8).contains("chunkCopy wrote item 3")) {
                int read = body.read(buffer);
                assertTrue(read > 0, "ended before item 3");
                received.write(buffer, 0, read);
            }
        }
        try (java.io.InputStream body = open(SERVERS.get(2) + follow + "&offset=" + received.size()).body()) {
            body.transferTo(received);
        }
        assertEquals("COMPLETED", ADMIN.get(SERVERS.get(2) + "jobexecutions/" + executionId).object()
                .getString("batchStatus"), "the follow ended with the execution");
        assertArrayEquals(bytes(SERVERS.get(0) + "jobexecutions/" + executionId + "/joblogs?type=text"),
                received.toByteArray());
        assertArrayEquals(bytes(SERVERS.get(0) + "jobinstances/" + instanceId + "/joblogs?type=text"),
                bytes(SERVERS.get(2) + "jobinstances/" + instanceId + "/joblogs?type=text&follow=true"),
                "the instance form, forwarded to the server of its latest execution");
    }

    private static HttpResponse<java.io.InputStream> open(String url) {
        try {
            return BatchApi.client().send(ADMIN.request(url).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClientCannotPoseAsAForwardingServerThroughTheBalancer() {
        long instanceId = Topology.submit(SERVERS.get(2), "sleepyBatchlet", Map.of("logLines", "3"));
        Topology.awaitFinal(SERVERS.get(2), instanceId);
        long executionId = ADMIN.get(SERVERS.get(2) + "jobinstances/" + instanceId + "/jobexecutions/0").object()
                .getJsonNumber("executionId").longValue();
        String logs = "jobexecutions/" + executionId + "/joblogs";
        String links = ADMIN.get(SERVERS.get(2) + logs).body();

        // Round robin: of six requests, four reach a server that did not run the execution. A marker the balancer
        // let through would make them answer from their own (empty) log directories instead of forwarding.
        for (int request = 0; request < 6; request++) {
            ApiResponse viaBalancer = BatchApi.send(ADMIN.request(BALANCER + logs)
                    .header("X-BatchRest-Forwarded-By", "a client").GET());
            assertEquals(200, viaBalancer.status(), viaBalancer::toString);
            assertEquals(links, viaBalancer.body(), "request " + request);
        }
    }

    @Test
    void anInstanceWhoseExecutionsRanOnDifferentServersHasOneMergedLogAndIsPurgedEverywhere() throws IOException {
        long instanceId = Topology.submit(SERVERS.get(0), "sleepyBatchlet", Map.of("sleepSeconds", "60",
                "logLines", "3"));
        long first = Topology.awaitLatestExecution(SERVERS.get(0), instanceId, "STARTED", 60)
                .getJsonNumber("executionId").longValue();
        assertEquals(200, ADMIN.put(SERVERS.get(0) + "jobinstances/" + instanceId + "?action=stop").status());
        Topology.awaitFinal(SERVERS.get(0), instanceId);
        ApiResponse restarted = ADMIN.putJson(SERVERS.get(2) + "jobinstances/" + instanceId
                + "?action=restart&reusePreviousParams=true", "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}");
        assertEquals(200, restarted.status(), restarted::toString);
        assertEquals("COMPLETED", Topology.awaitFinal(SERVERS.get(2), instanceId).getString("instanceState"));
        JsonObject second = ADMIN.get(SERVERS.get(2) + "jobinstances/" + instanceId + "/jobexecutions/1").object();
        assertEquals(SERVERS.get(2), second.getString("restUrl"));
        long secondId = second.getJsonNumber("executionId").longValue();
        JsonObject firstExecution = ADMIN.get(SERVERS.get(2) + "jobexecutions/" + first).object();
        assertEquals(SERVERS.get(0), firstExecution.getString("restUrl"));

        // expected: the executions most recent first, each file between banners named below the instance
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Map<String, byte[]> expectedEntries = new LinkedHashMap<>();
        for (long executionId : List.of(secondId, first)) {
            String root = executionId == first ? SERVERS.get(0) : SERVERS.get(2);
            for (String part : parts(root, executionId)) {
                String name = "instance." + instanceId + "/execution." + executionId + "/" + part;
                byte[] content = bytes(root + "jobexecutions/" + executionId + "/joblogs?part="
                        + URLEncoder.encode(part, StandardCharsets.UTF_8) + "&type=text");
                expected.writeBytes(("xxxxx Begin file: " + name + " xxxxxxxxxxxxxxxxxx\n").getBytes(StandardCharsets.UTF_8));
                expected.writeBytes(content);
                expected.writeBytes(("\nxxxxx End file: " + name + " xxxxxxxxxxxxxxxxxx\n").getBytes(StandardCharsets.UTF_8));
                expectedEntries.put(name, content);
            }
        }
        assertEquals(2, expectedEntries.size(), expectedEntries::toString);
        assertTrue(new String(expectedEntries.values().iterator().next(), StandardCharsets.UTF_8)
                .contains("JobExecution id = " + secondId));

        String instanceLogs = "jobinstances/" + instanceId + "/joblogs";
        assertArrayEquals(expected.toByteArray(), bytes(SERVERS.get(1) + instanceLogs + "?type=text"));
        Map<String, byte[]> zip = zipEntries(bytes(SERVERS.get(1) + instanceLogs + "?type=zip"));
        assertEquals(List.copyOf(expectedEntries.keySet()), List.copyOf(zip.keySet()));
        expectedEntries.forEach((name, content) -> assertArrayEquals(content, zip.get(name), name));

        Path firstDirectory = Path.of(firstExecution.getString("logpath"));
        Path secondDirectory = Path.of(second.getString("logpath"));
        assertTrue(Files.isDirectory(firstDirectory) && Files.isDirectory(secondDirectory));
        ApiResponse purged = ADMIN.delete(SERVERS.get(1) + "jobinstances/" + instanceId);
        assertEquals(200, purged.status(), purged::toString);
        assertFalse(Files.exists(firstDirectory), "the log files on the first server are deleted");
        assertFalse(Files.exists(secondDirectory), "the log files on the third server are deleted");
        assertEquals(404, ADMIN.get(BALANCER + "jobinstances/" + instanceId).status());
    }

    /**
     * A purge in the background (a purge task here; retention takes the same way) has no caller whose credentials it
     * could send, and still deletes the log files on the server that holds them: with the cluster's secret alone.
     */
    @Test
    void anAsynchronousPurgeThroughOneServerDeletesTheLogFilesOnTheServerThatRanTheJob() {
        long instanceId = Topology.submit(SERVERS.get(2), "sleepyBatchlet", Map.of("sleepSeconds", "0",
                "logLines", "3"));
        assertEquals("COMPLETED", Topology.awaitFinal(SERVERS.get(2), instanceId).getString("instanceState"));
        JsonObject execution = ADMIN.get(SERVERS.get(2) + "jobinstances/" + instanceId + "/jobexecutions/0").object();
        assertEquals(SERVERS.get(2), execution.getString("restUrl"));
        Path logDirectory = Path.of(execution.getString("logpath"));
        assertTrue(Files.isDirectory(logDirectory), logDirectory::toString);

        ApiResponse accepted = BatchApi.send(ADMIN.request(SERVERS.get(0) + "v4/jobinstances?jobInstanceId="
                + instanceId).header("Prefer", "respond-async").DELETE());
        assertEquals(202, accepted.status(), accepted::toString);
        String task = accepted.header("Location").orElseThrow();
        JsonObject done = Topology.awaitFor(120, () -> {
            JsonObject read = ADMIN.get(task).object();
            return read.getString("state").equals("RUNNING") ? null : read;
        }, "purge task " + task + " to end");

        assertEquals("COMPLETED", done.getString("state"), done::toString);
        assertEquals(List.of(1, 1, 0, 0), List.of(done.getInt("matched"), done.getInt("purged"), done.getInt("failed"),
                done.getInt("remaining")), done::toString);
        JsonObject result = done.getJsonArray("results").getJsonObject(0);
        assertEquals(List.of(instanceId, "COMPLETED"), List.of(result.getJsonNumber("instanceId").longValue(),
                result.getString("purgeStatus")), result::toString);
        assertFalse(Files.exists(logDirectory), "the log files on the third server are deleted: " + logDirectory);
        assertEquals(404, ADMIN.get(BALANCER + "jobinstances/" + instanceId).status());
    }

    static List<String> parts(String root, long executionId) {
        List<String> parts = new ArrayList<>();
        for (JsonObject link : ADMIN.get(root + "jobexecutions/" + executionId + "/joblogs").array()
                .getValuesAs(JsonObject.class)) {
            if (link.getString("rel").equals("joblog part text")) {
                String href = link.getString("href");
                parts.add(java.net.URLDecoder.decode(href.substring(href.indexOf("part=") + 5, href.indexOf("&type")),
                        StandardCharsets.UTF_8));
            }
        }
        return parts;
    }

    static byte[] bytes(String url) {
        HttpResponse<byte[]> response = Topology.sendForBytes(url);
        assertEquals(200, response.statusCode(), () -> url + " → " + response.statusCode() + " "
                + new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    static Map<String, byte[]> zipEntries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
