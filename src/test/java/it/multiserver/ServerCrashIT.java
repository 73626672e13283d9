package it.multiserver;

import it.support.ApiResponse;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static it.multiserver.Topology.ADMIN;
import static it.multiserver.Topology.BALANCER;
import static it.multiserver.Topology.SERVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server dies (kill -9) while it runs a job: the others go on serving, what needs the dead server is refused
 * without losing anything, and once it is back its execution is FAILED and can be restarted through any server.
 */
class ServerCrashIT {

    private static final int VICTIM = 2;

    @Test
    void theOtherServersKeepServingAndTheCrashedExecutionIsFailedAndRestartable() {
        // a finished instance with logs on the victim, and a job running there when it dies
        long finished = Topology.submit(SERVERS.get(VICTIM), "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        Topology.awaitFinal(SERVERS.get(VICTIM), finished);
        long running = Topology.submit(SERVERS.get(VICTIM), "sleepyBatchlet", Map.of("sleepSeconds", "600"));
        long executionId = Topology.awaitLatestExecution(SERVERS.get(VICTIM), running, "STARTED", 60)
                .getJsonNumber("executionId").longValue();

        Topology.kill(VICTIM);
        try {
            for (int i = 0; i < 6; i++) {
                ApiResponse read = ADMIN.get(BALANCER + "jobinstances/" + running);
                assertEquals(200, read.status(), () -> "read through nginx with a server down: " + read);
            }
            long elsewhere = Topology.submit(BALANCER, "sleepyBatchlet", Map.of("sleepSeconds", "0"));
            assertEquals("COMPLETED", Topology.awaitFinal(BALANCER, elsewhere).getString("instanceState"));

            ApiResponse stop = ADMIN.put(SERVERS.get(0) + "jobexecutions/" + executionId + "?action=stop");
            assertEquals(503, stop.status(), stop::toString);
            assertTrue(stop.header("Retry-After").isPresent());
            assertTrue(stop.object().getString("detail").contains(SERVERS.get(VICTIM).replaceAll("/$", "")),
                    stop::toString);

            ApiResponse logs = ADMIN.get(SERVERS.get(1) + "jobinstances/" + finished + "/joblogs?type=text");
            assertEquals(503, logs.status(), logs::toString);

            ApiResponse purge = ADMIN.delete(SERVERS.get(0) + "jobinstances/" + finished);
            assertEquals(503, purge.status(), purge::toString);
            ApiResponse bulk = ADMIN.delete(SERVERS.get(0) + "v4/jobinstances?jobInstanceId=" + finished);
            assertEquals(200, bulk.status(), bulk::toString);
            JsonObject result = bulk.array().getJsonObject(0);
            assertEquals("NOT_LOCAL", result.getString("purgeStatus"), bulk::toString);
            assertEquals(SERVERS.get(VICTIM), result.getString("redirectUrl"));
            assertEquals(200, ADMIN.get(SERVERS.get(1) + "jobinstances/" + finished).status(),
                    "the instance is left in place");
        } finally {
            Topology.start(VICTIM);
        }

        JsonObject failed = Topology.awaitLatestExecution(SERVERS.get(0), running, "FAILED", 120);
        assertEquals(executionId, failed.getJsonNumber("executionId").longValue());
        ApiResponse restart = ADMIN.putJson(SERVERS.get(1) + "jobinstances/" + running
                + "?action=restart&reusePreviousParams=true", "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}");
        assertEquals(200, restart.status(), restart::toString);
        assertEquals("COMPLETED", Topology.awaitFinal(BALANCER, running).getString("instanceState"));

        ApiResponse purged = ADMIN.delete(SERVERS.get(0) + "jobinstances/" + finished);
        assertEquals(200, purged.status(), () -> "purge once the server is back: " + purged);
    }
}
