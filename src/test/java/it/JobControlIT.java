package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static it.support.BatchApi.ROOT;
import static it.support.JsonShapes.EXECUTION_FIELDS;
import static it.support.JsonShapes.INSTANCE_FIELDS;
import static it.support.JsonShapes.STEP_FIELDS;
import static it.support.JsonShapes.assertDate;
import static it.support.JsonShapes.assertFields;
import static it.support.JsonShapes.assertProblem;
import static it.support.JsonShapes.links;
import static it.support.JsonShapes.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stop and restart of job instances and executions (docs/contract.md §3, §4, §5, §9). */
class JobControlIT {

    /** Far longer than any test waits, so a job that reaches a final state early was stopped, not finished. */
    private static final String LONG_SLEEP = "30";
    /** The sleepyBatchlet checks its stop flag every 100 ms: a stop must end it well within this. */
    private static final Duration PROMPT_STOP = Duration.ofSeconds(15);

    private static final BatchApi ADMIN = BatchApi.as("admin");

    /** Long-running instances started by the current test; stopped after it whatever its outcome. */
    private final List<Long> longRunning = new ArrayList<>();

    @AfterEach
    void stopLongRunningJobs() {
        longRunning.forEach(Jobs::stopIfRunning);
    }

    // ---------------------------------------------------------------------------------------------- stop

    @Test
    void stoppingARunningExecutionReturnsItsJsonAndTheJobStopsPromptly() {
        long instanceId = submitLongSleeper("admin");
        long executionId = awaitRunningStep(instanceId);

        long stopRequested = System.nanoTime();
        ApiResponse response = ADMIN.put("jobexecutions/" + executionId + "?action=stop");

        JsonObject execution = assertStoppingExecution(response, executionId, instanceId);
        assertEquals(Json.createObjectBuilder().add("sleepSeconds", LONG_SLEEP).build(),
                execution.getJsonObject("jobParameters"));

        assertStoppedPromptly(instanceId, executionId, stopRequested);
    }

    @Test
    void stoppingARunningInstanceStopsItsLatestExecutionAndReturnsThatExecution() {
        long instanceId = submitLongSleeper("admin");
        long executionId = awaitRunningStep(instanceId);

        long stopRequested = System.nanoTime();
        ApiResponse response = ADMIN.put("jobinstances/" + instanceId + "?action=stop");

        assertStoppingExecution(response, executionId, instanceId);

        assertStoppedPromptly(instanceId, executionId, stopRequested);
    }

    @Test
    void stoppingAFinishedExecutionOrInstanceIsAConflictNamingIt() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long executionId = executionIdOf(instanceId, 0);

        assertEquals("The job execution id " + executionId + " is not currently running.",
                assertProblem(ADMIN.put("jobexecutions/" + executionId + "?action=stop"), 409));
        assertEquals("The most recent job execution id " + executionId + " associated with job instance id "
                        + instanceId + " is not currently running.",
                assertProblem(ADMIN.put("jobinstances/" + instanceId + "?action=stop"), 409));

        JsonObject instance = ADMIN.get("jobinstances/" + instanceId).object();
        assertEquals("COMPLETED", instance.getString("instanceState"));
        assertEquals("COMPLETED", instance.getString("batchStatus"));
        assertEquals("COMPLETED", ADMIN.get("jobexecutions/" + executionId).object().getString("batchStatus"));
    }

    // ------------------------------------------------------------------------------------------- restart

    @Test
    void restartingAFailedChunkJobResumesFromTheLastCheckpointAndCompletes() {
        long instanceId = Jobs.submit("admin", "chunkCopy", Map.of("items", "100", "chunkSize", "10", "failAt", "55"));
        JsonObject failed = Jobs.awaitFinal(instanceId);
        assertEquals("FAILED", failed.getString("instanceState"));
        assertEquals("FAILED", failed.getString("batchStatus"));
        long firstExecutionId = executionIdOf(instanceId, 0);

        ApiResponse response = ADMIN.put("jobinstances/" + instanceId + "?action=restart");

        assertEquals(200, response.status(), response::toString);
        assertEquals("application/json;charset=UTF-8", response.contentType().replace(" ", ""));
        JsonObject restarted = response.object();
        assertFields(INSTANCE_FIELDS, restarted);
        assertEquals(instanceId, restarted.getJsonNumber("instanceId").longValue());
        assertEquals("chunkCopy", restarted.getString("jobName"));
        assertEquals("chunkCopy", restarted.getString("jobXMLName"));
        assertEquals("admin", restarted.getString("submitter"));
        assertEquals("batch-rest#batch-rest.war", restarted.getString("appName"));
        assertTrue(Set.of("STARTING", "STARTED", "COMPLETED").contains(restarted.getString("batchStatus")),
                restarted::toString);
        assertTrue(Set.of("SUBMITTED", "DISPATCHED", "COMPLETED").contains(restarted.getString("instanceState")),
                restarted::toString);
        assertDate(restarted.getString("lastUpdatedTime"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs"), links(restarted));

        JsonObject done = Jobs.awaitFinal(instanceId);
        assertEquals("COMPLETED", done.getString("instanceState"));
        assertEquals("COMPLETED", done.getString("batchStatus"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs",
                "job execution " + ROOT + "jobinstances/" + instanceId + "/jobexecutions/1",
                "job execution " + ROOT + "jobinstances/" + instanceId + "/jobexecutions/0"), links(done));

        JsonArray executions = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array();
        assertEquals(2, executions.size(), executions::toString);
        JsonObject latest = executions.getJsonObject(0);
        JsonObject first = executions.getJsonObject(1);
        long restartExecutionId = latest.getJsonNumber("executionId").longValue();
        assertNotEquals(firstExecutionId, restartExecutionId);
        assertEquals(firstExecutionId, first.getJsonNumber("executionId").longValue());
        assertEquals(restartExecutionId, executionIdOf(instanceId, 1));
        assertEquals(firstExecutionId, executionIdOf(instanceId, 0));
        assertEquals("COMPLETED", latest.getString("batchStatus"));
        assertEquals("FAILED", first.getString("batchStatus"));
        assertEquals(Json.createObjectBuilder().add("chunkSize", "10").add("failAt", "55").add("items", "100").build(),
                first.getJsonObject("jobParameters"));
        assertEquals(Json.createObjectBuilder().build(), latest.getJsonObject("jobParameters"),
                "a restart without a body passes no parameters");

        // The failing run committed the chunks 1..10 to 41..50 and rolled back 51..60, whose write threw on 55:
        // its metrics are those of the committed work.
        JsonObject firstCopy = copyStep(firstExecutionId);
        assertEquals("FAILED", firstCopy.getString("batchStatus"));
        assertEquals(List.of("50", "50", "5", "1", "0", "0", "0", "0"), metrics(firstCopy),
                "READ, WRITE, COMMIT, ROLLBACK, READ_SKIP, PROCESS_SKIP, FILTER, WRITE_SKIP of the failed run");
        // The restart resumed after the checkpoint at item 50: it read and wrote 51..100 only.
        JsonObject restartCopy = copyStep(restartExecutionId);
        assertEquals("COMPLETED", restartCopy.getString("batchStatus"));
        assertEquals("50", restartCopy.getJsonObject("metrics").getString("READ_COUNT"));
        assertEquals("50", restartCopy.getJsonObject("metrics").getString("WRITE_COUNT"));
        assertEquals(List.of("50", "50", "6", "0", "0", "0", "0", "0"), metrics(restartCopy),
                "READ, WRITE, COMMIT, ROLLBACK, READ_SKIP, PROCESS_SKIP, FILTER, WRITE_SKIP of the restart");
    }

    @Test
    void restartingThroughTheMostRecentExecutionWorksButThroughAnOlderOneIsABadRequestNamingBoth() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long firstExecutionId = executionIdOf(instanceId, 0);

        ApiResponse failAgain = ADMIN.putJson("jobexecutions/" + firstExecutionId + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\",\"forceFailure\":\"true\"}}");
        assertEquals(200, failAgain.status(), failAgain::toString);
        assertFields(INSTANCE_FIELDS, failAgain.object());
        assertEquals(instanceId, failAgain.object().getJsonNumber("instanceId").longValue());
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs"), links(failAgain.object()));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long secondExecutionId = executionIdOf(instanceId, 1);

        assertEquals("The job execution " + firstExecutionId + " is not the most recent execution of job instance "
                        + instanceId + "; the most recent is " + secondExecutionId + ".",
                assertProblem(ADMIN.put("jobexecutions/" + firstExecutionId + "?action=restart"), 400));
        assertEquals(2, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size(),
                "a refused restart creates no execution");
        assertEquals("FAILED", ADMIN.get("jobinstances/" + instanceId).object().getString("instanceState"));

        ApiResponse response = ADMIN.put("jobexecutions/" + secondExecutionId + "?action=restart");

        assertEquals(200, response.status(), response::toString);
        JsonObject restarted = response.object();
        assertFields(INSTANCE_FIELDS, restarted);
        assertEquals(instanceId, restarted.getJsonNumber("instanceId").longValue());
        assertEquals("sleepyBatchlet", restarted.getString("jobName"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs"), links(restarted));
        JsonObject done = Jobs.awaitFinal(instanceId);
        assertEquals("COMPLETED", done.getString("instanceState"));
        JsonArray executions = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array();
        assertEquals(3, executions.size());
        assertEquals(List.of("COMPLETED", "FAILED", "FAILED"),
                executions.stream().map(e -> e.asJsonObject().getString("batchStatus")).toList());
        assertEquals(secondExecutionId, executions.getJsonObject(1).getJsonNumber("executionId").longValue());
        assertEquals(firstExecutionId, executions.getJsonObject(2).getJsonNumber("executionId").longValue());
    }

    @Test
    void theRestartedExecutionGetsExactlyTheParametersOfTheRequestBody() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "forceFailure", "true", "exitStatus", "FIRST_RUN", "logLines", "1"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        ApiResponse response = ADMIN.putJson("jobinstances/" + instanceId + "?action=restart",
                "{\"jobParameters\":{\"forceFailure\":\"false\",\"sleepSeconds\":\"0\"}}");

        assertEquals(200, response.status(), response::toString);
        assertFields(INSTANCE_FIELDS, response.object());
        JsonObject done = Jobs.awaitFinal(instanceId);
        assertEquals("COMPLETED", done.getString("instanceState"));
        assertEquals("COMPLETED", done.getString("batchStatus"));
        JsonObject restart = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/1").object();
        assertEquals(parameters("forceFailure", "false", "sleepSeconds", "0"), restart.getJsonObject("jobParameters"));
        assertEquals("COMPLETED", restart.getString("exitStatus"), "exitStatus=FIRST_RUN was not passed again");
        assertEquals(parameters("exitStatus", "FIRST_RUN", "forceFailure", "true", "logLines", "1", "sleepSeconds", "0"),
                ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/0").object().getJsonObject("jobParameters"));
    }

    @Test
    void reusePreviousParamsStartsFromThePreviousParametersOverriddenKeyByKeyByTheBody() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "forceFailure", "true", "exitStatus", "REUSED", "logLines", "1"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        ApiResponse response = ADMIN.putJson("jobinstances/" + instanceId + "?action=restart&reusePreviousParams=true",
                "{\"jobParameters\":{\"forceFailure\":\"false\",\"logLines\":\"3\"}}");

        assertEquals(200, response.status(), response::toString);
        assertFields(INSTANCE_FIELDS, response.object());
        JsonObject done = Jobs.awaitFinal(instanceId);
        assertEquals("COMPLETED", done.getString("instanceState"));
        JsonObject restart = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/1").object();
        assertEquals(parameters("exitStatus", "REUSED", "forceFailure", "false", "logLines", "3", "sleepSeconds", "0"),
                restart.getJsonObject("jobParameters"));
        assertEquals("REUSED", restart.getString("exitStatus"), "the reused exitStatus parameter reached the job");
    }

    @Test
    void reusePreviousParamsWithoutABodyRunsWithThePreviousParametersUnchanged() {
        long instanceId = Jobs.submit("admin", "chunkCopy",
                Map.of("items", "20", "chunkSize", "5", "failAt", "13"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long firstExecutionId = executionIdOf(instanceId, 0);

        ApiResponse response = ADMIN.put("jobexecutions/" + firstExecutionId + "?action=restart&reusePreviousParams=true");

        assertEquals(200, response.status(), response::toString);
        // failAt=13 is passed again, but the restart resumes after item 10 and fails on 13 once more.
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        assertEquals(parameters("chunkSize", "5", "failAt", "13", "items", "20"),
                ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/1").object().getJsonObject("jobParameters"));
    }

    @Test
    void restartingACompletedInstanceOrExecutionIsAConflict() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long executionId = executionIdOf(instanceId, 0);
        String alreadyComplete = "The most recent job execution " + executionId + " for job instance " + instanceId
                + " cannot be restarted because it is already complete.";

        assertEquals(alreadyComplete, assertProblem(ADMIN.put("jobinstances/" + instanceId + "?action=restart"), 409));
        assertEquals(alreadyComplete, assertProblem(ADMIN.put("jobexecutions/" + executionId + "?action=restart"), 409));

        assertEquals(1, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size());
        assertEquals("COMPLETED", ADMIN.get("jobinstances/" + instanceId).object().getString("instanceState"));
    }

    @Test
    void aStoppedInstanceCanBeRestartedAndThenCompletes() {
        long instanceId = submitLongSleeper("admin");
        long firstExecutionId = awaitRunningStep(instanceId);
        assertEquals(200, ADMIN.put("jobinstances/" + instanceId + "?action=stop").status());
        assertEquals("STOPPED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        ApiResponse response = ADMIN.putJson("jobinstances/" + instanceId + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}");

        assertEquals(200, response.status(), response::toString);
        JsonObject restarted = response.object();
        assertFields(INSTANCE_FIELDS, restarted);
        assertEquals(instanceId, restarted.getJsonNumber("instanceId").longValue());
        assertEquals(List.of("self " + ROOT + "jobinstances/" + instanceId,
                "job logs " + ROOT + "jobinstances/" + instanceId + "/joblogs"), links(restarted));
        JsonObject done = Jobs.awaitFinal(instanceId);
        assertEquals("COMPLETED", done.getString("instanceState"));
        assertEquals("COMPLETED", done.getString("batchStatus"));
        JsonArray executions = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array();
        assertEquals(List.of("COMPLETED", "STOPPED"),
                executions.stream().map(e -> e.asJsonObject().getString("batchStatus")).toList());
        assertEquals(firstExecutionId, executions.getJsonObject(1).getJsonNumber("executionId").longValue());
        assertEquals(parameters("sleepSeconds", "0"), executions.getJsonObject(0).getJsonObject("jobParameters"));
    }

    @Test
    void restartingARunningInstanceOrExecutionIsAConflict() {
        long instanceId = submitLongSleeper("admin");
        long executionId = awaitRunningStep(instanceId);

        assertEquals("The job " + instanceId + " cannot be restarted.",
                assertProblem(ADMIN.put("jobinstances/" + instanceId + "?action=restart"), 409));
        assertEquals("The job " + instanceId + " cannot be restarted.",
                assertProblem(ADMIN.put("jobexecutions/" + executionId + "?action=restart"), 409));

        assertEquals(1, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size());
        assertEquals(200, ADMIN.put("jobexecutions/" + executionId + "?action=stop").status());
        assertEquals("STOPPED", Jobs.awaitFinal(instanceId).getString("instanceState"));
    }

    @Test
    void aRestartBodyThatIsNotJsonOrHasANonStringParameterIsABadRequestAndRestartsNothing() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        ApiResponse notAString = ADMIN.putJson("jobinstances/" + instanceId + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":0}}");
        assertEquals("The value of jobParameters.sleepSeconds must be a string; job parameter values are strings.",
                assertProblem(notAString, 400));
        assertEquals("jobParameters.sleepSeconds",
                notAString.object().getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        String notJson = assertProblem(ADMIN.putJson("jobinstances/" + instanceId + "?action=restart",
                "{\"jobParameters\":"), 400);
        assertTrue(notJson.startsWith("The request body is not valid JSON"), notJson);
        String trailing = assertProblem(ADMIN.putJson("jobinstances/" + instanceId + "?action=restart",
                "{\"jobParameters\":{}} {}"), 400);
        assertTrue(trailing.startsWith("The request body "), trailing);

        ApiResponse badFlag = ADMIN.put("jobinstances/" + instanceId + "?action=restart&reusePreviousParams=maybe");
        assertEquals("The reusePreviousParams value maybe is not valid: it must be true or false.",
                assertProblem(badFlag, 400));
        assertEquals("reusePreviousParams",
                badFlag.object().getJsonArray("invalidParams").getJsonObject(0).getString("name"));

        assertEquals(1, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size());
        assertEquals("FAILED", ADMIN.get("jobinstances/" + instanceId).object().getString("instanceState"));
    }

    @Test
    void aRestartOrStopThroughAVersionedPathKeepsTheVersionInItsLinks() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        ApiResponse restart = ADMIN.putJson("v4/jobinstances/" + instanceId + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}");

        assertEquals(200, restart.status(), restart::toString);
        assertEquals(List.of("self " + ROOT + "v4/jobinstances/" + instanceId,
                "job logs " + ROOT + "v4/jobinstances/" + instanceId + "/joblogs"), links(restart.object()));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long executionId = executionIdOf(instanceId, 1);
        assertEquals("The job execution id " + executionId + " is not currently running.",
                assertProblem(ADMIN.put("v2/jobexecutions/" + executionId + "?action=stop"), 409));
    }

    @Test
    void anActionOtherThanStopOrRestartIsABadRequestAndTheActionIsCaseInsensitive() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long executionId = executionIdOf(instanceId, 0);

        assertEquals("only action=stop and action=restart are supported",
                assertProblem(ADMIN.put("jobinstances/" + instanceId + "?action=pause"), 400));
        assertEquals("only action=stop and action=restart are supported",
                assertProblem(ADMIN.put("jobexecutions/" + executionId), 400));
        assertEquals("The job execution id " + executionId + " is not currently running.",
                assertProblem(ADMIN.put("jobexecutions/" + executionId + "?action=STOP"), 409));
        assertEquals("The most recent job execution " + executionId + " for job instance " + instanceId
                        + " cannot be restarted because it is already complete.",
                assertProblem(ADMIN.put("jobinstances/" + instanceId + "?action=Restart"), 409));
    }

    @Test
    void stoppingOrRestartingAnUnknownInstanceOrExecutionIsNotFound() {
        long unknown = 987_654_321_012L;

        assertEquals("CWWKY0151E: No job instance found for instance id " + unknown + ".",
                assertProblem(ADMIN.put("jobinstances/" + unknown + "?action=stop"), 404));
        assertEquals("CWWKY0151E: No job instance found for instance id " + unknown + ".",
                assertProblem(ADMIN.put("jobinstances/" + unknown + "?action=restart"), 404));
        assertEquals("No job execution found for execution id " + unknown + ".",
                assertProblem(ADMIN.put("jobexecutions/" + unknown + "?action=stop"), 404));
        assertEquals("No job execution found for execution id " + unknown + ".",
                assertProblem(ADMIN.put("jobexecutions/" + unknown + "?action=restart"), 404));
    }

    // --------------------------------------------------------------------------------------------- roles

    @Test
    void aMonitorMayNeitherStopNorRestartAndNeitherMayAnotherSubmitter() {
        long instanceId = submitLongSleeper("submitter1");
        long executionId = awaitRunningStep(instanceId);

        assertEquals("User monitor is not authorized to stop job instance " + instanceId + ".",
                assertProblem(BatchApi.as("monitor").put("jobexecutions/" + executionId + "?action=stop"), 403));
        assertEquals("User monitor is not authorized to stop job instance " + instanceId + ".",
                assertProblem(BatchApi.as("monitor").put("jobinstances/" + instanceId + "?action=stop"), 403));
        assertEquals("User submitter2 is not authorized to stop job instance " + instanceId + ".",
                assertProblem(BatchApi.as("submitter2").put("jobexecutions/" + executionId + "?action=stop"), 403));
        assertEquals("User submitter2 is not authorized to stop job instance " + instanceId + ".",
                assertProblem(BatchApi.as("submitter2").put("jobinstances/" + instanceId + "?action=stop"), 403));
        assertEquals("User nobody is not authorized to perform batch operations: the user has none of the roles "
                        + "batchAdmin, batchSubmitter, batchMonitor.",
                assertProblem(BatchApi.as("nobody").put("jobinstances/" + instanceId + "?action=stop"), 403));
        JsonObject stillRunning = ADMIN.get("jobexecutions/" + executionId).object();
        assertEquals("STARTED", stillRunning.getString("batchStatus"), "a refused stop must not stop the job");

        ApiResponse ownStop = BatchApi.as("submitter1").put("jobexecutions/" + executionId + "?action=stop");
        assertEquals(200, ownStop.status(), ownStop::toString);
        assertEquals(executionId, ownStop.object().getJsonNumber("executionId").longValue());
        assertEquals("STOPPED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        String body = "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}";
        assertEquals("User monitor is not authorized to restart job instance " + instanceId + ".",
                assertProblem(BatchApi.as("monitor").putJson("jobinstances/" + instanceId + "?action=restart", body), 403));
        assertEquals("User monitor is not authorized to restart job instance " + instanceId + ".",
                assertProblem(BatchApi.as("monitor").putJson("jobexecutions/" + executionId + "?action=restart", body),
                        403));
        assertEquals("User submitter2 is not authorized to restart job instance " + instanceId + ".",
                assertProblem(BatchApi.as("submitter2").putJson("jobinstances/" + instanceId + "?action=restart",
                        body), 403));
        assertEquals("User submitter2 is not authorized to restart job instance " + instanceId + ".",
                assertProblem(BatchApi.as("submitter2").putJson("jobexecutions/" + executionId + "?action=restart",
                        body), 403));
        assertEquals(1, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size(),
                "a refused restart creates no execution");
        assertEquals("STOPPED", ADMIN.get("jobinstances/" + instanceId).object().getString("instanceState"));

        ApiResponse ownRestart = BatchApi.as("submitter1").putJson("jobinstances/" + instanceId + "?action=restart", body);
        assertEquals(200, ownRestart.status(), ownRestart::toString);
        assertEquals("submitter1", ownRestart.object().getString("submitter"));
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        assertEquals(2, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size());
    }

    @Test
    void aSubmitterStopsAndRestartsTheirOwnInstanceThroughTheInstance() {
        long instanceId = submitLongSleeper("submitter1");
        long executionId = awaitRunningStep(instanceId);
        BatchApi submitter1 = BatchApi.as("submitter1");

        ApiResponse stop = submitter1.put("jobinstances/" + instanceId + "?action=stop");

        assertEquals(200, stop.status(), stop::toString);
        assertFields(EXECUTION_FIELDS, stop.object());
        assertEquals(executionId, stop.object().getJsonNumber("executionId").longValue());
        assertEquals("STOPPED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        ApiResponse restart = submitter1.putJson("jobexecutions/" + executionId + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}");

        assertEquals(200, restart.status(), restart::toString);
        assertFields(INSTANCE_FIELDS, restart.object());
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));
    }

    // ------------------------------------------------------------------------------------------- helpers

    private long submitLongSleeper(String user) {
        long instanceId = Jobs.submit(user, "sleepyBatchlet", Map.of("sleepSeconds", LONG_SLEEP));
        longRunning.add(instanceId);
        return instanceId;
    }

    /** Waits until the instance's latest execution runs its batchlet step, and returns the execution id. */
    private static long awaitRunningStep(long instanceId) {
        JsonObject running = Jobs.await(() -> {
            ApiResponse executions = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions");
            if (executions.status() != 200 || executions.array().isEmpty()) {
                return null;
            }
            JsonObject latest = executions.array().getJsonObject(0);
            JsonArray steps = latest.getJsonArray("stepExecutions");
            boolean stepRunning = "STARTED".equals(latest.getString("batchStatus")) && !steps.isEmpty()
                    && "STARTED".equals(steps.getJsonObject(0).getString("batchStatus"));
            return stepRunning ? latest : null;
        }, "instance " + instanceId + " to run its step");
        return running.getJsonNumber("executionId").longValue();
    }

    private static void assertStoppedPromptly(long instanceId, long executionId, long stopRequestedNanos) {
        JsonObject instance = Jobs.awaitFinal(instanceId);
        Duration took = Duration.ofNanos(System.nanoTime() - stopRequestedNanos);
        assertTrue(took.compareTo(PROMPT_STOP) < 0, () -> "the job took " + took + " to stop");
        assertEquals("STOPPED", instance.getString("instanceState"));
        assertEquals("STOPPED", instance.getString("batchStatus"));

        ApiResponse response = ADMIN.get("jobexecutions/" + executionId);
        assertEquals(200, response.status(), response::toString);
        JsonObject execution = response.object();
        assertFields(EXECUTION_FIELDS, execution);
        assertEquals("STOPPED", execution.getString("batchStatus"));
        assertEquals("STOPPED", execution.getString("exitStatus"));
        assertDate(execution.getString("endTime"));
        JsonObject step = execution.getJsonArray("stepExecutions").getJsonObject(0);
        assertEquals("step1", step.getString("stepName"));
        assertEquals("STOPPED", step.getString("batchStatus"));
        assertEquals(1, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size());
    }

    private static List<String> executionLinks(long executionId, long instanceId) {
        return executionLinks(executionId, instanceId, "");
    }

    /** The links of an execution requested under {@code version} ("" or "v1/".."v4/"): all keep the version. */
    private static List<String> executionLinks(long executionId, long instanceId, String version) {
        String root = ROOT + version;
        return List.of("self " + root + "jobexecutions/" + executionId,
                "job instance " + root + "jobinstances/" + instanceId,
                "step executions " + root + "jobexecutions/" + executionId + "/stepexecutions",
                "job logs " + root + "jobexecutions/" + executionId + "/joblogs",
                "stop url " + root + "jobexecutions/" + executionId + "?action=stop");
    }

    private static long executionIdOf(long instanceId, int sequenceNumber) {
        ApiResponse response = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions/" + sequenceNumber);
        assertEquals(200, response.status(), response::toString);
        return response.object().getJsonNumber("executionId").longValue();
    }

    /** The step "copy" of a chunkCopy execution, from {@code jobexecutions/{e}/stepexecutions/copy}. */
    private static JsonObject copyStep(long executionId) {
        ApiResponse response = ADMIN.get("jobexecutions/" + executionId + "/stepexecutions/copy");
        assertEquals(200, response.status(), response::toString);
        JsonArray steps = response.array();
        assertEquals(2, steps.size(), steps::toString);
        JsonObject step = steps.getJsonObject(0);
        assertFields(STEP_FIELDS, step);
        assertEquals("copy", step.getString("stepName"));
        assertEquals(executionId, step.getJsonNumber("executionId").longValue());
        return step;
    }

    private static JsonObject parameters(String... namesAndValues) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** A 200 answer to a stop: the JSON of the stopped execution, which is STOPPING or already STOPPED. */
    private static JsonObject assertStoppingExecution(ApiResponse response, long executionId, long instanceId) {
        assertEquals(200, response.status(), response::toString);
        assertEquals("application/json;charset=UTF-8", response.contentType().replace(" ", ""));
        JsonObject execution = response.object();
        assertFields(EXECUTION_FIELDS, execution);
        assertEquals("sleepyBatchlet", execution.getString("jobName"));
        assertEquals(executionId, execution.getJsonNumber("executionId").longValue());
        assertEquals(instanceId, execution.getJsonNumber("instanceId").longValue());
        assertTrue(Set.of("STOPPING", "STOPPED").contains(execution.getString("batchStatus")), execution::toString);
        assertEquals(executionLinks(executionId, instanceId), links(execution));
        return execution;
    }
}
