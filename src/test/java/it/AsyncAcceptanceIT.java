package it;

import it.support.ApiResponse;
import it.support.Jobs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static it.support.BatchApi.ROOT;
import static it.support.JsonShapes.INSTANCE_FIELDS;
import static it.support.JsonShapes.assertDate;
import static it.support.JsonShapes.assertFields;
import static it.support.JsonShapes.assertProblem;
import static it.support.JsonShapes.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asynchronous acceptance (docs/contract.md §11): a submission with {@code Prefer: respond-async} is answered 202
 * Accepted with Location = the status resource of the new instance; without the preference it stays 201.
 */
class AsyncAcceptanceIT {

    private static final String QUICK_JOB = Jobs.submission("sleepyBatchlet", Map.of("sleepSeconds", "0"));
    private static final String INLINE_JSL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<job id=\"inlineAsync\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
            + "<step id=\"only\"><batchlet ref=\"sleepyBatchlet\"><properties>"
            + "<property name=\"sleepSeconds\" value=\"0\"/></properties></batchlet></step></job>";

    @Test
    void preferRespondAsyncIsAnswered202WithTheStatusResourceAsLocationAndTheInstance() {
        ApiResponse response = HttpCalls.send(HttpCalls.postJson("submitter1", "jobinstances", QUICK_JOB)
                .header("Prefer", "respond-async"));

        assertEquals(202, response.status(), response::toString);
        assertEquals("application/json;charset=UTF-8", response.contentType().replace(" ", ""));
        JsonObject instance = response.object();
        long id = instance.getJsonNumber("instanceId").longValue();
        assertEquals(ROOT + "jobinstances/" + id + "/status", response.header("Location").orElseThrow());
        assertEquals("respond-async", response.header("Preference-Applied").orElseThrow());
        assertFields(INSTANCE_FIELDS, instance);
        assertEquals("sleepyBatchlet", instance.getString("jobName"));
        assertEquals("batch-rest#batch-rest.war", instance.getString("appName"));
        assertEquals("submitter1", instance.getString("submitter"));
        assertEquals("sleepyBatchlet", instance.getString("jobXMLName"));
        assertTrue(List.of("STARTING", "STARTED", "COMPLETED").contains(instance.getString("batchStatus")),
                instance::toString);
        assertTrue(List.of("SUBMITTED", "DISPATCHED", "COMPLETED").contains(instance.getString("instanceState")),
                instance::toString);
        assertDate(instance.getString("lastUpdatedTime"));
        assertEquals(List.of("self " + ROOT + "jobinstances/" + id, "job logs " + ROOT + "jobinstances/" + id
                + "/joblogs"), links(instance));
        assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"));
    }

    @Test
    void theLocationOfA202AnswersWithTheStatusOfTheNewInstance() {
        ApiResponse accepted = HttpCalls.send(HttpCalls.postJson("submitter1", "jobinstances", QUICK_JOB)
                .header("Prefer", "respond-async"));
        assertEquals(202, accepted.status(), accepted::toString);
        long id = accepted.object().getJsonNumber("instanceId").longValue();
        Jobs.awaitFinal(id);

        ApiResponse status = HttpCalls.send(HttpCalls.as("submitter1", accepted.header("Location").orElseThrow())
                .GET());

        assertEquals(200, status.status(), status::toString);
        assertEquals("application/json;charset=UTF-8", status.contentType().replace(" ", ""));
        assertEquals(id, status.object().getJsonNumber("Id").longValue());
        assertEquals(3, status.object().getInt("Status"));
        assertEquals("submitter1", status.object().getString("Identity"));
    }

    @Test
    void respondAsyncAmongOtherPreferencesAndWithParametersIsHonoured() {
        for (String prefer : List.of("return=minimal, respond-async; wait=10", "handling=lenient,respond-async",
                "RESPOND-ASYNC")) {
            ApiResponse response = HttpCalls.send(HttpCalls.postJson("admin", "jobinstances", QUICK_JOB)
                    .header("Prefer", prefer));

            assertEquals(202, response.status(), () -> prefer + ": " + response);
            long id = response.object().getJsonNumber("instanceId").longValue();
            assertEquals(ROOT + "jobinstances/" + id + "/status", response.header("Location").orElseThrow(), prefer);
            assertEquals("respond-async", response.header("Preference-Applied").orElseThrow(), prefer);
            Jobs.awaitFinal(id);
        }
    }

    @Test
    void withoutRespondAsyncTheSubmissionStays201WithTheInstanceAsLocation() {
        for (String prefer : new String[] {null, "return=minimal", "respond-asynchronously", "wait=10"}) {
            HttpRequest.Builder request = HttpCalls.postJson("admin", "jobinstances", QUICK_JOB);
            if (prefer != null) {
                request.header("Prefer", prefer);
            }
            ApiResponse response = HttpCalls.send(request);

            assertEquals(201, response.status(), () -> prefer + ": " + response);
            long id = response.object().getJsonNumber("instanceId").longValue();
            assertEquals(ROOT + "jobinstances/" + id, response.header("Location").orElseThrow(), prefer);
            assertTrue(response.header("Preference-Applied").isEmpty(), prefer);
            assertFields(INSTANCE_FIELDS, response.object());
            Jobs.awaitFinal(id);
        }
    }

    @Test
    void aMultipartSubmissionWithRespondAsyncIsAccepted() {
        ApiResponse response = HttpCalls.send(HttpCalls.postForm("submitter1", "jobinstances",
                "jobdata", "{\"applicationName\":\"batch-rest\"}", "jsl", INLINE_JSL)
                .header("Prefer", "respond-async"));

        assertEquals(202, response.status(), response::toString);
        long id = response.object().getJsonNumber("instanceId").longValue();
        assertEquals("inlineAsync", response.object().getString("jobName"));
        assertEquals(ROOT + "jobinstances/" + id + "/status", response.header("Location").orElseThrow());
        assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"));
    }

    @Test
    void aVersionedSubmissionPointsAtTheStatusResourceOfItsVersion() {
        ApiResponse response = HttpCalls.send(HttpCalls.postJson("admin", "v4/jobinstances", QUICK_JOB)
                .header("Prefer", "respond-async"));

        assertEquals(202, response.status(), response::toString);
        long id = response.object().getJsonNumber("instanceId").longValue();
        assertEquals(ROOT + "v4/jobinstances/" + id + "/status", response.header("Location").orElseThrow());
        Jobs.awaitFinal(id);
    }

    @Test
    void aRefusedSubmissionIsStill400WithRespondAsync() {
        ApiResponse response = HttpCalls.send(HttpCalls.postJson("admin", "jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"noSuchJob" + UUID.randomUUID() + "\"}")
                .header("Prefer", "respond-async"));

        assertProblem(response, 400);
        assertTrue(response.header("Location").isEmpty());
        assertTrue(response.header("Preference-Applied").isEmpty());
    }

    @Test
    void aMonitorIsRefusedWith403WhateverItPrefers() {
        ApiResponse response = HttpCalls.send(HttpCalls.postJson("monitor", "jobinstances", QUICK_JOB)
                .header("Prefer", "respond-async"));

        assertTrue(assertProblem(response, 403).contains("monitor"));
    }
}
