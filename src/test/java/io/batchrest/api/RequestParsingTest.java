package io.batchrest.api;

import io.batchrest.model.Refusal;
import io.batchrest.service.JobSubmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies, actions, versions and paging links: the parsing the resources rely on. */
class RequestParsingTest {

    @Test
    void aSubmitBodyBecomesASubmission() {
        JobSubmission submission = parse("{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"chunkCopy\","
                + "\"jobParameters\":{\"items\":\"5\",\"failAt\":\"3\"}}");

        assertEquals("batch-rest", submission.applicationName());
        assertNull(submission.moduleName());
        assertEquals("chunkCopy", submission.jobXmlName());
        assertEquals(Map.of("items", "5", "failAt", "3"), submission.jobParameters());
        assertTrue(submission.inlineJsl().isEmpty());
    }

    @Test
    void inlineJslOverridesTheJobXmlName() {
        JobSubmission submission = parse("{\"moduleName\":\"batch-rest.war\",\"jobXMLName\":\"ignored\","
                + "\"jobXML\":\"<job id=\\\"inline\\\" xmlns=\\\"https://jakarta.ee/xml/ns/jakartaee\\\" version=\\\"2.0\\\">"
                + "<step id=\\\"s\\\"><batchlet ref=\\\"b\\\"/></step></job>\"}");
        assertEquals("inline", submission.inlineJsl().orElseThrow().jobId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"applicationName\":\"a\"", "not json", "[]", "\"text\"", "",
            "{\"applicationName\":\"a\",\"jobXMLName\":\"j\"} {}", "{\"applicationName\":\"a\",\"jobXMLName\":\"j\"} x"})
    void anythingButOneJsonObjectIsA400(String body) {
        Refusal refusal = assertThrows(Refusal.class, () -> parse(body));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertTrue(refusal.getMessage().startsWith("The request body"), refusal::getMessage);
    }

    @Test
    void jobParameterValuesMustBeStrings() {
        Refusal refusal = assertThrows(Refusal.class, () -> parse(
                "{\"applicationName\":\"a\",\"jobXMLName\":\"j\",\"jobParameters\":{\"n\":1}}"));
        assertEquals("jobParameters.n", refusal.invalidParameters().get(0).name());
        Refusal notAnObject = assertThrows(Refusal.class, () -> parse(
                "{\"applicationName\":\"a\",\"jobXMLName\":\"j\",\"jobParameters\":[\"x\"]}"));
        assertEquals("jobParameters", notAnObject.invalidParameters().get(0).name());
    }

    @Test
    void attributesThatNameThingsMustBeStrings() {
        Refusal refusal = assertThrows(Refusal.class, () -> parse("{\"applicationName\":7,\"jobXMLName\":\"j\"}"));
        assertEquals("The attribute applicationName of the request body must be a string.", refusal.getMessage());
    }

    @Test
    void theApplicationOrModuleAndTheJobAreRequiredInLibertysWording() {
        assertEquals("Either attribute [applicationName] or [moduleName] must be provided.",
                assertThrows(Refusal.class, () -> parse("{\"jobXMLName\":\"j\"}")).getMessage());
        assertEquals("Either attribute [jobXMLName] or [jobXML] must be provided.",
                assertThrows(Refusal.class, () -> parse("{\"applicationName\":\"a\"}")).getMessage());
    }

    @Test
    void aMultipartJslPartIsParsedAsTheJsl() {
        JobSubmission submission = SubmitRequest.parse("{\"applicationName\":\"a\"}".getBytes(StandardCharsets.UTF_8),
                Optional.of("<job id=\"fromPart\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                        + "<step id=\"s\"><batchlet ref=\"b\"/></step></job>"));
        assertEquals("fromPart", submission.inlineJsl().orElseThrow().jobId());
    }

    @Test
    void actionsAreStopOrRestartInAnyCase() {
        assertEquals(JobAction.STOP, JobAction.parse("Stop"));
        assertEquals(JobAction.RESTART, JobAction.parse("RESTART"));
        assertEquals("only action=stop and action=restart are supported",
                assertThrows(Refusal.class, () -> JobAction.parse("purge")).getMessage());
        assertThrows(Refusal.class, () -> JobAction.parse(null));
    }

    @Test
    void aRestartBodyIsOptionalAndCarriesOnlyJobParameters() {
        assertEquals(Map.of(), JobAction.restartParameters(new byte[0]));
        assertEquals(Map.of(), JobAction.restartParameters(" \n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("a", "b"), JobAction.restartParameters(
                "{\"jobParameters\":{\"a\":\"b\"}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theVersionSegmentIsRecognisedAndStripped() {
        assertEquals(ApiVersion.V2, ApiVersion.of("v2/jobinstances"));
        assertEquals(ApiVersion.V4, ApiVersion.of("/v4"));
        assertEquals(ApiVersion.NONE, ApiVersion.of("jobinstances/v2"));
        assertEquals(ApiVersion.NONE, ApiVersion.of("v5/jobinstances"));
        assertEquals(ApiVersion.NONE, ApiVersion.of("v22/jobinstances"));
        assertEquals("jobinstances/3", ApiVersion.strip("v3/jobinstances/3"));
        assertTrue(ApiVersion.V2.searches());
        assertTrue(!ApiVersion.V1.searches() && !ApiVersion.NONE.searches());
    }

    @Test
    void pagingLinksReplaceOnlyThePageAndKeepTheVersion() {
        ApiLinks links = ApiLinks.of("https://localhost:9443/ibm/api/batch/v1/jobinstances", "/ibm/api/batch",
                "pageSize=2&page=3&pageSize2=x");

        assertEquals("https://localhost:9443/ibm/api/batch/v1/jobinstances?pageSize=2&pageSize2=x&page=4",
                links.withPage(4));
        assertEquals("https://localhost:9443/ibm/api/batch/", links.root());
        assertEquals("https://localhost:9443/ibm/api/batch/v1/jobinstances/5", links.jobInstance(5));
        assertEquals("https://localhost:9443/ibm/api/batch/jobinstances?page=1",
                ApiLinks.of("https://localhost:9443/ibm/api/batch/jobinstances", "/ibm/api/batch", null).withPage(1));
    }

    private static JobSubmission parse(String body) {
        return SubmitRequest.parse(body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }
}
