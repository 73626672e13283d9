package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Purge of a single job instance, {@code DELETE jobinstances/{i}} (docs/contract.md §3, §7, §9). */
class PurgeIT {

    private static final BatchApi ADMIN = BatchApi.as("admin");

    /** Long-running instances started by the current test; stopped after it whatever its outcome. */
    private final List<Long> longRunning = new ArrayList<>();

    @AfterEach
    void stopLongRunningJobs() {
        longRunning.forEach(Jobs::stopIfRunning);
    }

    @Test
    void purgingACompletedInstanceAnswers200WithAnEmptyBodyAndRemovesItsInstanceExecutionAndSteps() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);
        assertEquals(1, ids.executions.size());
        assertEquals(1, ids.steps.size());
        assertEquals(200, ADMIN.get("stepexecutions/" + ids.steps.get(0)).status());

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertEquals("CWWKY0151E: No job instance found for instance id " + instanceId + ".",
                assertProblem(ADMIN.get("jobinstances/" + instanceId), 404));
        assertEquals("No job execution found for execution id " + ids.executions.get(0) + ".",
                assertProblem(ADMIN.get("jobexecutions/" + ids.executions.get(0)), 404));
        assertEquals("No step execution found for step execution id " + ids.steps.get(0) + ".",
                assertProblem(ADMIN.get("stepexecutions/" + ids.steps.get(0)), 404));
        assertEquals("CWWKY0151E: No job instance found for instance id " + instanceId + ".",
                assertProblem(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions"), 404));

        assertEquals("CWWKY0151E: No job instance found for instance id " + instanceId + ".",
                assertProblem(ADMIN.delete("jobinstances/" + instanceId), 404));
    }

    @Test
    void purgingAFailedChunkInstanceRemovesItsExecutionAndStep() {
        long instanceId = Jobs.submit("admin", "chunkCopy", Map.of("items", "30", "chunkSize", "10", "failAt", "25"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);
        assertEquals(1, ids.executions.size());
        assertEquals(1, ids.steps.size());

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(instanceId, ids);
    }

    @Test
    void purgingARestartedInstanceRemovesBothExecutionsAndTheStepsOfEach() {
        long instanceId = Jobs.submit("admin", "chunkCopy", Map.of("items", "100", "chunkSize", "10", "failAt", "55"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        ApiResponse restart = ADMIN.put("jobinstances/" + instanceId + "?action=restart");
        assertEquals(200, restart.status(), restart::toString);
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);
        assertEquals(2, ids.executions.size());
        assertEquals(2, ids.steps.size(), "each execution ran the step copy");

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(instanceId, ids);
        assertEquals("CWWKY0151E: No job instance found for instance id " + instanceId + ".",
                assertProblem(ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/1"), 404));
    }

    @Test
    void purgeJobStoreOnlyTrueAnswers200AndRemovesTheRows() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId + "?purgeJobStoreOnly=true");

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(instanceId, ids);
    }

    @Test
    void aPurgeJobStoreOnlyValueOtherThanTrueOrFalseIsABadRequestAndDeletesNothing() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId + "?purgeJobStoreOnly=maybe");

        String detail = assertProblem(purge, 400);
        assertEquals("The purgeJobStoreOnly value maybe is not valid: it must be true or false.", detail);
        JsonArray invalidParams = purge.object().getJsonArray("invalidParams");
        assertEquals(1, invalidParams.size(), invalidParams::toString);
        assertEquals("purgeJobStoreOnly", invalidParams.getJsonObject(0).getString("name"));
        assertEquals(detail, invalidParams.getJsonObject(0).getString("reason"));
        assertAllPresent(instanceId, ids);

        assertEquals(200, ADMIN.delete("jobinstances/" + instanceId + "?purgeJobStoreOnly=false").status());
        assertAllGone(instanceId, ids);
    }

    @Test
    void anActiveInstanceCannotBePurgedUntilItHasStopped() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "30"));
        longRunning.add(instanceId);
        long executionId = Jobs.awaitLatestExecution(instanceId, "STARTED").getJsonNumber("executionId").longValue();

        assertEquals("The specified job instance, " + instanceId
                        + ", cannot be purged because it has active job executions.",
                assertProblem(ADMIN.delete("jobinstances/" + instanceId), 409));

        ApiResponse stillThere = ADMIN.get("jobinstances/" + instanceId);
        assertEquals(200, stillThere.status(), stillThere::toString);
        assertEquals("DISPATCHED", stillThere.object().getString("instanceState"));
        assertEquals("STARTED", stillThere.object().getString("batchStatus"));
        assertEquals(200, ADMIN.get("jobexecutions/" + executionId).status());

        assertEquals(200, ADMIN.put("jobinstances/" + instanceId + "?action=stop").status());
        assertEquals("STOPPED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(instanceId, ids);
    }

    @Test
    void aMonitorCannotPurgeAndNothingIsDeleted() {
        long instanceId = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);

        assertEquals("User monitor is not authorized to purge job instance " + instanceId + ".",
                assertProblem(BatchApi.as("monitor").delete("jobinstances/" + instanceId), 403));
        assertEquals("User nobody is not authorized to perform batch operations: the user has none of the roles "
                        + "batchAdmin, batchSubmitter, batchMonitor.",
                assertProblem(BatchApi.as("nobody").delete("jobinstances/" + instanceId), 403));

        assertAllPresent(instanceId, ids);
        assertEquals("COMPLETED", ADMIN.get("jobinstances/" + instanceId).object().getString("instanceState"));
        assertEquals(200, ADMIN.delete("jobinstances/" + instanceId).status());
    }

    @Test
    void aSubmitterPurgesTheirOwnInstanceButNotAnotherSubmittersInstance() {
        long own = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        long others = Jobs.submit("submitter2", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(own).getString("instanceState"));
        assertEquals("COMPLETED", Jobs.awaitFinal(others).getString("instanceState"));
        Ids ownIds = idsOf(own);
        Ids otherIds = idsOf(others);
        BatchApi submitter1 = BatchApi.as("submitter1");

        assertEquals("User submitter1 is not authorized to purge job instance " + others + ".",
                assertProblem(submitter1.delete("jobinstances/" + others), 403));
        assertAllPresent(others, otherIds);

        ApiResponse purge = submitter1.delete("jobinstances/" + own);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(own, ownIds);
        assertAllPresent(others, otherIds);
        assertEquals(200, BatchApi.as("submitter2").delete("jobinstances/" + others).status());
        assertAllGone(others, otherIds);
    }

    @Test
    void aSubmitterWhoIsAlsoAMonitorPurgesOnlyTheirOwnInstances() {
        long own = Jobs.submit("submon", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        long others = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(own).getString("instanceState"));
        assertEquals("COMPLETED", Jobs.awaitFinal(others).getString("instanceState"));
        Ids ownIds = idsOf(own);
        Ids otherIds = idsOf(others);
        BatchApi submon = BatchApi.as("submon");

        assertEquals("User submon is not authorized to purge job instance " + others + ".",
                assertProblem(submon.delete("jobinstances/" + others), 403));
        assertAllPresent(others, otherIds);
        assertEquals(200, submon.get("jobinstances/" + others).status(), "a monitor still reads it");

        ApiResponse purge = submon.delete("jobinstances/" + own);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(own, ownIds);
        assertEquals(200, ADMIN.delete("jobinstances/" + others).status());
    }

    @Test
    void aPurgeThroughAVersionedPathWorksLikeTheUnversionedOne() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);

        ApiResponse purge = ADMIN.delete("v3/jobinstances/" + instanceId);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(instanceId, ids);
        assertEquals("CWWKY0151E: No job instance found for instance id " + instanceId + ".",
                assertProblem(ADMIN.delete("v1/jobinstances/" + instanceId), 404));
    }

    @Test
    void theTotalCountOfTheInstanceListDropsByExactlyOneAfterAPurge() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long before = totalCount();

        assertEquals(200, ADMIN.delete("jobinstances/" + instanceId).status());

        assertEquals(before - 1, totalCount());
    }

    @Test
    void aPartitionedInstancePurgesCleanlyWithItsPartitionedStep() {
        long instanceId = Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "3", "logLines", "1"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        Ids ids = idsOf(instanceId);
        assertEquals(1, ids.steps.size());
        JsonObject step = ADMIN.get("stepexecutions/" + ids.steps.get(0)).array().getJsonObject(0);
        assertEquals("step1", step.getString("stepName"));
        assertEquals(3, step.getJsonArray("partitions").size(), step::toString);

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(instanceId, ids);
    }

    @Test
    void aSplitFlowInstancePurgesCleanlyWithTheStepsOfEveryFlow() {
        long instanceId = Jobs.submit("admin", "splitFlow", Map.of("logLines", "1"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"),
                () -> "splitFlow instance " + instanceId + " did not complete: see messages.log");
        Ids ids = idsOf(instanceId);
        assertEquals(3, ids.steps.size(), "flow1step, flow2step and finalStep");

        ApiResponse purge = ADMIN.delete("jobinstances/" + instanceId);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertAllGone(instanceId, ids);
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** The execution and step execution ids of an instance, read before it is purged. */
    private record Ids(List<Long> executions, List<Long> steps) {
    }

    private static Ids idsOf(long instanceId) {
        ApiResponse response = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions");
        assertEquals(200, response.status(), response::toString);
        List<Long> executions = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        for (JsonValue value : response.array()) {
            JsonObject execution = value.asJsonObject();
            executions.add(execution.getJsonNumber("executionId").longValue());
            for (JsonValue step : execution.getJsonArray("stepExecutions")) {
                steps.add(step.asJsonObject().getJsonNumber("stepExecutionId").longValue());
            }
        }
        return new Ids(executions, steps);
    }

    private static void assertAllPresent(long instanceId, Ids ids) {
        assertEquals(200, ADMIN.get("jobinstances/" + instanceId).status());
        assertEquals(ids, idsOf(instanceId));
        for (long executionId : ids.executions) {
            assertEquals(200, ADMIN.get("jobexecutions/" + executionId).status());
        }
        for (long stepId : ids.steps) {
            assertEquals(200, ADMIN.get("stepexecutions/" + stepId).status());
        }
    }

    private static void assertAllGone(long instanceId, Ids ids) {
        assertEquals("CWWKY0151E: No job instance found for instance id " + instanceId + ".",
                assertProblem(ADMIN.get("jobinstances/" + instanceId), 404));
        for (long executionId : ids.executions) {
            assertEquals("No job execution found for execution id " + executionId + ".",
                    assertProblem(ADMIN.get("jobexecutions/" + executionId), 404));
            assertEquals("No job execution found for execution id " + executionId + ".",
                    assertProblem(ADMIN.get("jobexecutions/" + executionId + "/stepexecutions"), 404));
        }
        for (long stepId : ids.steps) {
            assertEquals("No step execution found for step execution id " + stepId + ".",
                    assertProblem(ADMIN.get("stepexecutions/" + stepId), 404));
        }
    }

    private static long totalCount() {
        ApiResponse list = ADMIN.get("jobinstances?pageSize=1&count=exact");
        assertEquals(200, list.status(), list::toString);
        return Long.parseLong(list.header("X-Total-Count").orElseThrow());
    }
}
