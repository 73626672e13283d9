package it.cli;

import it.cli.BatchManagerProcess.Result;
import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static it.cli.BatchManagerProcess.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a batchManager client printed, read the same way for this project's client and Liberty's: message lines
 * (Liberty's timestamp and a {@code CWWKY01xxI} message), the JSON records of CWWKY0106I/0107I lines, and zip files.
 */
final class CliOutput {

    private CliOutput() {
    }

    /**
     * A message line is Liberty's timestamp, one space, and exactly this text. Liberty's client writes some ids
     * with grouping separators ({@code 3,425}) and some without: both are read as the plain number.
     */
    static void assertLine(String line, String message) {
        String ungrouped = line.replaceAll("(\\d),(?=\\d{3}\\b)", "$1");
        assertTrue(ungrouped.matches(TIMESTAMP + Pattern.quote(message)), () -> "expected [timestamp] " + message
                + "\n but was " + line);
    }

    /** The JSON of a CWWKY0106I/0107I line. */
    static JsonObject record(String line, String prefix) {
        assertTrue(line.matches(TIMESTAMP + Pattern.quote(prefix) + "\\{.*}"), () -> prefix + " line: " + line);
        try (JsonReader reader = Json.createReader(new StringReader(line.substring(line.indexOf(prefix)
                + prefix.length())))) {
            return reader.readObject();
        }
    }

    /** The instance ids of a listing: every standard output line is a CWWKY0106I record. */
    /** A client ended while it waited for a job: it says so, submits a stop, and the job ends STOPPED. */
    static void assertStoppedOnShutdown(Result result, long instanceId) {
        assertTrue(result.out().stream().anyMatch(line -> line.matches(TIMESTAMP + Pattern.quote(
                "CWWKY0116I: The client utility was shut down while waiting for job sleepyBatchlet with instance ID "
                        + instanceId + " to finish."))), result::toString);
        assertTrue(result.out().stream().anyMatch(line -> line.matches(TIMESTAMP + Pattern.quote(
                "CWWKY0104I: A stop request has been submitted for job sleepyBatchlet with instance ID " + instanceId
                        + "."))), result::toString);
        assertEquals("STOPPED", Jobs.awaitFinal(instanceId).getString("instanceState"));
    }

    static List<Long> instanceIds(Result result) {
        return result.out().stream().map(line -> record(line, "CWWKY0106I: JobInstance:")
                .getJsonNumber("instanceId").longValue()).toList();
    }

    /** A resource of the API as a client prints it: without its links. */
    static JsonObject withoutLinks(JsonObject json) {
        return Json.createObjectBuilder(json).remove("_links").build();
    }

    /** The most recent execution of an instance, as the API answers it. */
    static JsonObject latestExecution(long instanceId) {
        ApiResponse executions = BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions");
        assertEquals(200, executions.status(), executions::toString);
        return executions.array().getJsonObject(0);
    }

    /** The entry names of a zip file, each of which must have content. */
    static List<String> zipEntries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                assertTrue(in.readAllBytes().length > 0, entry.getName());
            }
        }
        return names;
    }
}
