package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.JobRepositoryFixture.RepositorySize;
import it.support.Jobs;
import it.support.RawHttp;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static it.support.BatchApi.CONTEXT_ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of hostile requests, generated from tables (add a row to add a case): broken paths and ids, query strings
 * with bad or malicious values, malformed headers, JSON, XML, JSL and multipart bodies, oversized and badly encoded
 * bodies. Each is sent byte for byte on a connection of its own. For every one: the expected status, an
 * {@code application/problem+json} body without class names, exception text or stack traces, and nothing recorded:
 * the job repository's instances, executions and job parameters and the job-log folder are the same before and
 * after. Filters whose values look like SQL are answered, literally, with no match.
 */
class HostileInputIT {

    /** Any status of the 4xx class, where the exact code is not the point of the row. */
    private static final int CLIENT_ERROR = 4;
    private static final long UNKNOWN_ID = 9_000_000_000_000_000_000L;
    /** An instance id no test reaches that a search filter still accepts (at most 18 digits). */
    private static final long UNKNOWN_SEARCHED_ID = 900_000_000_000_000_000L;
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "Exception|\\tat |\\b(java|javax|jakarta|io\\.batchrest|com\\.ibm|org\\.apache|org\\.jboss)\\.[a-z]+\\.");
    private static final String JAKARTA_JSL = "xmlns=\\\"https://jakarta.ee/xml/ns/jakartaee\\\" version=\\\"2.0\\\"";
    private static final String STEP = "<step id=\\\"s\\\"><batchlet ref=\\\"sleepyBatchlet\\\"/></step>";

    /** A FAILED instance of admin's: restarts with a bad body must not add an execution. */
    private static long failedInstance;
    private static long failedExecution;
    private static long stepExecution;
    private static Path jobLogRoot;

    /** One request of the corpus, as sent; {@code status} is exact, or {@link #CLIENT_ERROR} for any 4xx. */
    record Hostile(String name, String method, String target, String headers, byte[] body, int status) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void oneFailedInstance() {
        failedInstance = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        Jobs.awaitFinal(failedInstance);
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + failedInstance + "/jobexecutions/0")
                .object();
        failedExecution = execution.getJsonNumber("executionId").longValue();
        stepExecution = execution.getJsonArray("stepExecutions").getJsonObject(0).getJsonNumber("stepExecutionId")
                .longValue();
        String logpath = execution.getString("logpath");
        jobLogRoot = Path.of(logpath.substring(0, logpath.indexOf("/joblogs/") + "/joblogs".length()));
    }

    @Test
    void theCorpusHasAtLeast300Requests() {
        assertTrue(corpus().count() >= 300, () -> "corpus of " + corpus().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileRequestIsRefusedClearlyAndRecordsNothing(Hostile request) {
        RepositorySize before = JobRepositoryFixture.size(failedInstance);
        Set<String> logsBefore = jobLogFolders();

        ApiResponse response = RawHttp.send(request.method(), CONTEXT_ROOT + "/" + request.target(),
                request.headers(), request.body());

        if (request.status() == CLIENT_ERROR) {
            assertEquals(4, response.status() / 100, () -> request + ": " + response);
        } else {
            assertEquals(request.status(), response.status(), () -> request + ": " + response);
        }
        if (response.status() == 200) {
            assertEquals("[]", response.body().replaceAll("\\s", ""), () -> request + ": " + response);
        } else {
            assertTrue(response.contentType().startsWith("application/problem+json"), () -> request + ": " + response);
            String detail = response.object().getString("detail");
            assertFalse(detail.isBlank(), () -> request + ": " + response);
        }
        assertFalse(JAVA_NAMES.matcher(response.body()).find(), () -> request + " leaks internals: " + response);
        assertEquals(before, JobRepositoryFixture.size(failedInstance), () -> request + " changed the job repository");
        assertNoNewJobLogFolder(logsBefore, jobLogFolders(), before.maxInstanceId(), request);
    }

    static Stream<Hostile> corpus() {
        List<Hostile> corpus = new ArrayList<>();
        queryStrings(corpus);
        pathIds(corpus);
        jobLogParameters(corpus);
        submissionBodies(corpus);
        inlineJsl(corpus);
        multipartForms(corpus);
        restartBodies(corpus);
        headersAndEncodings(corpus);
        containerRefusals(corpus);
        return corpus.stream();
    }

    // --------------------------------------------------------------------------------------------- query strings

    private static final Map<String, List<String>> INVALID_VALUES = ordered(
            Map.entry("page", List.of("abc", "-1", "1.5", "99999999999999999999", "", "%EF%BC%91", "1e3", "0x10")),
            Map.entry("pageSize", List.of("abc", "0", "-5", "1001", "100000000", "", "1e2", "%20")),
            Map.entry("jobInstanceId", List.of("abc", "1;DROP", "'%20OR%201=1--", "5:1", ":", "1:", ">", "<", ">a",
                    "1,,2", "%EF%BC%91%EF%BC%92", "99999999999999999999", "-1", "1:2:3", "%3E%3E1")),
            Map.entry("createTime", List.of("abc", "2026-13-45", "2026-02-30", ">-1d", ">1x", "2026-01-01:abc", "<",
                    "'%20OR%201=1--", "2026/01/01", ">99999999999d", "2026-01-02:2026-01-01")),
            Map.entry("lastUpdatedTime", List.of("abc", "2026-00-10", ">d", "%3C%3C1d", "1d", "today")),
            Map.entry("instanceState", List.of("NOPE", "'%20OR%201=1--", ",", "COMPLETED,NOPE", "", "0")),
            Map.entry("ignoreCase", List.of("yes", "1", "", "TRUEISH")),
            Map.entry("after", List.of("garbage", "!!!", "AAAA", "eyJ0IjoxfQ", "%00")),
            Map.entry("count", List.of("estimated", "", "EXACTLY", "1")),
            Map.entry("exitStatus", List.of("")),
            Map.entry("jobName", List.of("")),
            Map.entry("submitter", List.of("")),
            Map.entry("appName", List.of("")),
            Map.entry("jobParameter.", List.of("x")),
            Map.entry("jobParameter.kind", List.of("")));

    /** Values that look like SQL or patterns: read literally, they match no instance. */
    private static final List<String> LITERAL_VALUES = List.of("'%20OR%201=1--", "x'%20UNION%20SELECT%20*%20FROM%20"
            + "JBATCH.JOBINSTANCE--", "%25", "_", "a%5C%5Cb", "%22;%20DROP%20TABLE%20JBATCH.JOBINSTANCE;--", "%5B%5D",
            "%00", "%E2%80%AE%F0%9F%98%80", "*'*", "--", "/*");

    private static void queryStrings(List<Hostile> corpus) {
        INVALID_VALUES.forEach((parameter, values) -> {
            for (String value : values) {
                String query = parameter + "=" + value;
                corpus.add(get("v4 " + query, "v4/jobinstances?" + query, 400));
                if (!parameter.equals("ignoreCase") && !parameter.startsWith("job") && !parameter.equals("submitter")
                        && !parameter.equals("appName") && !parameter.equals("lastUpdatedTime")) {
                    corpus.add(get("v2 " + query, "v2/jobinstances?" + query, 400));
                }
                corpus.add(new Hostile("bulk purge " + query, "DELETE", "v4/jobinstances?" + query,
                        RawHttp.basic("admin"), new byte[0], 400));
            }
        });
        for (String parameter : List.of("jobName", "submitter", "appName", "exitStatus", "jobParameter.kind")) {
            for (String value : LITERAL_VALUES) {
                String query = parameter + "=" + value + "&jobInstanceId=" + UNKNOWN_SEARCHED_ID;
                corpus.add(get("literal " + parameter + "=" + value, "v4/jobinstances?" + query, 200));
            }
        }
        for (String parameter : List.of("page", "pageSize", "jobInstanceId", "createTime", "instanceState",
                "jobName", "after", "count", "jobParameter.kind")) {
            corpus.add(get("broken escape in " + parameter, "v4/jobinstances?" + parameter + "=1%zz", 400));
            corpus.add(get("trailing % in " + parameter, "v4/jobinstances?" + parameter + "=1%", 400));
        }
        for (String parameter : List.of("page", "pageSize", "jobInstanceId", "createTime", "lastUpdatedTime",
                "instanceState", "sort", "ignoreCase", "count", "jobParameter.kind")) {
            corpus.add(get("repeated " + parameter, "v4/jobinstances?" + parameter + "=1&" + parameter + "=2", 400));
        }
        corpus.add(get("repeated type of job logs", "jobinstances/" + failedInstance + "/joblogs?type=text&type=zip",
                400));
        corpus.add(new Hostile("repeated action", "PUT", "jobinstances/" + failedInstance
                + "?action=stop&action=restart", RawHttp.basic("admin"), new byte[0], 400));
    }

    // ------------------------------------------------------------------------------------------------- path ids

    private static final List<String> BAD_IDS = List.of("abc", "1.5", "99999999999999999999", "%EF%BC%91",
            "1%20OR%201=1", "%27", "1;x", "0x1F", "%20", "1e3");

    private static void pathIds(List<Hostile> corpus) {
        List<String> templates = List.of("jobinstances/ID", "jobinstances/ID/jobexecutions",
                "jobinstances/ID/jobexecutions/0", "jobinstances/ID/joblogs", "jobexecutions/ID",
                "jobexecutions/ID/jobinstance", "jobexecutions/ID/stepexecutions",
                "jobexecutions/ID/stepexecutions/step1", "jobexecutions/ID/joblogs", "stepexecutions/ID",
                "v4/jobinstances/ID");
        for (String template : templates) {
            for (String id : BAD_IDS) {
                corpus.add(get("GET " + template + " with id " + id, template.replace("ID", id), 400));
            }
            corpus.add(get("GET " + template + " with an unknown id", template.replace("ID", "" + UNKNOWN_ID), 404));
        }
        for (String id : List.of("abc", "1;DROP", "%27%20OR%201=1")) {
            corpus.add(new Hostile("stop instance " + id, "PUT", "jobinstances/" + id + "?action=stop",
                    RawHttp.basic("admin"), new byte[0], 400));
            corpus.add(new Hostile("purge instance " + id, "DELETE", "jobinstances/" + id, RawHttp.basic("admin"),
                    new byte[0], 400));
            corpus.add(new Hostile("stop execution " + id, "PUT", "jobexecutions/" + id + "?action=stop",
                    RawHttp.basic("admin"), new byte[0], 400));
        }
        for (String number : List.of("abc", "-1", "1.5", "99999999999")) {
            corpus.add(get("execution number " + number, "jobinstances/" + failedInstance + "/jobexecutions/"
                    + number, 400));
        }
        corpus.add(get("a step name with SQL", "jobexecutions/" + failedExecution + "/stepexecutions/"
                + "x'%20OR%20'1'='1", 404));
        corpus.add(new Hostile("purge with purgeJobStoreOnly=maybe", "DELETE", "jobinstances/" + failedInstance
                + "?purgeJobStoreOnly=maybe", RawHttp.basic("admin"), new byte[0], 400));
        corpus.add(new Hostile("a matrix parameter before a purge", "DELETE", "jobinstances/" + failedInstance
                + ";x=1", RawHttp.basic("admin"), new byte[0], 400));
        corpus.add(new Hostile("an unknown action", "PUT", "jobinstances/" + failedInstance + "?action=drop",
                RawHttp.basic("admin"), new byte[0], 400));
        corpus.add(new Hostile("PATCH on an instance", "PATCH", "jobinstances/" + failedInstance,
                RawHttp.basic("admin"), new byte[0], 405));
        corpus.add(get("an unknown resource", "jobinstances/" + failedInstance + "/nothing", 404));
        corpus.add(get("an unknown version", "v9/jobinstances", 404));
    }

    // ------------------------------------------------------------------------------------------- job-log params

    private static void jobLogParameters(List<Hostile> corpus) {
        String logs = "jobexecutions/" + failedExecution + "/joblogs?";
        for (String part : List.of("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..%5C..%5Cx",
                "part.1.log%00.txt", "step1/../../../x", "nope.log", "%2e%2e/part.1.log", "C:%5Cwindows")) {
            corpus.add(get("part=" + part, logs + "type=text&part=" + part, CLIENT_ERROR));
        }
        for (String type : List.of("pdf", "", "TEXTT", "../zip")) {
            corpus.add(get("type=" + type, logs + "type=" + type, 400));
        }
        corpus.add(get("part of an instance's logs", "jobinstances/" + failedInstance + "/joblogs?part=part.1.log"
                + "&type=text", 400));
    }

    // ------------------------------------------------------------------------------------------ submission bodies

    private static void submissionBodies(List<Hostile> corpus) {
        String valid = "\"applicationName\":\"batch-rest\",\"jobXMLName\":\"sleepyBatchlet\"";
        List<String> bodies = List.of("", " ", "{", "}", "[]", "null", "1", "\"x\"", "{}x", "{} {}", "{\"a\":}",
                "{'applicationName':'batch-rest'}", "{\"applicationName\":1,\"jobXMLName\":\"sleepyBatchlet\"}",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":[\"sleepyBatchlet\"]}",
                "{" + valid + ",\"jobParameters\":[]}", "{" + valid + ",\"jobParameters\":\"a=b\"}",
                "{" + valid + ",\"jobParameters\":{\"a\":1}}", "{" + valid + ",\"jobParameters\":{\"a\":null}}",
                "{" + valid + ",\"jobParameters\":{\"a\":{\"b\":\"c\"}}}",
                "{" + valid + ",\"jobParameters\":{\"a\":true}}",
                "{\"applicationName\":\"batch-rest\"}", "{\"jobXMLName\":\"sleepyBatchlet\"}",
                "{\"applicationName\":\"nope\",\"jobXMLName\":\"sleepyBatchlet\"}",
                "{\"applicationName\":\"batch-rest\",\"moduleName\":\"nope.war\",\"jobXMLName\":\"sleepyBatchlet\"}",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"noSuchJob\"}",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"../../WEB-INF/web\"}",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"/etc/passwd\"}",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"sleepyBatchlet\\u0000\"}",
                "{" + valid + ",\"jobParameters\":{\"" + "n".repeat(10_000) + "\":\"1\"}}",
                "{" + valid + ",\"jobParameters\":{\"v\":\"" + "x".repeat(100_000) + "\"}}",
                "{" + valid + ",\"jobParameters\":{\"v\":\"" + "x".repeat(1_000_000) + "\"}}",
                "{" + valid + ",\"jobParameters\":" + "{\"a\":".repeat(50_000) + "\"x\"" + "}".repeat(50_001),
                "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                "\u00ef\u00bb\u00bf{" + valid + ",\"jobParameters\":{\"a\":1}}",
                "{" + valid + ",\"jobParameters\":{\"a\":\"\\ud800\"},\"x\":}");
        for (String body : bodies) {
            corpus.add(postJson("JSON body " + shortened(body), body, CLIENT_ERROR));
        }
        corpus.add(new Hostile("a body declared as 5 MB", "POST", "jobinstances", RawHttp.basic("admin")
                + "Content-Type: application/json\r\nContent-Length: 5000000\r\n",
                ("{" + valid + ",\"jobParameters\":{\"v\":\"" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8),
                413));
    }

    // ----------------------------------------------------------------------------------------------- inline JSL

    private static void inlineJsl(List<Hostile> corpus) {
        List<String> documents = List.of("", "   ", "not xml", "<job", "<job id=\\\"x\\\"></jobb>",
                "<step id=\\\"x\\\"/>",
                "<?xml version=\\\"1.0\\\"?><!DOCTYPE job [<!ENTITY x SYSTEM \\\"file:///etc/passwd\\\">]><job id="
                        + "\\\"x\\\" " + JAKARTA_JSL + ">&x;" + STEP + "</job>",
                "<!DOCTYPE job><job id=\\\"x\\\" " + JAKARTA_JSL + ">" + STEP + "</job>",
                "<?xml version=\\\"1.0\\\"?><!DOCTYPE lolz [<!ENTITY lol \\\"lol\\\"><!ENTITY lol2 \\\"&lol;&lol;"
                        + "&lol;\\\">]><job id=\\\"x\\\">&lol2;</job>",
                "<job id=\\\"x\\\" version=\\\"2.0\\\">" + STEP + "</job>",
                "<job id=\\\"x\\\" xmlns=\\\"urn:evil\\\" version=\\\"2.0\\\">" + STEP + "</job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + "></job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + "><step id=\\\"s\\\"/></job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + ">" + STEP + STEP + "</job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + "><step id=\\\"s\\\" next=\\\"s\\\"><batchlet ref=\\\"b\\\"/>"
                        + "</step></job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + "><step id=\\\"s\\\" next=\\\"nowhere\\\"><batchlet ref="
                        + "\\\"b\\\"/></step></job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + "><step id=\\\"a\\\" next=\\\"b\\\"><batchlet ref=\\\"b\\\"/>"
                        + "</step><step id=\\\"b\\\"><batchlet ref=\\\"b\\\"/><next on=\\\"*\\\" to=\\\"a\\\"/>"
                        + "</step></job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + ">" + STEP + "<bogus/></job>",
                "<job " + JAKARTA_JSL + ">" + STEP + "</job>",
                "<job id=\\\"\\\" " + JAKARTA_JSL + ">" + STEP + "</job>",
                "<job id=\\\"../../x\\\" " + JAKARTA_JSL + ">" + STEP + "</job>",
                "<job id=\\\"a/b\\\" " + JAKARTA_JSL + ">" + STEP + "</job>",
                "<job id=\\\"a&#9;b\\\" " + JAKARTA_JSL + ">" + STEP + "</job>",
                "<job id=\\\"" + "j".repeat(10_000) + "\\\" " + JAKARTA_JSL + ">" + STEP + "</job>",
                "<job id=\\\"x\\\" " + JAKARTA_JSL + "><split id=\\\"p\\\"><flow id=\\\"f\\\" next=\\\"g\\\">"
                        + STEP + "</flow><flow id=\\\"g\\\"><step id=\\\"t\\\"><batchlet ref=\\\"b\\\"/></step>"
                        + "</flow></split></job>",
                "<xi:include xmlns:xi=\\\"http://www.w3.org/2001/XInclude\\\" href=\\\"file:///etc/passwd\\\"/>");
        for (String jsl : documents) {
            corpus.add(postJson("inline JSL " + shortened(jsl), "{\"applicationName\":\"batch-rest\",\"jobXML\":\""
                    + jsl + "\"}", 400));
        }
    }

    // ------------------------------------------------------------------------------------------- multipart forms

    private static void multipartForms(List<Hostile> corpus) {
        String jobData = "Content-Disposition: form-data; name=\"jobdata\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"applicationName\":\"batch-rest\"}\r\n";
        String jsl = "Content-Disposition: form-data; name=\"jsl\"\r\nContent-Type: application/xml\r\n\r\n"
                + "<job id=\"mp\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\"><step id=\"s\">"
                + "<batchlet ref=\"sleepyBatchlet\"/></step></job>\r\n";
        String complete = "--b\r\n" + jobData + "--b\r\n" + jsl + "--b--\r\n";
        corpus.add(multipart("without a boundary parameter", "multipart/form-data", complete));
        corpus.add(multipart("with an empty boundary", "multipart/form-data; boundary=", complete));
        corpus.add(multipart("cut off before the closing delimiter", "multipart/form-data; boundary=b",
                "--b\r\n" + jobData + "--b\r\n" + jsl));
        corpus.add(multipart("cut off inside a part", "multipart/form-data; boundary=b",
                "--b\r\n" + jobData + "--b\r\n" + jsl.substring(0, 80)));
        corpus.add(multipart("with another boundary", "multipart/form-data; boundary=other", complete));
        corpus.add(multipart("without a jsl part", "multipart/form-data; boundary=b", "--b\r\n" + jobData
                + "--b--\r\n"));
        corpus.add(multipart("without a jobdata part", "multipart/form-data; boundary=b", "--b\r\n" + jsl
                + "--b--\r\n"));
        corpus.add(multipart("empty", "multipart/form-data; boundary=b", ""));
        corpus.add(multipart("with malformed jobdata", "multipart/form-data; boundary=b", "--b\r\n"
                + jobData.replace("{\"applicationName\":\"batch-rest\"}", "{oops") + "--b\r\n" + jsl + "--b--\r\n"));
        corpus.add(multipart("with JSL in another namespace", "multipart/form-data; boundary=b", "--b\r\n" + jobData
                + "--b\r\n" + jsl.replace("https://jakarta.ee/xml/ns/jakartaee", "urn:x") + "--b--\r\n"));
        corpus.add(multipart("with a part header without a blank line", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"jobdata\"{}\r\n--b--\r\n"));
    }

    // -------------------------------------------------------------------------------------------- restart bodies

    private static void restartBodies(List<Hostile> corpus) {
        for (String body : List.of("{", "[]", "{\"jobParameters\":[]}", "{\"jobParameters\":{\"a\":1}}",
                "{\"jobParameters\":{\"v\":\"" + "x".repeat(1000) + "\"}}", "{\"jobParameters\":"
                        + "{\"a\":".repeat(40) + "1" + "}".repeat(41), "{}x")) {
            corpus.add(new Hostile("restart body " + shortened(body), "PUT", "jobinstances/" + failedInstance
                    + "?action=restart", RawHttp.basic("admin") + "Content-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n", body.getBytes(StandardCharsets.UTF_8),
                    400));
        }
        corpus.add(new Hostile("restart with reusePreviousParams=perhaps", "PUT", "jobinstances/" + failedInstance
                + "?action=restart&reusePreviousParams=perhaps", RawHttp.basic("admin"), new byte[0], 400));
        corpus.add(new Hostile("restart through a step execution id", "PUT", "jobexecutions/" + stepExecution
                + "x?action=restart", RawHttp.basic("admin"), new byte[0], 400));
    }

    // ----------------------------------------------------------------------------------- headers and encodings

    private static void headersAndEncodings(List<Hostile> corpus) {
        String body = "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"sleepyBatchlet\"}";
        for (String contentType : List.of(";;;/", "application/", "/json", "application/json; charset=nope",
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "image/png")) {
            corpus.add(new Hostile("Content-Type " + contentType, "POST", "jobinstances", RawHttp.basic("admin")
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length() + "\r\n",
                    body.getBytes(StandardCharsets.UTF_8), CLIENT_ERROR));
        }
        for (String accept : List.of(";;;/", "text/", "application/json;q=abc")) {
            corpus.add(new Hostile("Accept " + accept, "POST", "jobinstances", RawHttp.basic("admin")
                    + "Accept: " + accept + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n", body.getBytes(StandardCharsets.UTF_8), CLIENT_ERROR));
        }
        for (String key : List.of("", "has space", "k".repeat(256), "tab\there", "schl\u00fcssel")) {
            corpus.add(new Hostile("Idempotency-Key [" + shortened(key) + "]", "POST", "jobinstances",
                    RawHttp.basic("admin") + "Idempotency-Key: " + key + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n", body.getBytes(StandardCharsets.UTF_8), 400));
        }
        corpus.add(new Hostile("a malformed chunked body", "POST", "jobinstances", RawHttp.basic("admin")
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "zz\r\n{\"a\"\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8), 400));
        corpus.add(new Hostile("a chunked body past 4 MiB", "POST", "jobinstances", RawHttp.basic("admin")
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunked(5_000_000), 413));
    }

    // ---------------------------------------------------------------------------------- refused by the container

    private static void containerRefusals(List<Hostile> corpus) {
        for (String path : List.of("jobinstances/1%2F2", "jobinstances/%2e%2e/jobexecutions", "jobinstances/1%5C2",
                "jobexecutions/1\\2", "jobinstances/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "jobexecutions/%2e/1")) {
            corpus.add(get("path " + path, path, 400));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The table in the order it is written, so that the corpus is the same in every run. */
    @SafeVarargs
    private static Map<String, List<String>> ordered(Map.Entry<String, List<String>>... entries) {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : entries) {
            table.put(entry.getKey(), entry.getValue());
        }
        return table;
    }

    private static Hostile get(String name, String target, int status) {
        return new Hostile(name, "GET", target, RawHttp.basic("admin"), new byte[0], status);
    }

    private static Hostile postJson(String name, String json, int status) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new Hostile(name, "POST", "jobinstances", RawHttp.basic("admin") + "Content-Type: application/json"
                + "\r\nContent-Length: " + body.length + "\r\n", body, status);
    }

    private static Hostile multipart(String name, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Hostile("multipart " + name, "POST", "jobinstances", RawHttp.basic("admin") + "Content-Type: "
                + contentType + "\r\nContent-Length: " + bytes.length + "\r\n", bytes, 400);
    }

    private static byte[] chunked(int size) {
        StringBuilder body = new StringBuilder("{\"applicationName\":\"batch-rest\",\"jobParameters\":{\"v\":\"");
        body.append("x".repeat(size));
        StringBuilder chunks = new StringBuilder();
        for (int at = 0; at < body.length(); at += 65_536) {
            String chunk = body.substring(at, Math.min(body.length(), at + 65_536));
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String shortened(String text) {
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() <= 60 ? visible : visible.substring(0, 60) + "...(" + text.length() + " chars)";
    }

    /**
     * The job-log folder lost nothing and gained no folder but those of instances that existed before the request
     * (jobs queued by earlier tests may still start).
     */
    private static void assertNoNewJobLogFolder(Set<String> before, Set<String> after, long maxInstanceId,
            Hostile request) {
        assertTrue(after.containsAll(before), () -> request + ": the job-log folder lost " + before.stream()
                .filter(path -> !after.contains(path)).toList());
        List<String> added = after.stream().filter(path -> !before.contains(path)).toList();
        List<String> earlierInstances = added.stream().filter(path -> path.matches(".*/instance\\.\\d+")
                && Long.parseLong(path.substring(path.lastIndexOf('.') + 1)) <= maxInstanceId).toList();
        for (String path : added) {
            assertTrue(earlierInstances.stream().anyMatch(instance -> instance.equals(path)
                    || instance.startsWith(path + "/")), () -> request + ": the job-log folder gained " + path);
        }
    }

    /** The job-log folder down to the instance directories ({@code job/date/instance.N}). */
    private static Set<String> jobLogFolders() {
        if (!Files.isDirectory(jobLogRoot)) {
            return Set.of();
        }
        try (Stream<Path> paths = Files.walk(jobLogRoot, 3)) {
            return paths.map(path -> jobLogRoot.relativize(path).toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
