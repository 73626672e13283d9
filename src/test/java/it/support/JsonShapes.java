package it.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions on the exact shape of Liberty-compatible JSON: field order (as the API's description, {@link ApiContract},
 * gives it), link rels and hrefs, date format.
 */
public final class JsonShapes {

    /** {@code yyyy/MM/dd HH:mm:ss.SSS Z} (docs/contract.md §1). */
    public static final Pattern DATE = Pattern.compile("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} [+-]\\d{4}");

    // The fields of each representation come from the API's one description of them (ApiContract).

    public static final List<String> INSTANCE_FIELDS = ApiContract.fields("JobInstance");

    public static final List<String> EXECUTION_FIELDS = ApiContract.fields("JobExecution");

    public static final List<String> STEP_FIELDS = ApiContract.fields("StepExecution");

    public static final List<String> METRIC_NAMES = ApiContract.fields("StepMetrics");

    public static final List<String> PARTITION_FIELDS = ApiContract.fields("Partition");

    /** The members every problem has; invalidParams follows them where parameters were wrong. */
    public static final List<String> PROBLEM_FIELDS = ApiContract.requiredFields("Problem");

    public static final List<String> PURGE_RESULT_FIELDS = ApiContract.fields("PurgeResult");

    public static final List<String> STATUS_FIELDS = ApiContract.fields("JobStatus");

    public static final List<String> PROGRESS_FIELDS = ApiContract.fields("JobProgress");

    private JsonShapes() {
    }

    public static void assertFields(List<String> expected, JsonObject object) {
        assertEquals(expected, new ArrayList<>(object.keySet()), () -> "field order of " + object);
    }

    public static void assertDate(String value) {
        assertTrue(DATE.matcher(value).matches(), () -> "not a date of the API: '" + value + "'");
    }

    /** The {@code _links} of an object as "rel href" lines, for comparison with an expected list. */
    public static List<String> links(JsonObject object) {
        List<String> result = new ArrayList<>();
        for (JsonValue link : object.getJsonArray("_links")) {
            JsonObject entry = link.asJsonObject();
            assertEquals(List.of("rel", "href"), new ArrayList<>(entry.keySet()));
            result.add(entry.getString("rel") + " " + entry.getString("href"));
        }
        return result;
    }

    /** The metrics of a step or partition, asserting that every value is a JSON string. */
    public static List<String> metrics(JsonObject stepOrPartition) {
        JsonObject metrics = stepOrPartition.getJsonObject("metrics");
        assertEquals(METRIC_NAMES, new ArrayList<>(metrics.keySet()));
        List<String> values = new ArrayList<>();
        for (String name : METRIC_NAMES) {
            assertEquals(JsonValue.ValueType.STRING, metrics.get(name).getValueType(), name + " must be a string");
            values.add(metrics.getString(name));
        }
        return values;
    }

    /** Asserts a problem+json error body and returns its detail. */
    public static String assertProblem(ApiResponse response, int status) {
        assertEquals(status, response.status(), () -> "status of " + response);
        assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
        JsonObject problem = response.object();
        assertEquals(PROBLEM_FIELDS, new ArrayList<>(problem.keySet()).subList(0, PROBLEM_FIELDS.size()));
        assertEquals(status, problem.getInt("status"));
        assertEquals("about:blank", problem.getString("type"));
        String detail = problem.getString("detail");
        assertTrue(!detail.contains("Exception") && !detail.contains("\tat "), () -> "detail leaks internals: " + detail);
        return detail;
    }
}
