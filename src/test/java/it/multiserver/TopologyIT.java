package it.multiserver;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topology of scripts/topology (docs/contract.md §10): several servers on one PostgreSQL job repository, nginx in
 * front, round-robin per request. Jobs submitted through nginx run on different servers, each execution names the
 * server that ran it, and every read gives the same answer through any server.
 */
class TopologyIT {

    /** nginx, the address users call. */
    private static final String BALANCER = System.getProperty("batchrest.topology.url", BatchApi.ROOT);
    /** The API roots of the servers behind it, in the order of their names: batchrest{i} on HTTPS port base + i. */
    private static final List<String> SERVERS = IntStream
            .rangeClosed(1, Integer.getInteger("batchrest.topology.servers", 3))
            .mapToObj(i -> "https://localhost:" + (Integer.getInteger("batchrest.topology.https.base", 9450) + i)
                    + BatchApi.CONTEXT_ROOT + "/")
            .toList();
    private static final String TAG = "topology-" + UUID.randomUUID();

    /** Trivial jobs submitted through nginx, two per server. */
    private static final List<Long> instances = new ArrayList<>();
    private static long partitioned;

    @BeforeAll
    static void submitThroughTheBalancer() {
        BatchApi admin = BatchApi.as("admin").at(BALANCER);
        for (int i = 0; i < 2 * SERVERS.size(); i++) {
            ApiResponse submitted = admin.postJson("jobinstances", Jobs.submission("sleepyBatchlet",
                    Map.of("sleepSeconds", "0", "logLines", "1", "tag", TAG)));
            assertEquals(201, submitted.status(), submitted::toString);
            instances.add(submitted.object().getJsonNumber("instanceId").longValue());
        }
        ApiResponse submitted = admin.postJson("jobinstances", Jobs.submission("partitionedBatchlet",
                Map.of("partitions", "3", "logLines", "1", "tag", TAG)));
        assertEquals(201, submitted.status(), submitted::toString);
        partitioned = submitted.object().getJsonNumber("instanceId").longValue();
        for (long instance : instances) {
            assertEquals("COMPLETED", Jobs.awaitFinal(instance).getString("instanceState"), "instance " + instance);
        }
        assertEquals("COMPLETED", Jobs.awaitFinal(partitioned).getString("instanceState"));
    }

    @Test
    void submissionsThroughTheBalancerRunOnDifferentServersThatEachExecutionNames() {
        Map<String, String> serverIdByRestUrl = new HashMap<>();
        for (long instance : instances) {
            JsonObject execution = latestExecution(instance);
            String restUrl = execution.getString("restUrl");
            String serverId = execution.getString("serverId");
            assertTrue(SERVERS.contains(restUrl), "execution of instance " + instance + " ran on " + restUrl
                    + ", which is none of " + SERVERS);
            assertFalse(serverId.isEmpty(), "serverId of the execution of instance " + instance);
            String known = serverIdByRestUrl.putIfAbsent(restUrl, serverId);
            assertTrue(known == null || known.equals(serverId),
                    "one serverId per server: " + known + " and " + serverId + " both at " + restUrl);
        }
        assertTrue(serverIdByRestUrl.size() >= 2, "round-robin spreads the submissions: " + serverIdByRestUrl);
        assertEquals(serverIdByRestUrl.size(), new HashSet<>(serverIdByRestUrl.values()).size(),
                "distinct servers have distinct serverIds: " + serverIdByRestUrl);
    }

    @Test
    void partitionsNameTheServerThatRanThem() {
        JsonObject execution = latestExecution(partitioned);
        ApiResponse steps = BatchApi.as("admin").at(BALANCER)
                .get("jobexecutions/" + execution.getJsonNumber("executionId") + "/stepexecutions");
        assertEquals(200, steps.status(), steps::toString);
        var partitions = steps.array().getJsonObject(0).getJsonArray("partitions");
        assertEquals(3, partitions.size(), steps::toString);
        for (int i = 0; i < partitions.size(); i++) {
            // Partitions of a local partitioned step run on the server of their execution.
            assertEquals(execution.getString("restUrl"), partitions.getJsonObject(i).getString("restUrl"));
            assertEquals(execution.getString("serverId"), partitions.getJsonObject(i).getString("serverId"));
        }
    }

    /**
     * Every read is byte-identical through each server and through nginx. Links are built from the address the
     * client used, so each server is asked with nginx's Host header, as nginx itself asks them.
     */
    @Test
    void everyReadIsTheSameThroughEveryServerAndTheBalancer() {
        List<String> paths = new ArrayList<>();
        for (long instance : instances.subList(0, 2)) {
            long execution = latestExecution(instance).getJsonNumber("executionId").longValue();
            paths.addAll(List.of("jobinstances/" + instance, "jobinstances/" + instance + "/jobexecutions",
                    "jobexecutions/" + execution, "jobexecutions/" + execution + "/stepexecutions",
                    "jobexecutions/" + execution + "/stepexecutions/step1", "jobinstances/" + instance + "/status"));
        }
        long execution = latestExecution(partitioned).getJsonNumber("executionId").longValue();
        paths.addAll(List.of("jobinstances/" + partitioned, "jobexecutions/" + execution + "/stepexecutions",
                "v4/jobinstances?jobParameter.tag=" + TAG, "v4/jobinstances?jobParameter.tag=" + TAG + "&pageSize=2&page=1",
                "jobinstances?page=0&pageSize=5"));

        String host = URI.create(BALANCER).getAuthority();
        for (String path : paths) {
            ApiResponse throughBalancer = BatchApi.as("admin").at(BALANCER).get(path);
            assertEquals(200, throughBalancer.status(), () -> path + ": " + throughBalancer);
            for (String server : SERVERS) {
                ApiResponse direct = BatchApi.send(BatchApi.as("admin").at(server).request(path).header("Host", host)
                        .GET());
                assertEquals(200, direct.status(), () -> server + path + ": " + direct);
                assertEquals(throughBalancer.body(), direct.body(), "GET " + path + " through " + server);
                assertEquals(throughBalancer.header("X-Total-Count"), direct.header("X-Total-Count"), path);
                assertEquals(throughBalancer.header("Link"), direct.header("Link"), path);
            }
        }
    }

    @Test
    void everyServerAnswersThroughTheBalancerInTurn() {
        // nginx has no sticky sessions: consecutive requests reach every server; each of them answers the same.
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < 2 * SERVERS.size(); i++) {
            ApiResponse read = BatchApi.as("monitor").at(BALANCER).get("jobinstances/" + instances.get(0));
            assertEquals(200, read.status(), read::toString);
            bodies.add(read.body());
        }
        assertEquals(1, bodies.size(), () -> "different answers: " + bodies);
    }

    private static JsonObject latestExecution(long instance) {
        ApiResponse executions = BatchApi.as("admin").at(BALANCER).get("jobinstances/" + instance + "/jobexecutions");
        assertEquals(200, executions.status(), executions::toString);
        return executions.array().getJsonObject(0);
    }
}
