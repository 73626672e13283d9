package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static it.support.BatchApi.ROOT;
import static it.support.JsonShapes.INSTANCE_FIELDS;
import static it.support.JsonShapes.assertDate;
import static it.support.JsonShapes.assertFields;
import static it.support.JsonShapes.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobSubmissionIT {

    private static final String INLINE_JSL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<job id=\"inlineSleepy\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
            + "<step id=\"only\"><batchlet ref=\"sleepyBatchlet\"><properties>"
            + "<property name=\"sleepSeconds\" value=\"0\"/><property name=\"exitStatus\" value=\"#{jobParameters['exit']}\"/>"
            + "</properties></batchlet></step></job>";

    @Test
    void aSleepyBatchletForcedToFailKeepsTheExitStatusItWasGiven() {
        long id = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true",
                "exitStatus", "FAILED_ON_PURPOSE"));

        assertEquals("FAILED", Jobs.awaitFinal(id).getString("instanceState"));
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions/0").object();
        assertEquals("FAILED", execution.getString("batchStatus"));
        assertEquals("FAILED_ON_PURPOSE", execution.getString("exitStatus"));
    }

    @Test
    void aPackagedJobIsCreatedWith201AndTheInstanceJsonThenRunsToCompletion() {
        ApiResponse response = BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"sleepyBatchlet\"}");

        assertEquals(201, response.status(), response::toString);
        assertEquals("application/json;charset=UTF-8", response.contentType().replace(" ", ""));
        JsonObject instance = response.object();
        long id = instance.getJsonNumber("instanceId").longValue();
        assertEquals(ROOT + "jobinstances/" + id, response.header("Location").orElseThrow());
        assertFields(INSTANCE_FIELDS, instance);
        assertEquals("sleepyBatchlet", instance.getString("jobName"));
        assertEquals("batch-rest#batch-rest.war", instance.getString("appName"));
        assertEquals("admin", instance.getString("submitter"));
        assertEquals("sleepyBatchlet", instance.getString("jobXMLName"));
        assertTrue(List.of("STARTING", "STARTED", "COMPLETED").contains(instance.getString("batchStatus")));
        assertTrue(List.of("SUBMITTED", "DISPATCHED", "COMPLETED").contains(instance.getString("instanceState")));
        assertDate(instance.getString("lastUpdatedTime"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + id, "job logs " + ROOT + "jobinstances/" + id + "/joblogs"),
                links(instance));

        JsonObject done = Jobs.awaitFinal(id);
        assertEquals("COMPLETED", done.getString("instanceState"));
        assertEquals("COMPLETED", done.getString("batchStatus"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + id, "job logs " + ROOT + "jobinstances/" + id + "/joblogs",
                "job execution " + ROOT + "jobinstances/" + id + "/jobexecutions/0"), links(done));
    }

    @Test
    void theModuleNameAloneNamesTheApplication() {
        ApiResponse response = BatchApi.as("admin").postJson("jobinstances",
                "{\"moduleName\":\"batch-rest.war\",\"jobXMLName\":\"sleepyBatchlet\",\"jobParameters\":{\"sleepSeconds\":\"0\"}}");

        assertEquals(201, response.status(), response::toString);
        assertEquals("batch-rest#batch-rest.war", response.object().getString("appName"));
    }

    @Test
    void inlineJslRunsUnderItsJobIdAndShowsAnEmptyJobXmlName() {
        String body = "{\"applicationName\":\"batch-rest\",\"jobParameters\":{\"exit\":\"INLINE_DONE\"},\"jobXML\":"
                + jsonString(INLINE_JSL) + "}";
        ApiResponse response = BatchApi.as("submitter1").postJson("jobinstances", body);

        assertEquals(201, response.status(), response::toString);
        JsonObject instance = response.object();
        assertEquals("inlineSleepy", instance.getString("jobName"));
        assertEquals("", instance.getString("jobXMLName"));
        assertEquals("submitter1", instance.getString("submitter"));
        long id = instance.getJsonNumber("instanceId").longValue();
        JsonObject done = Jobs.awaitFinal(id);
        assertEquals("COMPLETED", done.getString("instanceState"));
        assertEquals("", done.getString("jobXMLName"));
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions/0").object();
        assertEquals("INLINE_DONE", execution.getString("exitStatus"));
        assertEquals("only", execution.getJsonArray("stepExecutions").getJsonObject(0).getString("stepName"));
    }

    @Test
    void aMultipartFormWithJobdataAndJslStartsTheInlineJob() {
        ApiResponse response = BatchApi.as("admin").postForm("jobinstances",
                "jobdata", "{\"applicationName\":\"batch-rest\",\"jobParameters\":{\"exit\":\"FROM_FORM\"}}",
                "jsl", INLINE_JSL);

        assertEquals(201, response.status(), response::toString);
        long id = response.object().getJsonNumber("instanceId").longValue();
        assertEquals("inlineSleepy", response.object().getString("jobName"));
        assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"));
        assertEquals("FROM_FORM", BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions/0").object()
                .getString("exitStatus"));
    }

    @Test
    void jobParametersReachTheJobAndAreShownOnTheExecution() {
        long id = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "exitStatus", "CUSTOM_EXIT", "logLines", "2"));

        JsonObject done = Jobs.awaitFinal(id);
        assertEquals("COMPLETED", done.getString("instanceState"));
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions/0").object();
        assertEquals("CUSTOM_EXIT", execution.getString("exitStatus"));
        assertEquals(List.of("exitStatus", "logLines", "sleepSeconds"),
                List.copyOf(execution.getJsonObject("jobParameters").keySet()));
        assertEquals("CUSTOM_EXIT", execution.getJsonObject("jobParameters").getString("exitStatus"));
    }

    @Test
    void jslShippedInALibraryJarUnderWebInfLibIsFoundAndRuns() {
        long id = Jobs.submit("admin", "jarPackagedJob", Map.of());

        JsonObject done = Jobs.awaitFinal(id);
        assertEquals("COMPLETED", done.getString("instanceState"));
        assertEquals("jarPackagedJob", done.getString("jobXMLName"));
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions/0").object();
        assertEquals("fromJar", execution.getJsonArray("stepExecutions").getJsonObject(0).getString("stepName"));
    }

    @Test
    void forceFailureMakesTheInstanceFail() {
        long id = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));

        JsonObject done = Jobs.awaitFinal(id);
        assertEquals("FAILED", done.getString("instanceState"));
        assertEquals("FAILED", done.getString("batchStatus"));
    }

    static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
