package it.support;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Submitting sample jobs and waiting for them, by polling with a deadline (never a fixed sleep). */
public final class Jobs {

    public static final Set<String> FINAL_STATES = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Jobs() {
    }

    /** The JSON body of a packaged-JSL submission of the sample application. */
    public static String submission(String jobXmlName, Map<String, String> parameters) {
        String params = parameters.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"" + jobXmlName + "\",\"jobParameters\":"
                + params + "}";
    }

    /** Submits a sample job as {@code user}, asserts 201, and returns the instance id. */
    public static long submit(String user, String jobXmlName, Map<String, String> parameters) {
        ApiResponse response = BatchApi.as(user).postJson("jobinstances", submission(jobXmlName, parameters));
        assertEquals(201, response.status(), () -> "submit " + jobXmlName + ": " + response);
        return response.object().getJsonNumber("instanceId").longValue();
    }

    /**
     * A sleepyBatchlet that ends at once after writing {@code logLines} lines, with job parameter {@code tag} for
     * searches to find it; {@code extra}: more parameters as name, value pairs (e.g. "forceFailure", "true").
     */
    public static long submitQuick(String user, String tag, int logLines, String... extra) {
        Map<String, String> parameters = new HashMap<>(Map.of("sleepSeconds", "0", "logLines",
                String.valueOf(logLines), "tag", tag));
        for (int i = 0; i < extra.length; i += 2) {
            parameters.put(extra[i], extra[i + 1]);
        }
        return submit(user, "sleepyBatchlet", parameters);
    }

    /**
     * Submits, as admin, an inline copy of sleepyBatchlet under its own job id (= job name, and the name of its job
     * log directory) and returns the instance id. Parameters as for sleepyBatchlet: sleepSeconds, forceFailure,
     * logLines.
     */
    public static long submitInline(String jobId, Map<String, String> parameters) {
        return submitInline(BatchApi.as("admin"), jobId, parameters);
    }

    /** {@link #submitInline(String, Map)} through {@code api}: its caller, at its server. */
    public static long submitInline(BatchApi api, String jobId, Map<String, String> parameters) {
        String jsl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<job id=\"" + jobId + "\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"step1\"><batchlet ref=\"sleepyBatchlet\"><properties>"
                + "<property name=\"sleepSeconds\" value=\"#{jobParameters['sleepSeconds']}?:0;\"/>"
                + "<property name=\"forceFailure\" value=\"#{jobParameters['forceFailure']}?:false;\"/>"
                + "<property name=\"logLines\" value=\"#{jobParameters['logLines']}?:2;\"/>"
                + "</properties></batchlet></step></job>";
        String params = parameters.entrySet().stream().map(p -> "\"" + p.getKey() + "\":\"" + p.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        ApiResponse response = api.postJson("jobinstances", "{\"applicationName\":\"batch-rest\","
                + "\"jobParameters\":" + params + ",\"jobXML\":\"" + jsl.replace("\"", "\\\"") + "\"}");
        assertEquals(201, response.status(), response::toString);
        assertEquals(jobId, response.object().getString("jobName"));
        return response.object().getJsonNumber("instanceId").longValue();
    }

    /** Waits until the instance reaches one of the final states and returns it. */
    /**
     * Waits until the instance is final and so is its latest execution: the runtime writes the instance's final
     * state a moment before the execution's end, and the API reads without locks, so a test that goes on to read the
     * execution would otherwise race that write.
     */
    public static JsonObject awaitFinal(long instanceId) {
        return awaitInstance(instanceId, instance -> FINAL_STATES.contains(instance.getString("instanceState"))
                && latestExecutionEnded(instanceId), "a final state");
    }

    /** Whether the latest execution, if any, has a final batch status (their names are the final states'). */
    private static boolean latestExecutionEnded(long instanceId) {
        ApiResponse executions = BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions");
        return executions.status() == 200 && (executions.array().isEmpty()
                || FINAL_STATES.contains(executions.array().getJsonObject(0).getString("batchStatus")));
    }

    public static void awaitAllFinal(long... instanceIds) {
        for (long instanceId : instanceIds) {
            awaitFinal(instanceId);
        }
    }

    /** Waits until the instance has the given state (and, for a final one, its latest execution has ended). */
    public static JsonObject awaitState(long instanceId, String instanceState) {
        return awaitInstance(instanceId, instance -> instanceState.equals(instance.getString("instanceState"))
                && (!FINAL_STATES.contains(instanceState) || latestExecutionEnded(instanceId)), instanceState);
    }

    /** Waits until the instance's latest execution has the given batch status (e.g. STARTED). */
    public static JsonObject awaitLatestExecution(long instanceId, String batchStatus) {
        return await(() -> {
            ApiResponse executions = BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions");
            if (executions.status() != 200 || executions.array().isEmpty()) {
                return null;
            }
            JsonObject latest = executions.array().getJsonObject(0);
            return batchStatus.equals(latest.getString("batchStatus")) ? latest : null;
        }, "instance " + instanceId + " latest execution " + batchStatus);
    }

    /** Stops an instance if it is still running and waits until it is final: cleanup after a test. */
    public static void stopIfRunning(long instanceId) {
        BatchApi admin = BatchApi.as("admin");
        ApiResponse instance = admin.get("jobinstances/" + instanceId);
        if (instance.status() == 200 && !FINAL_STATES.contains(instance.object().getString("instanceState"))) {
            admin.put("jobinstances/" + instanceId + "?action=stop");
            awaitFinal(instanceId);
        }
    }

    private static JsonObject awaitInstance(long instanceId, Predicate<JsonObject> condition, String what) {
        return await(() -> {
            ApiResponse response = BatchApi.as("admin").get("jobinstances/" + instanceId);
            return response.status() == 200 && condition.test(response.object()) ? response.object() : null;
        }, "instance " + instanceId + " to reach " + what);
    }

    /** Polls {@code probe} every 100 ms until it returns a value, or fails after the timeout. */
    public static <T> T await(java.util.function.Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + DEFAULT_TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
