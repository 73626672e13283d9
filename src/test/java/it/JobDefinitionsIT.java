package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET jobdefinitions: the packaged JSL of the application (jsl/ and the JAR in WEB-INF/lib), with what a submission
 * sends and the parameters each JSL refers to; a listed job can be submitted as listed.
 */
class JobDefinitionsIT {

    @Test
    void listsEveryPackagedJobWithItsParametersAndTheirDefaults() {
        ApiResponse response = BatchApi.as("admin").get("jobdefinitions");
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        JsonArray definitions = response.array();
        assertEquals(List.of("chunkCopy", "jarPackagedJob", "partitionedBatchlet", "sleepyBatchlet", "splitFlow"),
                definitions.stream().map(d -> d.asJsonObject().getString("jobXMLName")).toList());

        JsonObject sleepy = definitions.getJsonObject(3);
        assertEquals(List.of("jobXMLName", "jobName", "applicationName", "moduleName", "jobParameters"),
                List.copyOf(sleepy.keySet()));
        assertEquals("sleepyBatchlet", sleepy.getString("jobName"));
        assertEquals("batch-rest", sleepy.getString("applicationName"));
        assertEquals("batch-rest.war", sleepy.getString("moduleName"));
        assertEquals(Json.createObjectBuilder().add("sleepSeconds", "1").add("forceFailure", "false")
                .add("exitStatus", "").add("logLines", "5").build(), sleepy.getJsonObject("jobParameters"));
        assertEquals(List.of("logLines", "sleepSeconds", "partitions"),
                List.copyOf(definitions.getJsonObject(2).getJsonObject("jobParameters").keySet()));
    }

    @Test
    void aJobFromALibraryJarIsListedAndCanBeSubmittedAsListed() {
        JsonObject jar = BatchApi.as("monitor").get("jobdefinitions").array().stream()
                .map(d -> d.asJsonObject()).filter(d -> d.getString("jobXMLName").equals("jarPackagedJob"))
                .findFirst().orElseThrow();
        String submission = Json.createObjectBuilder().add("applicationName", jar.getString("applicationName"))
                .add("moduleName", jar.getString("moduleName")).add("jobXMLName", jar.getString("jobXMLName"))
                .build().toString();
        ApiResponse submitted = BatchApi.as("submitter1").postJson("jobinstances", submission);
        assertEquals(201, submitted.status(), submitted::toString);
        long id = submitted.object().getJsonNumber("instanceId").longValue();
        assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"));
        assertEquals(jar.getString("jobName"), submitted.object().getString("jobName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "submitter1", "monitor", "submon"})
    void everyBatchRoleMayListThem(String user) {
        assertEquals(200, BatchApi.as(user).get("jobdefinitions").status());
        assertEquals(200, BatchApi.as(user).get("v4/jobdefinitions").status());
    }

    @Test
    void aUserWithoutABatchRoleIsRefused() {
        assertProblem(BatchApi.as("nobody").get("jobdefinitions"), 403);
        assertProblem(BatchApi.anonymous().get("jobdefinitions"), 401);
    }
}
