package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.Prometheus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's metrics at Liberty's {@code /metrics} (README, "Health and metrics"), checked to the unit after
 * known work: jobs of a job name no other test uses, and deltas of the server-wide counters over requests this test
 * alone makes (the integration tests run one at a time).
 */
class MetricsIT {

    private static final String SERVER = "https://localhost:" + BatchApi.HTTPS_PORT + "/";
    private static final Path JOB_LOGS = Path.of(System.getProperty("batchrest.server.dir"), "logs", "joblogs");
    private static final BatchApi ADMIN = BatchApi.as("admin");

    private static String inlineJob(String jobName, boolean failing) {
        return "{\"applicationName\":\"batch-rest\",\"jobXML\":\"<job id=\\\"" + jobName + "\\\" "
                + "xmlns=\\\"https://jakarta.ee/xml/ns/jakartaee\\\" version=\\\"2.0\\\"><step id=\\\"s\\\">"
                + "<batchlet ref=\\\"loggingBatchlet\\\"/>" + (failing ? "<fail on=\\\"*\\\"/>" : "")
                + "</step></job>\"}";
    }

    @Test
    void threeJobsOneFailingAreCountedExactlyAndTheirPurgesToo() {
        String jobName = "metrics" + UUID.randomUUID().toString().replace("-", "");
        Prometheus before = Prometheus.scrape(SERVER);
        double bytesBefore = before.value("batchrest_joblog_written_bytes_total");
        double purgedBefore = before.value("batchrest_job_instances_purged_total", "purged", "all");
        double postsBefore = before.value("batchrest_api_requests_seconds_count", "endpoint", "POST jobinstances",
                "status", "201");
        double deletesBefore = before.value("batchrest_api_requests_seconds_count",
                "endpoint", "DELETE jobinstances/{instanceId}", "status", "200");
        double logReadsBefore = before.value("batchrest_api_requests_seconds_count",
                "endpoint", "GET jobinstances/{instanceId}/joblogs", "status", "200");

        List<Long> ids = Stream.of(false, false, true).map(failing -> {
            ApiResponse response = ADMIN.postJson("jobinstances", inlineJob(jobName, failing));
            assertEquals(201, response.status(), response::toString);
            return response.object().getJsonNumber("instanceId").longValue();
        }).toList();
        List<String> states = ids.stream().map(id -> Jobs.awaitFinal(id).getString("instanceState")).toList();
        assertEquals(List.of("COMPLETED", "COMPLETED", "FAILED"), states);

        // The job-log writer writes on a thread of its own: its counter and the files meet once it is done.
        Prometheus after = Jobs.await(() -> {
            Prometheus scrape = Prometheus.scrape(SERVER);
            return scrape.value("batchrest_joblog_written_bytes_total") - bytesBefore == bytesOnDisk(jobName)
                    ? scrape : null;
        }, "the job-log bytes counter to reach the size of the job's log files");
        assertTrue(bytesOnDisk(jobName) > 0);

        assertEquals(3, after.value("batchrest_jobs_submitted_total", "jobName", jobName));
        assertEquals(Map.of("COMPLETED", 2.0, "FAILED", 1.0), ended(after, jobName));
        assertEquals(3, after.value("batchrest_job_execution_duration_seconds_count", "jobName", jobName));
        assertEquals(3, after.value("batchrest_job_execution_duration_seconds_bucket", "jobName", jobName,
                "le", "+Inf"));
        assertEquals(3, after.value("batchrest_api_requests_seconds_count", "endpoint", "POST jobinstances",
                "status", "201") - postsBefore);

        // Endpoints below one instance are named by their whole template, through both sub-resource locators.
        ApiResponse logs = ADMIN.get("jobinstances/" + ids.get(0) + "/joblogs");
        assertEquals(200, logs.status(), logs::toString);
        assertEquals(1, Prometheus.scrape(SERVER).value("batchrest_api_requests_seconds_count",
                "endpoint", "GET jobinstances/{instanceId}/joblogs", "status", "200") - logReadsBefore);

        for (long id : ids) {
            ApiResponse purge = ADMIN.delete("jobinstances/" + id);
            assertEquals(200, purge.status(), purge::toString);
        }

        Prometheus purged = Prometheus.scrape(SERVER);
        assertEquals(3, purged.value("batchrest_job_instances_purged_total", "purged", "all") - purgedBefore);
        assertEquals(3, purged.value("batchrest_api_requests_seconds_count",
                "endpoint", "DELETE jobinstances/{instanceId}", "status", "200") - deletesBefore);
    }

    @Test
    void theActiveInstanceGaugesAgreeWithTheApiWhileAJobRunsAndAStoppedExecutionIsCounted() {
        double stoppedBefore = Prometheus.scrape(SERVER).value("batchrest_job_executions_ended_total",
                "jobName", "sleepyBatchlet", "batchStatus", "STOPPED");
        long id = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "60"));
        try {
            Jobs.awaitLatestExecution(id, "STARTED");
            long dispatched = awaitGaugeAgreesWithApi("DISPATCHED");
            assertTrue(dispatched >= 1, "the running job's instance is DISPATCHED: " + dispatched);
            for (String state : List.of("SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED")) {
                awaitGaugeAgreesWithApi(state);
            }
            assertEquals(200, ADMIN.put("jobinstances/" + id + "?action=stop").status());
            assertEquals("STOPPED", Jobs.awaitFinal(id).getString("instanceState"));
        } finally {
            Jobs.stopIfRunning(id);
        }
        awaitGaugeAgreesWithApi("DISPATCHED");
        assertEquals(1, Prometheus.scrape(SERVER).value("batchrest_job_executions_ended_total",
                "jobName", "sleepyBatchlet", "batchStatus", "STOPPED") - stoppedBefore);
    }

    @Test
    void theRepositoryConnectionPoolIsAmongLibertysVendorMetrics() {
        ADMIN.get("jobinstances?pageSize=1");

        Prometheus metrics = Prometheus.scrape(SERVER);

        for (String name : List.of("connectionpool_managedConnections", "connectionpool_connectionHandles",
                "connectionpool_freeConnections", "connectionpool_queuedRequests_total")) {
            assertEquals(1, metrics.find(name, "datasource", "jdbc_batch", "mp_scope", "vendor").size(),
                    name + "{datasource=\"jdbc_batch\",mp_scope=\"vendor\"}");
        }
    }

    /** Polls until the gauge of {@code state} equals the API's exact count of instances in it, and returns it. */
    private static long awaitGaugeAgreesWithApi(String state) {
        return Jobs.await(() -> {
            ApiResponse counted = BatchApi.send(ADMIN.request("v4/jobinstances?instanceState=" + state + "&pageSize=1")
                    .header("Prefer", "count=exact").GET());
            assertEquals(200, counted.status(), counted::toString);
            long total = Long.parseLong(counted.header("X-Total-Count").orElseThrow());
            List<Prometheus.Sample> gauge = Prometheus.scrape(SERVER).find("batchrest_job_instances_active",
                    "state", state);
            assertEquals(1, gauge.size(), () -> "batchrest_job_instances_active{state=\"" + state + "\"}: " + gauge);
            return gauge.get(0).value() == total ? total : null;
        }, "the gauge of " + state + " instances to agree with the API's count");
    }

    private static Map<String, Double> ended(Prometheus metrics, String jobName) {
        Map<String, Double> ended = new java.util.TreeMap<>();
        metrics.find("batchrest_job_executions_ended_total", "jobName", jobName)
                .forEach(sample -> ended.put(sample.labels().get("batchStatus"), sample.value()));
        return ended;
    }

    private static long bytesOnDisk(String jobName) {
        Path folder = JOB_LOGS.resolve(jobName);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
