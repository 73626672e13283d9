package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Liberty's MicroProfile Health endpoints with the application's checks (README, "Health and metrics"): reachable
 * without credentials, every check named, and readiness DOWN with its cause while the job-log folder cannot be
 * written. The tests run as root, for whom permissions stop nothing: the folder is replaced by a regular file.
 */
class HealthIT {

    private static final String SERVER = "https://localhost:" + BatchApi.HTTPS_PORT + "/";
    private static final Path JOB_LOGS = Path.of(System.getProperty("batchrest.server.dir"), "logs", "joblogs");

    @Test
    void readinessIsUpWithItsThreeChecksAndNeedsNoCredentials() {
        ApiResponse response = BatchApi.anonymous().getUrl(SERVER + "health/ready");

        assertEquals(200, response.status(), response::toString);
        assertEquals("UP", response.object().getString("status"));
        assertEquals(Map.of("job-repository", "UP", "job-log-folder", "UP", "search-indexes", "UP"),
                statuses(response.object()));
    }

    @Test
    void livenessIsUpWithTheJobLogWriterCheck() {
        ApiResponse response = BatchApi.anonymous().getUrl(SERVER + "health/live");

        assertEquals(200, response.status(), response::toString);
        assertEquals("UP", response.object().getString("status"));
        assertEquals(Map.of("job-log-writer", "UP"), statuses(response.object()));
    }

    @Test
    void readinessIsDownNamingTheJobLogFolderWhileItCannotBeWrittenAndUpAgainAfterwards() throws IOException {
        Path aside = JOB_LOGS.resolveSibling("joblogs.health-test");
        boolean existed = Files.exists(JOB_LOGS);
        if (existed) {
            Files.move(JOB_LOGS, aside);
        }
        try {
            Files.writeString(JOB_LOGS, "a file where the job-log folder should be");

            ApiResponse down = BatchApi.anonymous().getUrl(SERVER + "health/ready");

            assertEquals(503, down.status(), down::toString);
            assertEquals("DOWN", down.object().getString("status"));
            assertEquals(Map.of("job-repository", "UP", "job-log-folder", "DOWN", "search-indexes", "UP"),
                    statuses(down.object()));
            String cause = check(down.object(), "job-log-folder").getJsonObject("data").getString("cause");
            assertEquals("The job-log folder " + JOB_LOGS + " cannot be written: java.nio.file."
                    + "FileAlreadyExistsException: " + JOB_LOGS, cause);
            ApiResponse live = BatchApi.anonymous().getUrl(SERVER + "health/live");
            assertEquals(200, live.status(), "a folder that cannot be written is no reason to restart: " + live);
        } finally {
            Files.deleteIfExists(JOB_LOGS);
            if (existed) {
                Files.move(aside, JOB_LOGS);
            }
        }

        ApiResponse up = BatchApi.anonymous().getUrl(SERVER + "health/ready");
        assertEquals(200, up.status(), up::toString);
        assertEquals("UP", up.object().getString("status"));
        assertFalse(Files.exists(aside));
    }

    private static Map<String, String> statuses(JsonObject health) {
        Map<String, String> statuses = new TreeMap<>();
        health.getJsonArray("checks").getValuesAs(JsonObject.class)
                .forEach(check -> statuses.put(check.getString("name"), check.getString("status")));
        return statuses;
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
