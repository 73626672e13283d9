package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static it.support.BatchApi.CONTEXT_ROOT;
import static it.support.BatchApi.ROOT;
import static it.support.JsonShapes.EXECUTION_FIELDS;
import static it.support.JsonShapes.INSTANCE_FIELDS;
import static it.support.JsonShapes.assertDate;
import static it.support.JsonShapes.assertFields;
import static it.support.JsonShapes.assertProblem;
import static it.support.JsonShapes.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read endpoints of job instances and job executions (docs/contract.md §1–§3): the API root, the v1 list with its
 * paging headers, one instance, its executions by id, by sequence number and as a list, and the links of every one of
 * them in every version.
 */
class JobReadIT {

    static final BatchApi ADMIN = BatchApi.as("admin");

    /** The list call asks for everything the tests created in one page (the build's database is fresh). */
    private static final int BIG_PAGE = 1000;

    private static final DateTimeFormatter API_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS Z");
    private static final Pattern LINK_VALUE = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]*)\"");

    /** A completed sleepyBatchlet run, submitted by submitter1 with three parameters. */
    private static long instanceId;
    private static long executionId;
    private static long stepExecutionId;

    @BeforeAll
    static void runOneSleepyJob() {
        instanceId = Jobs.submit("submitter1", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "exitStatus", "READ_EXIT", "logLines", "1"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        JsonObject execution = ok(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/0")).object();
        executionId = number(execution, "executionId");
        stepExecutionId = number(execution.getJsonArray("stepExecutions").getJsonObject(0), "stepExecutionId");
    }

    // ---------------------------------------------------------------------------------------------- root

    @ParameterizedTest
    @ValueSource(strings = {"", "v1/", "v2/", "v3/", "v4/"})
    void theRootLinksToTheJobInstancesOfItsOwnVersion(String version) {
        JsonObject root = ok(ADMIN.get(version)).object();

        assertEquals(List.of("_links"), List.copyOf(root.keySet()));
        assertEquals(List.of("job instance " + ROOT + version + "jobinstances"), links(root));
    }

    @Test
    void anUnknownVersionSegmentIsNotFound() {
        assertProblem(ADMIN.get("v5/jobinstances"), 404);
    }

    // ---------------------------------------------------------------------------------------------- v1 list

    @Test
    void theListShowsTheNewestInstancesFirst() {
        long first = submitQuickJob();
        long second = submitQuickJob();
        long third = submitQuickJob();
        awaitCompleted(first, second, third);

        for (String path : List.of("jobinstances?pageSize=" + BIG_PAGE, "v1/jobinstances?pageSize=" + BIG_PAGE)) {
            List<Long> ids = instanceIds(ok(ADMIN.get(path)).array());
            assertTrue(ids.indexOf(third) >= 0 && ids.indexOf(second) >= 0 && ids.indexOf(first) >= 0,
                    () -> path + " lists " + ids);
            // Submitted one after the other: the later one has an equal or later createTime and a higher id, and the
            // list is ordered by createTime descending, then id descending.
            assertTrue(ids.indexOf(third) < ids.indexOf(second), () -> path + ": " + ids);
            assertTrue(ids.indexOf(second) < ids.indexOf(first), () -> path + ": " + ids);
            assertTrue(third > second && second > first);
        }
        // Without a page size, the first page of 50 starts with the newest instances too.
        List<Long> firstPage = instanceIds(ok(ADMIN.get("jobinstances")).array());
        assertTrue(firstPage.size() <= 50, () -> "default page size 50, got " + firstPage.size());
        assertTrue(firstPage.indexOf(third) >= 0 && firstPage.indexOf(third) < firstPage.indexOf(first),
                () -> firstPage.toString());
    }

    @Test
    void pagesOfTwoDoNotOverlapAndConcatenateToTheOrderOfOneBigPage() {
        awaitCompleted(submitQuickJob(), submitQuickJob(), submitQuickJob());
        int window = 20;

        ApiResponse big = ok(ADMIN.get("v1/jobinstances?pageSize=" + window));
        long total = totalCount(big);
        List<Long> newest = instanceIds(big.array());
        assertEquals(Math.min(window, total), newest.size());
        assertEquals(newest.size(), new HashSet<>(newest).size(), () -> "duplicates in " + newest);
        assertTrue(total >= 3);

        List<Long> concatenated = new ArrayList<>();
        int lastPage = (int) ((total + 1) / 2) - 1;
        for (int page = 0; page < newest.size() / 2; page++) {
            ApiResponse response = ok(ADMIN.get("v1/jobinstances?page=" + page + "&pageSize=2"));
            assertEquals(total, totalCount(response), "X-Total-Count of page " + page);
            List<Long> ids = instanceIds(response.array());
            assertEquals(2, ids.size(), "size of page " + page);
            concatenated.addAll(ids);

            Map<String, String> expected = new LinkedHashMap<>();
            if (page < lastPage) {
                expected.put("next", pageUrl("v1/jobinstances", Map.of("pageSize", "2", "after", CURSOR)));
            }
            if (page > 0) {
                expected.put("prev", pageUrl("v1/jobinstances", Map.of("pageSize", "2", "page", "" + (page - 1))));
            }
            assertEquals(expected, normalized(pageLinks(response)), "Link header of page " + page);
        }
        assertEquals(newest.subList(0, concatenated.size()), concatenated);

        ApiResponse pastTheEnd = ok(ADMIN.get("v1/jobinstances?page=" + (lastPage + 3) + "&pageSize=2"));
        assertEquals(List.of(), pastTheEnd.array());
        assertEquals(total, totalCount(pastTheEnd));
    }

    @Test
    void oneCompletePageHasNoNextOrPrevLink() {
        ApiResponse all = ok(ADMIN.get("v4/jobinstances?jobInstanceId=" + submitQuickJob() + "&pageSize=10"));

        assertEquals(1, all.array().size());
        assertEquals(1, totalCount(all));
        assertFalse(all.header("Link").isPresent(), () -> "Link on a complete page: " + all.header("Link"));
    }

    @Test
    void theNextLinkOfTheFirstPageKeepsTheOtherQueryParameters() {
        awaitCompleted(submitQuickJob(), submitQuickJob(), submitQuickJob());

        ApiResponse first = ok(ADMIN.get("jobinstances?pageSize=2&permitRedirect=false"));

        assertEquals(2, first.array().size());
        assertTrue(totalCount(first) >= 3);
        assertEquals(Map.of("next", pageUrl("jobinstances", Map.of("pageSize", "2", "permitRedirect", "false",
                "after", CURSOR))), normalized(pageLinks(first)));
    }

    @Test
    void followingTheNextLinksVisitsTheInstancesOfTheBigPageOnceInOrderAndPrevGoesBackByPage() {
        awaitCompleted(submitQuickJob(), submitQuickJob(), submitQuickJob(), submitQuickJob(), submitQuickJob());
        List<Long> newest = instanceIds(ok(ADMIN.get("v1/jobinstances?pageSize=9")).array());

        List<Long> followed = new ArrayList<>();
        ApiResponse page = ok(ADMIN.get("v1/jobinstances?pageSize=3"));
        for (int number = 0; number < 3; number++) {
            followed.addAll(instanceIds(page.array()));
            Map<String, String> links = pageLinks(page);
            if (number > 0) {
                assertEquals(pageUrl("v1/jobinstances", Map.of("pageSize", "3", "page", "" + (number - 1))),
                        normalized(links).get("prev"), "prev of page " + number);
            }
            page = ok(ADMIN.getUrl(links.get("next")));
        }

        assertEquals(newest, followed);
        ApiResponse otherOrder = ADMIN.get("v4/jobinstances?sort=submitter&"
                + pageLinks(ok(ADMIN.get("v4/jobinstances?pageSize=3"))).get("next").replaceAll(".*[?&](after=[^&]+).*", "$1"));
        assertEquals(400, otherOrder.status(), otherOrder::toString);
        assertEquals("after", otherOrder.object().getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        ApiResponse forged = ADMIN.get("v1/jobinstances?after=not-a-cursor");
        assertEquals(400, forged.status(), forged::toString);
        assertTrue(forged.object().getString("detail").startsWith("The after value not-a-cursor is not a cursor"),
                forged::toString);
    }

    @Test
    void aPagePastTheEndIsAnEmptyArray() {
        ApiResponse all = ok(ADMIN.get("jobinstances?pageSize=" + BIG_PAGE));
        long total = totalCount(all);

        ApiResponse past = ok(ADMIN.get("jobinstances?page=" + (total + 1) + "&pageSize=1"));

        assertEquals(List.of(), past.array());
        assertEquals(total, totalCount(past));
        assertTrue(past.body().equals("[\n]") || past.body().equals("[\n]\n"), () -> "empty array layout: " + past.body());
    }

    @Test
    void everyListedInstanceHasTheInstanceFieldsAndOneExecutionLinkPerExecutionMostRecentFirst() {
        long restarted = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(restarted).getString("instanceState"));
        ApiResponse restart = ADMIN.putJson("jobinstances/" + restarted + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\",\"logLines\":\"1\"}}");
        assertEquals(200, restart.status(), restart::toString);
        assertEquals("COMPLETED", Jobs.awaitFinal(restarted).getString("instanceState"));

        JsonArray list = ok(ADMIN.get("jobinstances?pageSize=" + BIG_PAGE)).array();

        for (JsonValue item : list) {
            assertFields(INSTANCE_FIELDS, item.asJsonObject());
            assertDate(item.asJsonObject().getString("lastUpdatedTime"));
        }
        JsonObject twice = find(list, restarted);
        assertEquals(List.of("self " + ROOT + "jobinstances/" + restarted,
                "job logs " + ROOT + "jobinstances/" + restarted + "/joblogs",
                "job execution " + ROOT + "jobinstances/" + restarted + "/jobexecutions/1",
                "job execution " + ROOT + "jobinstances/" + restarted + "/jobexecutions/0"), links(twice));
        assertEquals("COMPLETED", twice.getString("batchStatus"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs",
                "job execution " + ROOT + "jobinstances/" + instanceId + "/jobexecutions/0"),
                links(find(list, instanceId)));

        JsonArray executions = ok(ADMIN.get("jobinstances/" + restarted + "/jobexecutions")).array();
        assertEquals(2, executions.size());
        JsonObject latest = executions.getJsonObject(0);
        JsonObject earlier = executions.getJsonObject(1);
        assertTrue(number(latest, "executionId") > number(earlier, "executionId"), executions::toString);
        assertEquals("COMPLETED", latest.getString("batchStatus"));
        assertEquals("FAILED", earlier.getString("batchStatus"));
        assertEquals(Map.of("sleepSeconds", "0", "logLines", "1"), strings(latest.getJsonObject("jobParameters")));
        assertEquals(latest, ok(ADMIN.get("jobinstances/" + restarted + "/jobexecutions/1")).object());
        assertEquals(earlier, ok(ADMIN.get("jobinstances/" + restarted + "/jobexecutions/0")).object());
        assertEquals(latest, ok(ADMIN.get("jobinstances/" + restarted + "/jobexecnum/1")).object());
    }

    // ---------------------------------------------------------------------------------------------- one instance

    @Test
    void oneInstanceShowsItsNameApplicationSubmitterStatesAndLinks() {
        ApiResponse response = ok(ADMIN.get("jobinstances/" + instanceId));

        JsonObject instance = response.object();
        assertFields(INSTANCE_FIELDS, instance);
        assertEquals("sleepyBatchlet", instance.getString("jobName"));
        assertEquals(instanceId, number(instance, "instanceId"));
        assertEquals("batch-rest#batch-rest.war", instance.getString("appName"));
        assertEquals("submitter1", instance.getString("submitter"));
        assertEquals("COMPLETED", instance.getString("batchStatus"));
        assertEquals("sleepyBatchlet", instance.getString("jobXMLName"));
        assertEquals("COMPLETED", instance.getString("instanceState"));
        assertDate(instance.getString("lastUpdatedTime"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs",
                "job execution " + ROOT + "jobinstances/" + instanceId + "/jobexecutions/0"), links(instance));
    }

    // ---------------------------------------------------------------------------------------------- executions

    @Test
    void anExecutionShowsItsFieldsParametersStepsAndLinks() {
        JsonObject execution = ok(ADMIN.get("jobexecutions/" + executionId)).object();

        assertFields(EXECUTION_FIELDS, execution);
        assertEquals("sleepyBatchlet", execution.getString("jobName"));
        assertEquals(executionId, number(execution, "executionId"));
        assertEquals(instanceId, number(execution, "instanceId"));
        assertEquals("COMPLETED", execution.getString("batchStatus"));
        assertEquals("READ_EXIT", execution.getString("exitStatus"));
        Instant created = date(execution.getString("createTime"));
        Instant started = date(execution.getString("startTime"));
        Instant ended = date(execution.getString("endTime"));
        Instant updated = date(execution.getString("lastUpdatedTime"));
        assertFalse(started.isBefore(created), execution::toString);
        assertFalse(ended.isBefore(started), execution::toString);
        assertFalse(updated.isBefore(ended), execution::toString);

        JsonObject parameters = execution.getJsonObject("jobParameters");
        assertEquals(Map.of("sleepSeconds", "0", "exitStatus", "READ_EXIT", "logLines", "1"), strings(parameters));

        String restUrl = execution.getString("restUrl");
        assertTrue(restUrl.startsWith("https://"), restUrl);
        assertTrue(restUrl.endsWith(CONTEXT_ROOT + "/"), restUrl);
        assertFalse(execution.getString("serverId").isEmpty());
        assertEquals(JsonValue.ValueType.STRING, execution.get("logpath").getValueType());

        JsonArray steps = execution.getJsonArray("stepExecutions");
        assertEquals(1, steps.size());
        JsonObject step = steps.getJsonObject(0);
        assertEquals(List.of("stepExecutionId", "stepName", "batchStatus", "exitStatus", "stepExecution"),
                List.copyOf(step.keySet()));
        assertEquals(stepExecutionId, number(step, "stepExecutionId"));
        assertEquals("step1", step.getString("stepName"));
        assertEquals("COMPLETED", step.getString("batchStatus"));
        assertEquals("COMPLETED", step.getString("exitStatus"));
        assertEquals(ROOT + "jobexecutions/" + executionId + "/stepexecutions/step1", step.getString("stepExecution"));

        assertEquals(List.of("self " + ROOT + "jobexecutions/" + executionId,
                "job instance " + ROOT + "jobinstances/" + instanceId,
                "step executions " + ROOT + "jobexecutions/" + executionId + "/stepexecutions",
                "job logs " + restUrl + "jobexecutions/" + executionId + "/joblogs",
                "stop url " + restUrl + "jobexecutions/" + executionId + "?action=stop"), links(execution));
    }

    @Test
    void theExecutionIsTheSameByIdBySequenceNumberByItsAliasAndInTheInstancesList() {
        String byId = ok(ADMIN.get("jobexecutions/" + executionId)).body();
        String byNumber = ok(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/0")).body();
        String byAlias = ok(ADMIN.get("jobinstances/" + instanceId + "/jobexecnum/0")).body();
        JsonArray list = ok(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions")).array();

        assertEquals(byId, byNumber);
        assertEquals(byId, byAlias);
        assertEquals(1, list.size());
        assertFields(EXECUTION_FIELDS, list.getJsonObject(0));
        assertEquals(ok(ADMIN.get("jobexecutions/" + executionId)).object(), list.getJsonObject(0));
    }

    @Test
    void theInstanceOfAnExecutionLinksOnlyToItselfAndItsLogs() {
        JsonObject ofExecution = ok(ADMIN.get("jobexecutions/" + executionId + "/jobinstance")).object();
        JsonObject instance = ok(ADMIN.get("jobinstances/" + instanceId)).object();

        assertFields(INSTANCE_FIELDS, ofExecution);
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs"), links(ofExecution));
        for (String field : INSTANCE_FIELDS.subList(0, INSTANCE_FIELDS.size() - 1)) {
            assertEquals(instance.get(field), ofExecution.get(field), field);
        }
    }

    @Test
    void unknownInstancesAndExecutionsAreNotFound() {
        assertProblem(ADMIN.get("jobinstances/" + Long.MAX_VALUE), 404);
        assertProblem(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/1"), 404);
        assertProblem(ADMIN.get("jobinstances/" + instanceId + "/jobexecnum/1"), 404);
        assertProblem(ADMIN.get("jobexecutions/" + Long.MAX_VALUE), 404);
        assertProblem(ADMIN.get("jobexecutions/" + Long.MAX_VALUE + "/jobinstance"), 404);
    }

    // ---------------------------------------------------------------------------------------------- versions

    @ParameterizedTest
    @ValueSource(strings = {"", "v1/", "v2/", "v3/", "v4/"})
    void instanceAndExecutionLinksKeepTheVersionOfTheRequest(String version) {
        String v = ROOT + version;
        List<String> instanceLinks = List.of("self " + v + "jobinstances/" + instanceId,
                "job logs " + v + "jobinstances/" + instanceId + "/joblogs",
                "job execution " + v + "jobinstances/" + instanceId + "/jobexecutions/0");
        assertEquals(instanceLinks, links(ok(ADMIN.get(version + "jobinstances/" + instanceId)).object()));
        assertEquals(instanceLinks.subList(0, 2),
                links(ok(ADMIN.get(version + "jobexecutions/" + executionId + "/jobinstance")).object()));

        JsonObject execution = ok(ADMIN.get(version + "jobexecutions/" + executionId)).object();
        String restUrl = execution.getString("restUrl");
        List<String> executionLinks = List.of("self " + v + "jobexecutions/" + executionId,
                "job instance " + v + "jobinstances/" + instanceId,
                "step executions " + v + "jobexecutions/" + executionId + "/stepexecutions",
                "job logs " + restUrl + version + "jobexecutions/" + executionId + "/joblogs",
                "stop url " + restUrl + version + "jobexecutions/" + executionId + "?action=stop");
        assertEquals(ROOT, restUrl);
        assertEquals(executionLinks, links(execution));
        assertEquals(v + "jobexecutions/" + executionId + "/stepexecutions/step1",
                execution.getJsonArray("stepExecutions").getJsonObject(0).getString("stepExecution"));
        assertEquals(executionLinks,
                links(ok(ADMIN.get(version + "jobinstances/" + instanceId + "/jobexecutions/0")).object()));
        assertEquals(executionLinks,
                links(ok(ADMIN.get(version + "jobinstances/" + instanceId + "/jobexecnum/0")).object()));
        assertEquals(executionLinks,
                links(ok(ADMIN.get(version + "jobinstances/" + instanceId + "/jobexecutions")).array()
                        .getJsonObject(0)));
    }

    @Test
    void theV1ListLinksKeepTheVersion() {
        JsonObject item = find(ok(ADMIN.get("v1/jobinstances?pageSize=" + BIG_PAGE)).array(), instanceId);

        assertEquals(List.of("self " + ROOT + "v1/jobinstances/" + instanceId,
                "job logs " + ROOT + "v1/jobinstances/" + instanceId + "/joblogs",
                "job execution " + ROOT + "v1/jobinstances/" + instanceId + "/jobexecutions/0"), links(item));
    }

    // ---------------------------------------------------------------------------------------------- layout

    @Test
    void anInstanceIsPrettyPrintedWithLibertysLayout() {
        ApiResponse response = ok(ADMIN.get("jobinstances/" + instanceId));
        String updated = response.object().getString("lastUpdatedTime");
        String i = ROOT + "jobinstances/" + instanceId;

        String expected = """
                {
                    "jobName": "sleepyBatchlet",
                    "instanceId": %d,
                    "appName": "batch-rest#batch-rest.war",
                    "submitter": "submitter1",
                    "batchStatus": "COMPLETED",
                    "jobXMLName": "sleepyBatchlet",
                    "instanceState": "COMPLETED",
                    "lastUpdatedTime": "%s",
                    "_links": [
                        {
                            "rel": "self",
                            "href": "%s"
                        },
                        {
                            "rel": "job logs",
                            "href": "%s/joblogs"
                        },
                        {
                            "rel": "job execution",
                            "href": "%s/jobexecutions/0"
                        }
                    ]
                }""".formatted(instanceId, updated, i, i, i);
        assertLayout(expected, response.body());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Asserts a success response: 200 and {@code application/json; charset=UTF-8} (docs/contract.md §1). */
    static ApiResponse ok(ApiResponse response) {
        assertEquals(200, response.status(), response::toString);
        assertEquals("application/json;charset=utf-8",
                response.contentType().replace(" ", "").toLowerCase(Locale.ROOT), "Content-Type");
        return response;
    }

    /** A field that must be a JSON number. */
    static long number(JsonObject object, String field) {
        assertEquals(JsonValue.ValueType.NUMBER, object.get(field).getValueType(), () -> field + " of " + object);
        return object.getJsonNumber(field).longValueExact();
    }

    /** A date of the API as an instant, asserting its format. */
    static Instant date(String value) {
        assertDate(value);
        return OffsetDateTime.parse(value, API_DATE).toInstant();
    }

    /** An object whose values must all be JSON strings, as a map. */
    static Map<String, String> strings(JsonObject object) {
        Map<String, String> result = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            assertEquals(JsonValue.ValueType.STRING, value.getValueType(), () -> name + " must be a string");
            result.put(name, object.getString(name));
        });
        return result;
    }

    /** The body is exactly {@code expected} (4-space indentation, {@code "key": value}); a final newline is allowed. */
    static void assertLayout(String expected, String body) {
        assertEquals(expected, body.endsWith("\n") ? body.substring(0, body.length() - 1) : body);
    }

    private static long submitQuickJob() {
        return Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "0"));
    }

    private static void awaitCompleted(long... ids) {
        for (long id : ids) {
            assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"), "instance " + id);
        }
    }

    private static List<Long> instanceIds(JsonArray instances) {
        List<Long> ids = new ArrayList<>();
        for (JsonValue item : instances) {
            ids.add(number(item.asJsonObject(), "instanceId"));
        }
        return ids;
    }

    private static JsonObject find(JsonArray instances, long id) {
        for (JsonValue item : instances) {
            if (item.asJsonObject().getJsonNumber("instanceId").longValue() == id) {
                return item.asJsonObject();
            }
        }
        throw new AssertionError("instance " + id + " is not listed");
    }

    private static long totalCount(ApiResponse response) {
        return Long.parseLong(response.header("X-Total-Count")
                .orElseThrow(() -> new AssertionError("no X-Total-Count on " + response)));
    }

    /** The RFC 8288 Link header values as rel → URL (there may be one header with a comma list, or several). */
    private static Map<String, String> pageLinks(ApiResponse response) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String header : response.headers().allValues("Link")) {
            Matcher matcher = LINK_VALUE.matcher(header);
            int count = 0;
            while (matcher.find()) {
                count++;
                assertEquals(null, result.put(matcher.group(2), matcher.group(1)), () -> "rel twice: " + header);
            }
            int found = count;
            assertTrue(found > 0, () -> "not a Link header: " + header);
        }
        return result;
    }

    /** Link URLs with their query parameters in a fixed order, so that the order in which they are sent is free. */
    private static Map<String, String> normalized(Map<String, String> links) {
        Map<String, String> result = new LinkedHashMap<>();
        links.forEach((rel, url) -> {
            URI uri = URI.create(url);
            Map<String, String> query = new java.util.TreeMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int equals = pair.indexOf('=');
                    String name = pair.substring(0, equals);
                    assertEquals(null, query.put(name, name.equals("after") ? CURSOR : pair.substring(equals + 1)),
                            () -> "parameter twice in " + url);
                }
            }
            result.put(rel, url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?')) + "?" + query);
        });
        return result;
    }

    /** What {@link #normalized} shows for a cursor, whose value only the server reads. */
    private static final String CURSOR = "<cursor>";

    private static String pageUrl(String path, Map<String, String> query) {
        return ROOT + path + "?" + new java.util.TreeMap<>(query);
    }
}
