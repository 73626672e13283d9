package it.multiserver;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JsonShapes;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static it.multiserver.Topology.ADMIN;
import static it.multiserver.Topology.BALANCER;
import static it.multiserver.Topology.SERVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only a server of the cluster may mark a request as forwarded (README, "Several servers"): the marker counts with the
 * secret the servers share (scripts/topology gives them one, in target/topology/peer.secret); a client that reaches a
 * server directly with a forged or missing secret gets 403 and nothing is done.
 */
class PeerTrustIT {

    private static final String MARKER = "X-BatchRest-Forwarded-By";
    private static final String SECRET = "X-BatchRest-Peer-Secret";

    /** An instance whose one execution ran on the first server, and the directory of its log files there. */
    private static long instanceId;
    private static long executionId;
    private static Path logDirectory;
    private static String links;

    @BeforeAll
    static void aFinishedInstanceOnTheFirstServer() {
        instanceId = Topology.submit(SERVERS.get(0), "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "3"));
        assertEquals("COMPLETED", Topology.awaitFinal(SERVERS.get(0), instanceId).getString("instanceState"));
        JsonObject execution = ADMIN.get(SERVERS.get(0) + "jobinstances/" + instanceId + "/jobexecutions/0").object();
        assertEquals(SERVERS.get(0), execution.getString("restUrl"));
        executionId = execution.getJsonNumber("executionId").longValue();
        logDirectory = Path.of(execution.getString("logpath"));
        assertTrue(Files.isDirectory(logDirectory), logDirectory::toString);
        links = ADMIN.get(SERVERS.get(0) + "jobexecutions/" + executionId + "/joblogs").body();
        assertTrue(links.contains("\"joblog part text\""), links);
    }

    @Test
    void aPurgeWithAForgedMarkerIsRefusedAndPurgesNothing() {
        for (String server : List.of(SERVERS.get(1), SERVERS.get(0))) {
            for (String secret : new String[] {"forged-secret-of-64-characters-0000000000000000000000000000000000",
                    "", null}) {
                String path = "jobinstances/" + instanceId;
                ApiResponse purge = BatchApi.send(marked(server + path, secret).DELETE());
                assertForbidden(purge, "purge through " + server + " with secret " + secret);
                ApiResponse logs = BatchApi.send(marked(server + path + "/joblogs", secret).DELETE());
                assertForbidden(logs, "log delete through " + server + " with secret " + secret);
            }
        }
        assertTrue(Files.isDirectory(logDirectory), "the log files stay: " + logDirectory);
        assertEquals(200, ADMIN.get(BALANCER + "jobinstances/" + instanceId).status());
        for (String server : SERVERS) {
            assertEquals(links, ADMIN.get(server + "jobexecutions/" + executionId + "/joblogs").body(), server);
        }
    }

    @Test
    void aReadWithAForgedMarkerIsRefused() {
        ApiResponse read = BatchApi.send(marked(SERVERS.get(1) + "jobexecutions/" + executionId + "/joblogs",
                "forged").GET());
        assertForbidden(read, "log links with a forged secret");
        ApiResponse root = BatchApi.send(marked(SERVERS.get(2), null).GET());
        assertForbidden(root, "the root without a secret");
    }

    @Test
    void aMarkedRequestWithTheClustersSecretIsAnsweredFromTheServersOwnFiles() throws IOException {
        String secret = Files.readString(Path.of("target", "topology", "peer.secret"), StandardCharsets.UTF_8).strip();
        assertEquals(64, secret.length(), "scripts/topology's secret: 32 random bytes in hex");

        // The second server holds none of the execution's files, and a forwarded request goes no further.
        ApiResponse local = BatchApi.send(marked(SERVERS.get(1) + "jobexecutions/" + executionId + "/joblogs", secret)
                .GET());
        assertEquals(200, local.status(), local::toString);
        String base = SERVERS.get(0) + "jobexecutions/" + executionId + "/joblogs";
        assertEquals(List.of("joblog text " + base + "?type=text", "joblog zip " + base + "?type=zip"),
                local.array().getValuesAs(JsonObject.class).stream()
                        .map(link -> link.getString("rel") + " " + link.getString("href")).toList());
        assertTrue(Files.isDirectory(logDirectory));
    }

    /**
     * A purge in the background has no user: the cluster's secret alone lets another server delete an instance's log
     * files (what such a purge asks), and nothing else; without the secret even that needs a user.
     */
    @Test
    void withTheSecretAndNoUserAServerMayDeleteAnInstancesLogFilesAndNothingElse() throws IOException {
        String secret = Files.readString(Path.of("target", "topology", "peer.secret"), StandardCharsets.UTF_8).strip();
        long other = Topology.submit(SERVERS.get(0), "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "3"));
        assertEquals("COMPLETED", Topology.awaitFinal(SERVERS.get(0), other).getString("instanceState"));
        Path otherLogs = Path.of(ADMIN.get(SERVERS.get(0) + "jobinstances/" + other + "/jobexecutions/0").object()
                .getString("logpath"));
        assertTrue(Files.isDirectory(otherLogs), otherLogs::toString);

        String instance = SERVERS.get(0) + "jobinstances/" + other;
        for (java.net.http.HttpRequest.Builder request : List.of(
                anonymousMarked(instance, secret).DELETE(),
                anonymousMarked(instance + "/joblogs", secret).GET(),
                anonymousMarked(instance + "?action=stop", secret).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()),
                anonymousMarked(SERVERS.get(0) + "v4/jobinstances?jobInstanceId=" + other, secret).DELETE(),
                anonymousMarked(instance + "/joblogs", "forged-secret-of-64-characters-00000000000000000000000000000")
                        .DELETE(),
                BatchApi.anonymous().request(instance + "/joblogs").DELETE())) {
            ApiResponse refused = BatchApi.send(request);
            assertEquals(401, refused.status(), refused::toString);
        }
        assertTrue(Files.isDirectory(otherLogs), "nothing was deleted: " + otherLogs);

        ApiResponse deleted = BatchApi.send(anonymousMarked(SERVERS.get(0) + "v4/jobinstances/" + other + "/joblogs",
                secret).DELETE());
        assertEquals(200, deleted.status(), deleted::toString);
        assertFalse(Files.exists(otherLogs), "the log files are deleted: " + otherLogs);
        assertEquals(200, ADMIN.get(BALANCER + "jobinstances/" + other).status(), "the instance's rows stay");
        assertTrue(Files.isDirectory(logDirectory), "the other instance's log files stay: " + logDirectory);
    }

    private static java.net.http.HttpRequest.Builder anonymousMarked(String url, String secret) {
        return BatchApi.anonymous().request(url).header(MARKER, "batchrest9").header(SECRET, secret);
    }

    private static java.net.http.HttpRequest.Builder marked(String url, String secret) {
        java.net.http.HttpRequest.Builder request = ADMIN.request(url).header(MARKER, "batchrest9");
        return secret == null ? request : request.header(SECRET, secret);
    }

    private static void assertForbidden(ApiResponse response, String what) {
        assertEquals(403, response.status(), () -> what + ": " + response);
        assertEquals("The request is marked as forwarded by another server (X-BatchRest-Forwarded-By) without the "
                + "secret that the servers of this cluster share (X-BatchRest-Peer-Secret): only a server of the "
                + "cluster may send it.", JsonShapes.assertProblem(response, 403), what);
    }
}
