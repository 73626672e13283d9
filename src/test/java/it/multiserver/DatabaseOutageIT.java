package it.multiserver;

import it.support.ApiResponse;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static it.multiserver.Topology.ADMIN;
import static it.multiserver.Topology.SERVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stops while the servers run: every endpoint answers 503 with Retry-After, readiness is DOWN naming the
 * job repository, and all recover by themselves.
 */
class DatabaseOutageIT {

    @Test
    void everyEndpointAnswers503WhileTheDatabaseIsDownAndTheServersRecover() {
        long instanceId = Topology.submit(SERVERS.get(0), "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        Topology.awaitFinal(SERVERS.get(0), instanceId);
        long executionId = ADMIN.get(SERVERS.get(0) + "jobinstances/" + instanceId + "/jobexecutions/0").object()
                .getJsonNumber("executionId").longValue();

        Topology.database("stop");
        try {
            String server = SERVERS.get(1);
            for (ApiResponse response : List.of(
                    ADMIN.get(server + "jobinstances"),
                    ADMIN.get(server + "v4/jobinstances?jobName=sleepyBatchlet"),
                    ADMIN.get(server + "jobinstances/" + instanceId),
                    ADMIN.get(server + "jobinstances/" + instanceId + "/jobexecutions"),
                    ADMIN.get(server + "jobexecutions/" + executionId),
                    ADMIN.get(server + "jobexecutions/" + executionId + "/stepexecutions"),
                    ADMIN.get(server + "jobinstances/" + instanceId + "/joblogs?type=text"),
                    ADMIN.postJson(server + "jobinstances", it.support.Jobs.submission("sleepyBatchlet",
                            Map.of("sleepSeconds", "0"))),
                    ADMIN.put(server + "jobinstances/" + instanceId + "?action=restart"),
                    ADMIN.put(server + "jobexecutions/" + executionId + "?action=stop"),
                    ADMIN.delete(server + "jobinstances/" + instanceId))) {
                assertEquals(503, response.status(), response::toString);
                assertEquals("5", response.header("Retry-After").orElse(""), response::toString);
                assertTrue(response.contentType().startsWith("application/problem+json"), response::toString);
                JsonObject problem = response.object();
                assertEquals(503, problem.getInt("status"));
                assertTrue(problem.getString("detail").contains("job repository"), response::toString);
            }
            ApiResponse readiness = Topology.readiness(server);
            assertEquals(503, readiness.status(), readiness::toString);
            JsonObject repositoryCheck = readiness.object().getJsonArray("checks").getValuesAs(JsonObject.class)
                    .stream().filter(check -> "job-repository".equals(check.getString("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no job-repository check: " + readiness));
            assertEquals("DOWN", repositoryCheck.getString("status"), readiness::toString);
            assertTrue(repositoryCheck.getJsonObject("data").getString("cause")
                    .startsWith("The job repository cannot be reached: "), readiness::toString);
        } finally {
            Topology.database("start");
        }

        for (String server : SERVERS) {
            Topology.awaitFor(60, () -> ADMIN.get(server + "jobinstances/" + instanceId).status() == 200 ? true : null,
                    server + " to read the repository again");
            Topology.awaitFor(60, () -> Topology.readiness(server).status() == 200 ? true : null,
                    server + " to be ready again");
        }
        long after = Topology.submit(SERVERS.get(1), "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Topology.awaitFinal(SERVERS.get(1), after).getString("instanceState"));
        assertEquals("COMPLETED", Topology.instance(SERVERS.get(2), instanceId).getString("instanceState"),
                "nothing was lost");
    }
}
