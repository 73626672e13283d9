package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static it.support.JsonShapes.PROGRESS_FIELDS;
import static it.support.JsonShapes.STATUS_FIELDS;
import static it.support.JsonShapes.assertDate;
import static it.support.JsonShapes.assertFields;
import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status resource {@code jobinstances/{i}/status} (docs/contract.md §11): JSON, XML and plain text by content
 * negotiation, the mapping of instance states onto the status numbers, progress and parameters,
 * ETag/If-None-Match, the waitFor=terminal long-poll, and the roles of every read.
 */
class JobStatusIT {

    /** The status fields, in order; the XML form has the same as elements, except Status, which is an attribute. */

    /** A completed chunkCopy of 100 items, every 4th filtered, submitted by submitter1. */
    private static long chunkCopy;

    /** Long-running instances started by the current test; stopped after it whatever its outcome. */
    private final List<Long> longRunning = new ArrayList<>();

    @BeforeAll
    static void oneCompletedChunkCopy() {
        chunkCopy = Jobs.submit("submitter1", "chunkCopy", Map.of("items", "100", "filterEvery", "4"));
        assertEquals("COMPLETED", Jobs.awaitFinal(chunkCopy).getString("instanceState"));
    }

    @AfterEach
    void stopLongRunningJobs() {
        longRunning.forEach(Jobs::stopIfRunning);
    }

    // ------------------------------------------------------------------------------------------------ JSON

    @Test
    void aCompletedChunkJobHasEveryFieldInOrderWithItsProgressAndParameters() {
        ApiResponse response = status("submitter1", chunkCopy, null);

        assertEquals(200, response.status(), response::toString);
        assertEquals("application/json;charset=UTF-8", response.contentType().replace(" ", ""));
        JsonObject status = response.object();
        assertFields(STATUS_FIELDS, status);
        assertFields(PROGRESS_FIELDS, status.getJsonObject("Progress"));
        JsonObject instance = BatchApi.as("admin").get("jobinstances/" + chunkCopy).object();
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + chunkCopy + "/jobexecutions/0").object();
        assertEquals(chunkCopy, status.getJsonNumber("Id").longValue());
        assertEquals(3, status.getInt("Status"));
        assertEquals("submitter1", status.getString("Identity"));
        assertEquals(execution.getString("serverId"), status.getString("WorkerId"));
        assertEquals("Job chunkCopy (instance " + chunkCopy + ") is COMPLETED; its latest execution "
                + execution.getJsonNumber("executionId") + " has batch status COMPLETED and exit status COMPLETED.",
                status.getString("StatusMessage"));
        assertDate(status.getString("Created"));
        assertEquals(instance.getString("lastUpdatedTime"), status.getString("Updated"));
        assertEquals(execution.getString("endTime"), status.getString("Completed"));
        assertEquals(progress(1, 1, 100, 75, 25, 0), progressOf(status));
        assertEquals("filterEvery=4;items=100", status.getString("Parameters"));
    }

    @Test
    void aSplitCountsEveryStepOfItsJsl() {
        long id = Jobs.submit("admin", "splitFlow", Map.of());
        assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"));

        JsonObject status = status("admin", id, null).object();

        assertEquals(3, status.getInt("Status"));
        assertEquals(progress(3, 3, 0, 0, 0, 0), progressOf(status));
        assertEquals("", status.getString("Parameters"));
    }

    @Test
    void aFailedJobIsCompletedWithErrors() {
        long id = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(id).getString("instanceState"));

        JsonObject status = status("submitter1", id, null).object();

        assertEquals(4, status.getInt("Status"));
        assertDate(status.getString("Completed"));
        assertTrue(status.getString("StatusMessage").startsWith("Job sleepyBatchlet (instance " + id + ") is FAILED;"),
                status::toString);
        assertEquals(progress(0, 1, 0, 0, 0, 0), progressOf(status));
        assertEquals("forceFailure=true;sleepSeconds=0", status.getString("Parameters"));
        assertEquals("CompletedWithErrors\n", status("submitter1", id, "text/plain").body());
    }

    @Test
    void aRunningJobIsProcessingWithoutACompletionTime() {
        long id = submitLongSleeper("submitter1", "20");
        Jobs.awaitLatestExecution(id, "STARTED");

        JsonObject status = status("submitter1", id, null).object();

        assertFields(STATUS_FIELDS, status);
        assertEquals(2, status.getInt("Status"));
        assertEquals("", status.getString("Completed"));
        assertDate(status.getString("Created"));
        assertFalse(status.getString("WorkerId").isEmpty());
        assertEquals(progress(0, 1, 0, 0, 0, 0), progressOf(status));
        assertEquals("sleepSeconds=20", status.getString("Parameters"));
        assertEquals("Processing\n", status("submitter1", id, "text/plain").body());
    }

    @Test
    void aStoppedJobIsCompletedWithErrors() {
        long id = submitLongSleeper("admin", "20");
        Jobs.awaitLatestExecution(id, "STARTED");
        BatchApi.as("admin").put("jobinstances/" + id + "?action=stop");
        assertEquals("STOPPED", Jobs.awaitFinal(id).getString("instanceState"));

        JsonObject status = status("admin", id, null).object();

        assertEquals(4, status.getInt("Status"));
        assertDate(status.getString("Completed"));
    }

    // ------------------------------------------------------------------------------------------------ XML, text

    @Test
    void theXmlFormHasTheFieldsAsElementsInOrderAndTheStatusWordAsAttribute() throws Exception {
        ApiResponse response = status("submitter1", chunkCopy, "application/xml");

        assertEquals(200, response.status(), response::toString);
        assertEquals("application/xml;charset=UTF-8", response.contentType().replace(" ", ""));
        Element root = parseSecurely(response.body()).getDocumentElement();
        assertEquals("JobStatus", root.getTagName());
        assertEquals(1, root.getAttributes().getLength());
        assertEquals("Completed", root.getAttribute("Status"));
        List<String> elementFields = new ArrayList<>(STATUS_FIELDS);
        elementFields.remove("Status");
        assertEquals(elementFields, childNames(root));
        Element progress = child(root, "Progress");
        assertEquals(PROGRESS_FIELDS, childNames(progress));

        JsonObject json = status("submitter1", chunkCopy, null).object();
        for (String field : elementFields) {
            if (!field.equals("Progress")) {
                assertEquals(json.get(field) instanceof jakarta.json.JsonString text ? text.getString()
                        : json.get(field).toString(), child(root, field).getTextContent(), field);
            }
        }
        for (String field : PROGRESS_FIELDS) {
            assertEquals(json.getJsonObject("Progress").get(field).toString(), child(progress, field).getTextContent(),
                    field);
        }
        assertEquals("filterEvery=4;items=100", child(root, "Parameters").getTextContent());
    }

    @Test
    void plainTextIsTheStatusWordAlone() {
        ApiResponse response = status("submitter1", chunkCopy, "text/plain");

        assertEquals(200, response.status(), response::toString);
        assertEquals("text/plain;charset=UTF-8", response.contentType().replace(" ", ""));
        assertEquals("Completed\n", response.body());
    }

    @Test
    void jsonIsTheDefaultAndAcceptIsNegotiated() {
        assertEquals("application/json;charset=UTF-8",
                status("submitter1", chunkCopy, "*/*").contentType().replace(" ", ""));
        assertEquals("application/xml;charset=UTF-8", status("submitter1", chunkCopy,
                "text/plain;q=0.5, application/xml").contentType().replace(" ", ""));
        ApiResponse refused = status("submitter1", chunkCopy, "image/png");
        assertProblem(refused, 406);
    }

    // ------------------------------------------------------------------------------------------------ ETag

    @Test
    void theETagIsStableAndIfNoneMatchWithItIs304WithoutABody() {
        ApiResponse first = status("submitter1", chunkCopy, null);
        String tag = first.header("ETag").orElseThrow();
        assertTrue(tag.matches("\"[0-9a-f]{32}\""), tag);
        assertEquals(tag, status("submitter1", chunkCopy, null).header("ETag").orElseThrow());

        for (String ifNoneMatch : List.of(tag, "W/" + tag, "\"other\", " + tag, "*")) {
            ApiResponse notModified = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + chunkCopy
                    + "/status").header("If-None-Match", ifNoneMatch).GET());

            assertEquals(304, notModified.status(), () -> ifNoneMatch + ": " + notModified);
            assertEquals("", notModified.body());
            assertEquals(tag, notModified.header("ETag").orElseThrow());
        }
        ApiResponse otherTag = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + chunkCopy + "/status")
                .header("If-None-Match", "\"0123\"").GET());
        assertEquals(200, otherTag.status(), otherTag::toString);

        String xmlTag = status("submitter1", chunkCopy, "application/xml").header("ETag").orElseThrow();
        assertNotEquals(tag, xmlTag, "each representation has its own tag");
        ApiResponse jsonWithXmlTag = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + chunkCopy
                + "/status").header("If-None-Match", xmlTag).GET());
        assertEquals(200, jsonWithXmlTag.status(), jsonWithXmlTag::toString);
    }

    @Test
    void afterARestartTheOldETagNoLongerMatchesAndANewOneIsGiven() {
        long id = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(id).getString("instanceState"));
        ApiResponse failed = status("submitter1", id, null);
        String before = failed.header("ETag").orElseThrow();
        assertEquals(4, failed.object().getInt("Status"));

        ApiResponse restarted = BatchApi.as("submitter1").putJson("jobinstances/" + id + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}");
        assertEquals(200, restarted.status(), restarted::toString);
        Jobs.awaitState(id, "COMPLETED");

        ApiResponse changed = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + id + "/status")
                .header("If-None-Match", before).GET());

        assertEquals(200, changed.status(), changed::toString);
        String after = changed.header("ETag").orElseThrow();
        assertNotEquals(before, after);
        assertEquals(3, changed.object().getInt("Status"));
        assertEquals("sleepSeconds=0", changed.object().getString("Parameters"));
        ApiResponse unchanged = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + id + "/status")
                .header("If-None-Match", after).GET());
        assertEquals(304, unchanged.status(), unchanged::toString);
    }

    // ------------------------------------------------------------------------------------------------ waitFor

    @Test
    void waitForTerminalHoldsTheRequestUntilTheJobIsFinal() {
        long id = submitLongSleeper("submitter1", "3");

        long start = System.nanoTime();
        ApiResponse response = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + id
                + "/status?waitFor=terminal&timeout=30").GET());
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, response.status(), response::toString);
        assertEquals(3, response.object().getInt("Status"), response::toString);
        assertDate(response.object().getString("Completed"));
        assertTrue(waited.compareTo(Duration.ofMillis(1500)) > 0, () -> "answered after " + waited);
        // Well before the 30 s timeout: answered when the job ended (bounds a busy build machine cannot break).
        assertTrue(waited.compareTo(Duration.ofSeconds(25)) < 0, () -> "answered after " + waited);
        assertEquals("COMPLETED", BatchApi.as("admin").get("jobinstances/" + id).object().getString("instanceState"));
    }

    @Test
    void waitForTerminalAnswersTheCurrentStatusWhenTheTimeoutPasses() {
        long id = submitLongSleeper("submitter1", "20");
        Jobs.awaitLatestExecution(id, "STARTED");

        long start = System.nanoTime();
        ApiResponse response = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + id
                + "/status?waitFor=terminal&timeout=1").GET());
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, response.status(), response::toString);
        assertEquals(2, response.object().getInt("Status"));
        assertEquals("", response.object().getString("Completed"));
        assertTrue(waited.compareTo(Duration.ofMillis(900)) > 0, () -> "answered after " + waited);

        ApiResponse inXml = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + id
                + "/status?waitFor=terminal&timeout=0s").header("Accept", "application/xml").GET());
        assertEquals(200, inXml.status(), inXml::toString);
        assertTrue(inXml.body().contains("<JobStatus Status=\"Processing\">"), inXml::body);
    }

    @Test
    void waitForOnAFinalJobAnswersAtOnce() {
        long start = System.nanoTime();
        ApiResponse response = HttpCalls.send(HttpCalls.as("submitter1", "jobinstances/" + chunkCopy
                + "/status?waitFor=terminal&timeout=300").GET());

        assertEquals(200, response.status(), response::toString);
        assertEquals(3, response.object().getInt("Status"));
        // Nowhere near the 300 s timeout: not held at all.
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(60)) < 0);
    }

    @Test
    void anUnknownWaitForOrAnInvalidTimeoutIs400NamingTheParameter() {
        for (String query : List.of("waitFor=foo", "waitFor=TERMINAL", "waitFor=")) {
            ApiResponse response = status("submitter1", chunkCopy + "/status?" + query);
            assertTrue(assertProblem(response, 400).contains("waitFor"), query);
            assertEquals("waitFor", invalidParam(response), query);
        }
        for (String query : List.of("waitFor=terminal&timeout=abc", "waitFor=terminal&timeout=301",
                "waitFor=terminal&timeout=-1", "waitFor=terminal&timeout=1m")) {
            ApiResponse response = status("submitter1", chunkCopy + "/status?" + query);
            assertTrue(assertProblem(response, 400).contains("timeout"), query);
            assertEquals("timeout", invalidParam(response), query);
        }
    }

    @Test
    void twentyClientsWaitingAtOnceLeaveTheServerResponsive() throws Exception {
        long id = submitLongSleeper("admin", "6");
        Jobs.awaitLatestExecution(id, "STARTED");
        List<CompletableFuture<ApiResponse>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(HttpCalls.sendAsync(HttpCalls.as(i % 2 == 0 ? "admin" : "monitor", "jobinstances/" + id
                    + "/status?waitFor=terminal&timeout=60").GET()));
        }

        // Answered while the job still runs (status 2), so not held behind the waiting clients; no clock is read,
        // which a busy build machine would make fail.
        ApiResponse plain = status("admin", id, null);
        ApiResponse other = BatchApi.as("admin").get("jobinstances/" + chunkCopy);

        assertEquals(200, plain.status(), plain::toString);
        assertEquals(2, plain.object().getInt("Status"));
        assertEquals(200, other.status(), other::toString);
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "the waiting clients are still held");
        for (CompletableFuture<ApiResponse> client : waiting) {
            ApiResponse response = client.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.status(), response::toString);
            assertEquals(3, response.object().getInt("Status"), response::toString);
        }
    }

    // ------------------------------------------------------------------------------------------------ roles

    @Test
    void theStatusIsReadLikeTheInstanceItself() {
        assertTrue(assertProblem(status("submitter2", chunkCopy, null), 403).contains("submitter2"));
        assertProblem(status("nobody", chunkCopy, null), 403);
        assertEquals(401, status(null, chunkCopy, null).status());
        for (String reader : List.of("submitter1", "monitor", "submon", "admin")) {
            ApiResponse response = status(reader, chunkCopy, null);
            assertEquals(200, response.status(), () -> reader + ": " + response);
            assertEquals(chunkCopy, response.object().getJsonNumber("Id").longValue());
        }
        assertEquals(200, status("monitor", chunkCopy, "application/xml").status());
        assertEquals("Completed\n", status("monitor", chunkCopy, "text/plain").body());
    }

    @Test
    void anUnknownOrMalformedInstanceIdIsAProblem() {
        ApiResponse unknown = status("admin", Long.MAX_VALUE - 7, null);
        assertTrue(assertProblem(unknown, 404).contains(Long.toString(Long.MAX_VALUE - 7)));
        ApiResponse unknownWhileWaiting = status("admin", Long.MAX_VALUE - 7 + "/status?waitFor=terminal&timeout=5");
        assertProblem(unknownWhileWaiting, 404);
        ApiResponse malformed = status("admin", "abc/status");
        assertTrue(assertProblem(malformed, 400).contains("(abc)"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private long submitLongSleeper(String user, String seconds) {
        long id = Jobs.submit(user, "sleepyBatchlet", Map.of("sleepSeconds", seconds));
        longRunning.add(id);
        return id;
    }

    private static ApiResponse status(String user, long instanceId, String accept) {
        HttpRequest.Builder request = HttpCalls.as(user, "jobinstances/" + instanceId + "/status");
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpCalls.send(request.GET());
    }

    private static ApiResponse status(String user, String instancePathAndQuery) {
        return HttpCalls.send(HttpCalls.as(user, "jobinstances/" + instancePathAndQuery).GET());
    }

    private static List<Long> progress(long... values) {
        List<Long> list = new ArrayList<>();
        for (long value : values) {
            list.add(value);
        }
        return list;
    }

    private static List<Long> progressOf(JsonObject status) {
        JsonObject progress = status.getJsonObject("Progress");
        return PROGRESS_FIELDS.stream().map(field -> progress.getJsonNumber(field).longValue()).toList();
    }

    private static String invalidParam(ApiResponse problem) {
        return problem.object().getJsonArray("invalidParams").getJsonObject(0).getString("name");
    }

    /** A parser that reads no DTD and resolves no entity. */
    private static Document parseSecurely(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    /** The names of the child elements, in order; fails on any text between them. */
    private static List<String> childNames(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            assertEquals(Node.ELEMENT_NODE, node.getNodeType(), () -> "only elements in " + parent.getTagName());
            names.add(node.getNodeName());
        }
        return names;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no element " + name + " in " + parent.getTagName());
    }
}
