package it;

import it.JobLogServingIT.Run;
import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import it.support.JsonShapes;
import it.support.Prometheus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static it.JobLogServingIT.finished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention (README, "Retention"; docs/api.md, "Retention") against the rules of the test server (pom.xml), which
 * name only job names of this class: retentionAged keeps COMPLETED for a day, FAILED for two and STOPPED not at all;
 * retentionCounted keeps the 2 newest finished instances and nothing older; retentionKept keeps everything. How old an
 * instance is comes from its last-updated time, which the test sets in the repository.
 */
class RetentionIT {

    private static final BatchApi ADMIN = BatchApi.as("admin");
    private static final String SERVER = "https://localhost:" + BatchApi.HTTPS_PORT + "/";

    @Test
    void theDryRunListsExactlyTheInstancesTheRunThenPurgesWithTheirJobLogs() {
        purgeEarlierInstances();
        Instant now = Instant.now();
        Run agedCompletedOld = aged(finished(Jobs.submitInline("retentionAged", Map.of()), "COMPLETED"),
                now.minus(Duration.ofDays(2)));
        Run agedCompletedYoung = finished(Jobs.submitInline("retentionAged", Map.of()), "COMPLETED");
        Run agedFailedYoung = aged(finished(Jobs.submitInline("retentionAged", Map.of("forceFailure", "true")),
                "FAILED"), now.minus(Duration.ofDays(1)));
        Run agedFailedOld = aged(finished(Jobs.submitInline("retentionAged", Map.of("forceFailure", "true")),
                "FAILED"), now.minus(Duration.ofDays(3)));
        Run agedStopped = stopped(Jobs.submitInline("retentionAged", Map.of("sleepSeconds", "60")));
        List<Run> counted = new ArrayList<>();
        for (String failing : List.of("false", "true", "false", "true")) {
            counted.add(finished(Jobs.submitInline("retentionCounted", Map.of("forceFailure", failing)),
                    failing.equals("true") ? "FAILED" : "COMPLETED"));
        }
        Run kept = aged(finished(Jobs.submitInline("retentionKept", Map.of()), "COMPLETED"),
                now.minus(Duration.ofDays(400)));
        List<Run> expired = List.of(agedCompletedOld, agedFailedOld, agedStopped, counted.get(0), counted.get(1));
        List<Run> staying = List.of(agedCompletedYoung, agedFailedYoung, counted.get(2), counted.get(3), kept);
        double purgedBefore = Prometheus.scrape(SERVER).value("batchrest_retention_purged_total", "outcome", "purged");

        ApiResponse before = ADMIN.get("retention");

        assertEquals(200, before.status(), before::toString);
        JsonObject status = before.object();
        assertEquals(List.of("enabled", "problem", "interval", "batchSize", "rules", "lease", "lastRun", "nextRun"),
                new ArrayList<>(status.keySet()));
        assertTrue(status.getBoolean("enabled"));
        assertEquals(JsonValue.NULL, status.get("problem"));
        assertEquals("P1D", status.getString("interval"));
        assertEquals(2, status.getInt("batchSize"));
        assertEquals(Json.createReader(new java.io.StringReader("["
                + "{\"jobName\":\"retentionAged\",\"keep\":{\"FAILED\":\"P2D\",\"STOPPED\":\"PT0S\","
                + "\"COMPLETED\":\"P1D\"},\"keepLast\":0},"
                + "{\"jobName\":\"retentionCounted\",\"keep\":{\"FAILED\":\"PT0S\",\"COMPLETED\":\"PT0S\"},"
                + "\"keepLast\":2},"
                + "{\"jobName\":\"retentionKept\",\"keep\":{},\"keepLast\":0}]")).readArray(),
                status.getJsonArray("rules"));
        JsonObject nextRun = status.getJsonObject("nextRun");
        assertEquals(expired.size(), nextRun.getJsonNumber("total").longValue());
        assertEquals(0, nextRun.getInt("page"));
        assertEquals(50, nextRun.getInt("pageSize"));
        assertEquals(expired.stream().map(RetentionIT::candidate).toList(), nextRun.getJsonArray("instances"));
        assertEquals(expired.subList(2, 4).stream().map(RetentionIT::candidate).toList(),
                ADMIN.get("retention?page=1&pageSize=2").object().getJsonObject("nextRun").getJsonArray("instances"));
        expired.forEach(run -> assertTrue(Files.exists(run.directory()), run::toString));

        ApiResponse run = ADMIN.post("retention/run");

        assertEquals(200, run.status(), run::toString);
        JsonObject ran = run.object();
        assertEquals(List.of("server", "started", "ended", "purged", "failed"), new ArrayList<>(ran.keySet()));
        assertEquals(expired.size(), ran.getJsonNumber("purged").longValue());
        assertEquals(0, ran.getJsonNumber("failed").longValue());
        for (Run purged : expired) {
            assertEquals("CWWKY0151E: No job instance found for instance id " + purged.instanceId() + ".",
                    JsonShapes.assertProblem(ADMIN.get("jobinstances/" + purged.instanceId()), 404));
            assertFalse(Files.exists(purged.directory().getParent()), "job logs of " + purged);
        }
        for (Run stays : staying) {
            assertEquals(200, ADMIN.get("jobinstances/" + stays.instanceId()).status(), stays::toString);
            assertTrue(Files.exists(stays.directory()), "job logs of " + stays);
        }
        assertEquals(expired.size(), Prometheus.scrape(SERVER).value("batchrest_retention_purged_total",
                "outcome", "purged") - purgedBefore);

        JsonObject after = ADMIN.get("retention").object();
        assertEquals(ran, after.getJsonObject("lastRun"));
        assertEquals(JsonValue.NULL, after.get("lease"));
        assertEquals(0, after.getJsonObject("nextRun").getJsonNumber("total").longValue());
        assertEquals(List.of(), after.getJsonObject("nextRun").getJsonArray("instances"));

        JsonObject again = ADMIN.post("retention/run").object();
        assertEquals(0, again.getJsonNumber("purged").longValue());
        for (Run stays : staying) {
            assertEquals(200, ADMIN.get("jobinstances/" + stays.instanceId()).status(), stays::toString);
        }
    }

    @Test
    void aRunIsRefusedWhileAnotherServerHoldsTheLeaseAndTakesTheLeaseOverOnceItHasExpired() {
        assertEquals(200, ADMIN.post("retention/run").status()); // the lease's row exists from the first run on
        String otherServer = "otherhost/opt/wlp/usr/batchServer2";
        Instant expires = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        JobRepositoryFixture.setRetentionLease(otherServer, expires);
        try {
            assertEquals("Retention is running already, on server " + otherServer + "; ask again when that run is "
                    + "over.", JsonShapes.assertProblem(ADMIN.post("retention/run"), 409));
            JsonObject lease = ADMIN.get("retention").object().getJsonObject("lease");
            assertEquals(otherServer, lease.getString("holder"));
            assertEquals(expires, JobLogServingIT.instant(lease.getString("expires")));

            JobRepositoryFixture.setRetentionLease(otherServer, Instant.now().minusSeconds(1));
            ApiResponse takenOver = ADMIN.post("retention/run");

            assertEquals(200, takenOver.status(), takenOver::toString);
            assertEquals(JsonValue.NULL, ADMIN.get("retention").object().get("lease"));
        } finally {
            JobRepositoryFixture.releaseRetentionLease();
        }
    }

    @Test
    void onlyABatchAdminMayReadOrRunRetention() {
        for (String user : List.of("submitter1", "monitor", "submon")) {
            assertEquals("User " + user + " is not authorized to read the retention settings: that needs the "
                    + "batchAdmin role.", JsonShapes.assertProblem(BatchApi.as(user).get("retention"), 403));
            assertEquals("User " + user + " is not authorized to run retention: that needs the batchAdmin role.",
                    JsonShapes.assertProblem(BatchApi.as(user).post("retention/run"), 403));
        }
        assertEquals("User nobody is not authorized to perform batch operations: the user has none of the roles "
                + "batchAdmin, batchSubmitter, batchMonitor.",
                JsonShapes.assertProblem(BatchApi.as("nobody").post("retention/run"), 403));
        assertEquals(401, BatchApi.anonymous().get("retention").status());
        assertEquals(401, BatchApi.anonymous().post("retention/run").status());
    }

    @Test
    void everyVersionAnswersRetentionAndAPageOrPageSizeOutOfRangeIsA400() {
        for (String version : List.of("", "v1/", "v4/")) {
            ApiResponse status = ADMIN.get(version + "retention?pageSize=1");
            assertEquals(200, status.status(), status::toString);
            assertEquals(1, status.object().getJsonObject("nextRun").getInt("pageSize"));
        }
        JsonShapes.assertProblem(ADMIN.get("retention?pageSize=0"), 400);
        JsonShapes.assertProblem(ADMIN.get("retention?page=-1"), 400);
    }

    /** What earlier runs of this test left in the repository goes first, so that only this run's instances count. */
    private static void purgeEarlierInstances() {
        for (String jobName : List.of("retentionAged", "retentionCounted", "retentionKept")) {
            ApiResponse earlier = ADMIN.get("v4/jobinstances?jobName=" + jobName + "&pageSize=1000");
            assertEquals(200, earlier.status(), earlier::toString);
            earlier.array().getValuesAs(JsonObject.class).forEach(instance -> assertEquals(200,
                    ADMIN.delete("jobinstances/" + instance.getJsonNumber("instanceId")).status()));
        }
    }

    /** The instance's last update moved back to {@code lastUpdated}: as if it had ended then. */
    private static Run aged(Run run, Instant lastUpdated) {
        JobRepositoryFixture.setLastUpdatedTime(run.instanceId(), lastUpdated);
        return run;
    }

    private static Run stopped(long instanceId) {
        Jobs.awaitLatestExecution(instanceId, "STARTED");
        assertEquals(200, ADMIN.put("jobinstances/" + instanceId + "?action=stop").status());
        return finished(instanceId, "STOPPED");
    }

    /** An entry of nextRun.instances, from the instance as the API shows it. */
    private static JsonObject candidate(Run run) {
        JsonObject instance = ADMIN.get("jobinstances/" + run.instanceId()).object();
        return Json.createObjectBuilder().add("instanceId", run.instanceId())
                .add("jobName", instance.getString("jobName"))
                .add("instanceState", instance.getString("instanceState"))
                .add("lastUpdatedTime", instance.getString("lastUpdatedTime")).build();
    }
}
