package it;

import it.support.ApiResponse;
import it.support.Jobs;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static it.JobReadIT.ADMIN;
import static it.JobReadIT.assertLayout;
import static it.JobReadIT.date;
import static it.JobReadIT.number;
import static it.JobReadIT.ok;
import static it.support.BatchApi.ROOT;
import static it.support.JsonShapes.PARTITION_FIELDS;
import static it.support.JsonShapes.STEP_FIELDS;
import static it.support.JsonShapes.assertFields;
import static it.support.JsonShapes.assertProblem;
import static it.support.JsonShapes.links;
import static it.support.JsonShapes.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The step execution arrays (docs/contract.md §2, §3): every endpoint that returns them, the metrics of a chunk step,
 * the partitions of a partitioned step, the steps of a split, the trailing links object and Liberty's byte layout.
 */
class StepExecutionIT {

    /**
     * chunkCopy with items=100, chunkSize=10, filterEvery=4: 100 read, every 4th filtered (25), 75 written. The
     * runtime commits 11 times: ten full chunks of 10, then an eleventh chunk whose first read finds the end of the
     * data and commits with nothing to write (as Liberty's reference shows: 25 items in chunks of 10 → 3 commits).
     */
    private static final List<String> CHUNK_METRICS = List.of("100", "75", "11", "0", "0", "0", "25", "0");
    private static final List<String> NO_METRICS = List.of("0", "0", "0", "0", "0", "0", "0", "0");

    private static long chunkInstance;
    private static long chunkExecution;
    private static long partitionedInstance;
    private static long partitionedExecution;
    private static long splitInstance;
    private static long splitExecution;

    @BeforeAll
    static void runTheChunkPartitionedAndSplitJobs() {
        chunkInstance = Jobs.submit("admin", "chunkCopy", Map.of("items", "100", "chunkSize", "10", "filterEvery", "4"));
        partitionedInstance = Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "4", "logLines", "1",
                "sleepSeconds", "0"));
        splitInstance = Jobs.submit("admin", "splitFlow", Map.of("logLines", "1"));
        chunkExecution = completedExecution(chunkInstance);
        partitionedExecution = completedExecution(partitionedInstance);
        splitExecution = completedExecution(splitInstance);
    }

    // ---------------------------------------------------------------------------------------------- chunk step

    @Test
    void everyStepEndpointReturnsTheSameArrayForTheChunkStep() {
        String all = ok(ADMIN.get("jobexecutions/" + chunkExecution + "/stepexecutions")).body();
        JsonArray steps = ok(ADMIN.get("jobexecutions/" + chunkExecution + "/stepexecutions")).array();
        long stepId = number(steps.getJsonObject(0), "stepExecutionId");

        assertEquals(all, ok(ADMIN.get("jobexecutions/" + chunkExecution + "/stepexecutions/copy")).body());
        assertEquals(all, ok(ADMIN.get("stepexecutions/" + stepId)).body());
        assertEquals(all, ok(ADMIN.get("jobinstances/" + chunkInstance + "/jobexecutions/0/stepexecutions/copy")).body());
        assertEquals(all, ok(ADMIN.get("jobinstances/" + chunkInstance + "/jobexecnum/0/stepexecutions/copy")).body());
    }

    @Test
    void theChunkStepShowsItsFieldsStringMetricsNoPartitionsAndTheTrailingLinks() {
        JsonArray array = ok(ADMIN.get("jobexecutions/" + chunkExecution + "/stepexecutions/copy")).array();

        assertEquals(2, array.size(), array::toString);
        JsonObject step = array.getJsonObject(0);
        assertFields(STEP_FIELDS, step);
        JsonObject summary = ok(ADMIN.get("jobexecutions/" + chunkExecution)).object()
                .getJsonArray("stepExecutions").getJsonObject(0);
        assertEquals(number(summary, "stepExecutionId"), number(step, "stepExecutionId"));
        assertEquals("copy", step.getString("stepName"));
        assertEquals(chunkExecution, number(step, "executionId"));
        assertEquals(chunkInstance, number(step, "instanceId"));
        assertEquals("COMPLETED", step.getString("batchStatus"));
        assertFalse(date(step.getString("endTime")).isBefore(date(step.getString("startTime"))), step::toString);
        assertEquals("COMPLETED", step.getString("exitStatus"));
        assertEquals(CHUNK_METRICS, metrics(step));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, step.getJsonArray("partitions"));

        assertTrailingLinks(array.getJsonObject(1), "", chunkExecution, chunkInstance);
    }

    @Test
    void theStepArrayIsPrettyPrintedWithLibertysLayout() {
        ApiResponse response = ok(ADMIN.get("jobexecutions/" + chunkExecution + "/stepexecutions"));
        JsonObject step = response.array().getJsonObject(0);

        String expected = """
                [
                    {
                        "stepExecutionId": %d,
                        "stepName": "copy",
                        "executionId": %d,
                        "instanceId": %d,
                        "batchStatus": "COMPLETED",
                        "startTime": "%s",
                        "endTime": "%s",
                        "exitStatus": "COMPLETED",
                        "metrics": {
                            "READ_COUNT": "100",
                            "WRITE_COUNT": "75",
                            "COMMIT_COUNT": "11",
                            "ROLLBACK_COUNT": "0",
                            "READ_SKIP_COUNT": "0",
                            "PROCESS_SKIP_COUNT": "0",
                            "FILTER_COUNT": "25",
                            "WRITE_SKIP_COUNT": "0"
                        },
                        "partitions": [
                        ]
                    },
                    {
                        "_links": [
                            {
                                "rel": "job execution",
                                "href": "%sjobexecutions/%d"
                            },
                            {
                                "rel": "job instance",
                                "href": "%sjobinstances/%d"
                            }
                        ]
                    }
                ]""".formatted(number(step, "stepExecutionId"), chunkExecution, chunkInstance,
                step.getString("startTime"), step.getString("endTime"), ROOT, chunkExecution, ROOT, chunkInstance);
        assertLayout(expected, response.body());
    }

    // ---------------------------------------------------------------------------------------------- partitions

    @Test
    void aPartitionedStepListsItsPartitionsInNumberOrder() {
        JsonObject execution = ok(ADMIN.get("jobexecutions/" + partitionedExecution)).object();
        JsonArray array = ok(ADMIN.get("jobexecutions/" + partitionedExecution + "/stepexecutions")).array();

        assertEquals(2, array.size(), array::toString);
        JsonObject step = array.getJsonObject(0);
        assertFields(STEP_FIELDS, step);
        assertEquals("step1", step.getString("stepName"));
        assertEquals(partitionedExecution, number(step, "executionId"));
        assertEquals(partitionedInstance, number(step, "instanceId"));
        assertEquals("COMPLETED", step.getString("batchStatus"));
        assertEquals("COMPLETED", step.getString("exitStatus"));
        assertEquals(NO_METRICS, metrics(step));

        JsonArray partitions = step.getJsonArray("partitions");
        assertEquals(4, partitions.size(), partitions::toString);
        for (int number = 0; number < 4; number++) {
            JsonObject partition = partitions.getJsonObject(number);
            assertFields(PARTITION_FIELDS, partition);
            assertEquals(number, number(partition, "partitionNumber"));
            assertEquals("COMPLETED", partition.getString("batchStatus"));
            assertFalse(date(partition.getString("endTime")).isBefore(date(partition.getString("startTime"))),
                    partition::toString);
            assertEquals("COMPLETED", partition.getString("exitStatus"));
            assertFalse(partition.getString("restUrl").isEmpty());
            assertFalse(partition.getString("serverId").isEmpty());
            // one server: every partition ran where its execution ran
            assertEquals(execution.getString("restUrl"), partition.getString("restUrl"));
            assertEquals(execution.getString("serverId"), partition.getString("serverId"));
            assertEquals(NO_METRICS, metrics(partition));
        }
        assertTrailingLinks(array.getJsonObject(1), "", partitionedExecution, partitionedInstance);
        assertEquals(array, ok(ADMIN.get("stepexecutions/" + number(step, "stepExecutionId"))).array());
        assertEquals(array, ok(ADMIN.get("jobinstances/" + partitionedInstance
                + "/jobexecutions/0/stepexecutions/step1")).array());
    }

    // ---------------------------------------------------------------------------------------------- split

    @Test
    void aSplitListsBothFlowStepsBeforeTheFinalStep() {
        JsonArray array = ok(ADMIN.get("jobexecutions/" + splitExecution + "/stepexecutions")).array();

        assertEquals(4, array.size(), array::toString);
        List<String> names = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Instant previousStart = Instant.MIN;
        for (int index = 0; index < 3; index++) {
            JsonObject step = array.getJsonObject(index);
            assertFields(STEP_FIELDS, step);
            names.add(step.getString("stepName"));
            ids.add(number(step, "stepExecutionId"));
            assertEquals(splitExecution, number(step, "executionId"));
            assertEquals(splitInstance, number(step, "instanceId"));
            assertEquals("COMPLETED", step.getString("batchStatus"));
            assertEquals(NO_METRICS, metrics(step));
            assertEquals(JsonValue.EMPTY_JSON_ARRAY, step.getJsonArray("partitions"));
            Instant start = date(step.getString("startTime"));
            assertFalse(start.isBefore(previousStart), "steps in start order: " + array);
            previousStart = start;
        }
        assertEquals(Set.of("flow1step", "flow2step"), Set.copyOf(names.subList(0, 2)));
        assertEquals("finalStep", names.get(2));
        assertTrailingLinks(array.getJsonObject(3), "", splitExecution, splitInstance);

        JsonArray summaries = ok(ADMIN.get("jobexecutions/" + splitExecution)).object().getJsonArray("stepExecutions");
        assertEquals(3, summaries.size(), summaries::toString);
        List<String> summaryNames = new ArrayList<>();
        for (JsonValue value : summaries) {
            JsonObject summary = value.asJsonObject();
            String name = summary.getString("stepName");
            summaryNames.add(name);
            assertEquals(ids.get(names.indexOf(name)), number(summary, "stepExecutionId"), name);
            assertEquals("COMPLETED", summary.getString("batchStatus"));
            assertEquals(ROOT + "jobexecutions/" + splitExecution + "/stepexecutions/" + name,
                    summary.getString("stepExecution"));
        }
        assertEquals(Set.of("flow1step", "flow2step"), Set.copyOf(summaryNames.subList(0, 2)));
        assertEquals("finalStep", summaryNames.get(2));

        for (String name : List.of("flow1step", "flow2step", "finalStep")) {
            JsonArray one = ok(ADMIN.get("jobexecutions/" + splitExecution + "/stepexecutions/" + name)).array();
            assertEquals(2, one.size());
            assertEquals(array.getJsonObject(names.indexOf(name)), one.getJsonObject(0));
            assertEquals(array.getJsonObject(3), one.getJsonObject(1));
        }
    }

    // ---------------------------------------------------------------------------------------------- not found

    @Test
    void anUnknownStepOfAnExistingExecutionIsNotFound() {
        assertProblem(ADMIN.get("jobexecutions/" + chunkExecution + "/stepexecutions/noSuchStep"), 404);
        assertProblem(ADMIN.get("jobinstances/" + chunkInstance + "/jobexecutions/0/stepexecutions/noSuchStep"), 404);
        assertProblem(ADMIN.get("stepexecutions/" + Long.MAX_VALUE), 404);
    }

    // ---------------------------------------------------------------------------------------------- versions

    @ParameterizedTest
    @ValueSource(strings = {"", "v1/", "v2/", "v3/", "v4/"})
    void stepLinksKeepTheVersionOfTheRequest(String version) {
        JsonArray all = ok(ADMIN.get(version + "jobexecutions/" + chunkExecution + "/stepexecutions")).array();
        long stepId = number(all.getJsonObject(0), "stepExecutionId");

        assertTrailingLinks(all.getJsonObject(1), version, chunkExecution, chunkInstance);
        assertEquals(all, ok(ADMIN.get(version + "jobexecutions/" + chunkExecution + "/stepexecutions/copy")).array());
        assertEquals(all, ok(ADMIN.get(version + "stepexecutions/" + stepId)).array());
        assertEquals(all, ok(ADMIN.get(version + "jobinstances/" + chunkInstance
                + "/jobexecutions/0/stepexecutions/copy")).array());
        assertEquals(ROOT + version + "jobexecutions/" + chunkExecution + "/stepexecutions/copy",
                ok(ADMIN.get(version + "jobexecutions/" + chunkExecution)).object().getJsonArray("stepExecutions")
                        .getJsonObject(0).getString("stepExecution"));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static long completedExecution(long instanceId) {
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"), "instance " + instanceId);
        return number(ok(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/0")).object(), "executionId");
    }

    private static void assertTrailingLinks(JsonObject trailing, String version, long executionId, long instanceId) {
        assertEquals(List.of("_links"), List.copyOf(trailing.keySet()));
        assertEquals(List.of("job execution " + ROOT + version + "jobexecutions/" + executionId,
                "job instance " + ROOT + version + "jobinstances/" + instanceId), links(trailing));
    }
}
