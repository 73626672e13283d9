package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.RawHttp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static it.support.BatchApi.CONTEXT_ROOT;
import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error row of docs/contract.md §0, §1, §3, §4 and §5: the exact status, an RFC 9457 problem+json body whose
 * detail names the offending id or parameter (Liberty's wording where there is one), {@code invalidParams} on parameter
 * errors, no Java internals in any body, and nothing recorded by a refused submission.
 */
class ErrorResponsesIT {

    private static final long UNKNOWN_ID = 9_000_000_000_000_000_000L;
    private static final Map<String, String> QUICK = Map.of("sleepSeconds", "0");
    private static final Map<Integer, String> TITLES = Map.of(400, "Bad Request", 403, "Forbidden", 404, "Not Found",
            405, "Method Not Allowed", 409, "Conflict", 415, "Unsupported Media Type");
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "Exception|\\tat |\\b(java|javax|jakarta|io\\.batchrest|com\\.ibm|org\\.apache)\\.[a-z]+\\.");
    private static final String UNSAFE_JOB_ID = "The job id in jobXML must not contain '/', '\\', '..' or control "
            + "characters.";

    /** A COMPLETED instance of admin's, with its one execution and that execution's step. */
    private static long completedInstance;
    private static long completedExecution;
    private static long completedStepExecution;

    @BeforeAll
    static void oneCompletedInstance() {
        completedInstance = Jobs.submit("admin", "sleepyBatchlet", QUICK);
        assertEquals("COMPLETED", Jobs.awaitFinal(completedInstance).getString("instanceState"));
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + completedInstance + "/jobexecutions/0")
                .object();
        completedExecution = execution.getJsonNumber("executionId").longValue();
        completedStepExecution = execution.getJsonArray("stepExecutions").getJsonObject(0)
                .getJsonNumber("stepExecutionId").longValue();
    }

    // ---------------------------------------------------------------------------------------------- 404 unknown ids

    @Test
    void anUnknownJobInstanceIdIs404NamingTheId() {
        String detail = "CWWKY0151E: No job instance found for instance id " + UNKNOWN_ID + ".";
        BatchApi admin = BatchApi.as("admin");
        assertNotFound(admin.get("jobinstances/" + UNKNOWN_ID), detail);
        assertNotFound(admin.get("v1/jobinstances/" + UNKNOWN_ID), detail);
        assertNotFound(admin.get("jobinstances/" + UNKNOWN_ID + "/jobexecutions"), detail);
        assertNotFound(admin.get("jobinstances/" + UNKNOWN_ID + "/jobexecutions/0"), detail);
        assertNotFound(admin.get("jobinstances/" + UNKNOWN_ID + "/jobexecutions/0/stepexecutions/step1"), detail);
        assertNotFound(admin.put("jobinstances/" + UNKNOWN_ID + "?action=stop"), detail);
        assertNotFound(admin.put("jobinstances/" + UNKNOWN_ID + "?action=restart"), detail);
        assertNotFound(admin.delete("jobinstances/" + UNKNOWN_ID), detail);
    }

    @Test
    void anUnknownJobExecutionIdIs404NamingTheId() {
        String detail = "No job execution found for execution id " + UNKNOWN_ID + ".";
        BatchApi admin = BatchApi.as("admin");
        assertNotFound(admin.get("jobexecutions/" + UNKNOWN_ID), detail);
        assertNotFound(admin.get("jobexecutions/" + UNKNOWN_ID + "/jobinstance"), detail);
        assertNotFound(admin.get("jobexecutions/" + UNKNOWN_ID + "/stepexecutions"), detail);
        assertNotFound(admin.get("jobexecutions/" + UNKNOWN_ID + "/stepexecutions/step1"), detail);
        assertNotFound(admin.put("jobexecutions/" + UNKNOWN_ID + "?action=stop"), detail);
        assertNotFound(admin.put("jobexecutions/" + UNKNOWN_ID + "?action=restart"), detail);
    }

    @Test
    void anUnknownStepExecutionIdIs404NamingTheId() {
        assertNotFound(BatchApi.as("admin").get("stepexecutions/" + UNKNOWN_ID),
                "No step execution found for step execution id " + UNKNOWN_ID + ".");
    }

    @Test
    void anUnknownStepNameIs404NamingTheStepAndTheExecution() {
        assertNotFound(BatchApi.as("admin").get("jobexecutions/" + completedExecution + "/stepexecutions/noSuchStep"),
                "No step execution named noSuchStep found for job execution id " + completedExecution + ".");
        assertNotFound(BatchApi.as("admin").get("jobinstances/" + completedInstance
                        + "/jobexecutions/0/stepexecutions/noSuchStep"),
                "No step execution named noSuchStep found for job execution id " + completedExecution + ".");
    }

    @Test
    void aStepNameWithSqlMetacharactersIsLookedUpLiterallyAnd404() {
        assertNotFound(BatchApi.as("admin").get("jobexecutions/" + completedExecution
                        + "/stepexecutions/step1%27%20OR%20%271%27=%271"),
                "No step execution named step1' OR '1'='1 found for job execution id " + completedExecution + ".");
    }

    @Test
    void anUnknownExecutionSequenceNumberIs404NamingTheNumberAndTheInstance() {
        String detail = "No job execution found with sequence number 1 for job instance id " + completedInstance + ".";
        assertNotFound(BatchApi.as("admin").get("jobinstances/" + completedInstance + "/jobexecutions/1"), detail);
        assertNotFound(BatchApi.as("admin").get("jobinstances/" + completedInstance + "/jobexecnum/1"), detail);
        assertNotFound(BatchApi.as("admin").get("jobinstances/" + completedInstance
                + "/jobexecutions/1/stepexecutions/step1"), detail);
    }

    @Test
    void anUnknownPathIs404Problem() {
        assertNotFound(BatchApi.as("admin").get("nosuchresource"),
                "No resource of the batch API matches GET " + CONTEXT_ROOT + "/nosuchresource.");
        assertNotFound(BatchApi.as("admin").get("jobinstances/" + completedInstance + "/nosuchresource"),
                "No resource of the batch API matches GET " + CONTEXT_ROOT + "/jobinstances/" + completedInstance
                        + "/nosuchresource.");
    }

    // ---------------------------------------------------------------------------------------------- 400 path ids

    @Test
    void aNonNumericJobInstanceIdIs400WithLibertysMessage() {
        assertBadPathId(BatchApi.as("admin").get("jobinstances/abc"), "The job instance id (abc) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").get("jobinstances/abc/jobexecutions"),
                "The job instance id (abc) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").put("jobinstances/abc?action=stop"),
                "The job instance id (abc) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").delete("jobinstances/abc"),
                "The job instance id (abc) must be a Long integer");
    }

    @Test
    void aNonNumericJobExecutionIdIs400WithLibertysMessage() {
        assertBadPathId(BatchApi.as("admin").get("jobexecutions/abc"), "The job execution id (abc) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").get("jobexecutions/abc/stepexecutions"),
                "The job execution id (abc) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").put("jobexecutions/abc?action=stop"),
                "The job execution id (abc) must be a Long integer");
    }

    @Test
    void aNonNumericStepExecutionIdIs400WithLibertysMessage() {
        assertBadPathId(BatchApi.as("admin").get("stepexecutions/abc"),
                "The step execution id (abc) must be a Long integer");
    }

    @Test
    void anIdWrittenWithNonAsciiDigitsIs400() {
        assertBadPathId(BatchApi.as("admin").get("jobinstances/%EF%BC%91%EF%BC%92"),
                "The job instance id (\uFF11\uFF12) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").get("jobexecutions/%EF%BC%91"),
                "The job execution id (\uFF11) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").get("stepexecutions/%D9%A1"),
                "The step execution id (\u0661) must be a Long integer");
    }

    @Test
    void anIdBeyondTheLongRangeIs400() {
        assertBadPathId(BatchApi.as("admin").get("jobinstances/99999999999999999999"),
                "The job instance id (99999999999999999999) must be a Long integer");
    }

    @Test
    void sqlMetacharactersInAPathIdAre400() {
        assertBadPathId(BatchApi.as("admin").get("jobinstances/1%27%20OR%201=1"),
                "The job instance id (1' OR 1=1) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").get("jobexecutions/1%3BDROP%20TABLE%20JOBINSTANCE"),
                "The job execution id (1;DROP TABLE JOBINSTANCE) must be a Long integer");
        assertBadPathId(BatchApi.as("admin").get("stepexecutions/1%20OR%201=1--"),
                "The step execution id (1 OR 1=1--) must be a Long integer");
    }

    @Test
    void aSemicolonInThePathIsRefusedRatherThanDroppedAsAMatrixParameter() {
        for (String path : List.of("jobexecutions/" + completedExecution + ";DROP", "jobinstances/"
                + completedInstance + ";x=1/jobexecutions")) {
            ApiResponse response = BatchApi.as("admin").get(path);
            String detail = assertRefused(response, 400);
            assertTrue(detail.startsWith("The path " + CONTEXT_ROOT + "/" + path.substring(0, path.indexOf('/')))
                    && detail.endsWith("path segments of the batch API cannot contain ';'."), detail);
        }
        ApiResponse purge = BatchApi.as("admin").delete("jobinstances/" + completedInstance + ";x");
        assertRefused(purge, 400);
        assertEquals(200, BatchApi.as("admin").get("jobinstances/" + completedInstance).status());
    }

    // ------------------------------------------------------------------------ what clients send in the request line

    @Test
    void unencodedGreaterAndLessThanInAQueryAreReadAsLibertysBatchManagerSendsThem() {
        String filter = "jobInstanceId=<" + completedInstance + "&createTime=>1d&pageSize=1000";
        ApiResponse raw = RawHttp.send("GET", CONTEXT_ROOT + "/v4/jobinstances?" + filter, RawHttp.basic("admin"),
                new byte[0]);
        ApiResponse encoded = BatchApi.as("admin").get("v4/jobinstances?" + filter.replace(">", "%3E")
                .replace("<", "%3C"));

        assertEquals(200, raw.status(), raw::toString);
        assertEquals(encoded.array(), raw.array());
        List<Long> ids = raw.array().stream().map(instance -> instance.asJsonObject().getJsonNumber("instanceId")
                .longValue()).toList();
        assertTrue(ids.contains(completedInstance) && ids.stream().allMatch(id -> id <= completedInstance),
                ids::toString);
    }

    @Test
    void aPercentThatStartsNoEscapeIs400NamingTheParameter() {
        ApiResponse response = RawHttp.send("GET", CONTEXT_ROOT + "/v4/jobinstances?page=0&jobName=100%zz",
                RawHttp.basic("admin"), new byte[0]);

        assertBadParameter(response, "jobName", "The jobName value is not valid: '%' must start an escape of two "
                + "hexadecimal digits (write a literal '%' as %25).");
    }

    @Test
    void aSingleValuedParameterRepeatedWithDifferentValuesIs400ButAMultiValuedFilterIsAnAlternative() {
        assertBadParameter(BatchApi.as("admin").get("v4/jobinstances?jobInstanceId=1&jobInstanceId=abc"),
                "jobInstanceId", "The query parameter jobInstanceId is given more than once with different values: "
                        + "give it once.");
        assertBadParameter(BatchApi.as("admin").get("jobinstances/" + completedInstance
                + "/joblogs?type=text&type=zip"), "type", null);
        ApiResponse alternatives = BatchApi.as("admin").get("v4/jobinstances?jobInstanceId=" + completedInstance
                + "&jobName=sleepyBatchlet&jobName=noSuchJob");
        assertEquals(1, alternatives.array().size(), alternatives::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobinstances/1%2F2", "jobinstances/%2e%2e/jobexecutions", "jobinstances/1%5C2",
            "jobexecutions/1\\2", "jobinstances/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"})
    void aPathThatTheWebContainerRefusesIsAProblemWithoutInternals(String path) {
        ApiResponse response = RawHttp.send("GET", CONTEXT_ROOT + "/" + path, RawHttp.basic("admin"), new byte[0]);

        String detail = assertRefused(response, 400);
        assertTrue(detail.startsWith("The request path contains ") && detail.endsWith(", which the batch API does not "
                + "accept in a path: ids are numbers and names are single path segments."), detail);
    }

    /**
     * An encoded NUL is refused by Liberty's HTTP dispatcher before the request reaches the application (no filter,
     * error page or setting of the application sees it): the residue listed in the README, a short HTML line
     * without class names or stack trace.
     */
    @Test
    void anEncodedNulInThePathIsRefusedBeforeTheApplicationWithoutInternals() {
        ApiResponse response = RawHttp.send("GET", CONTEXT_ROOT + "/jobinstances/%00", RawHttp.basic("admin"),
                new byte[0]);

        assertEquals(400, response.status(), response::toString);
        assertFalse(JAVA_NAMES.matcher(response.body()).find(), () -> "error body leaks internals: " + response);
        assertTrue(response.body().length() < 300, response::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "Content-Type"})
    void aMediaTypeHeaderThatCannotBeParsedIs400NamingTheHeader(String header) {
        ApiResponse response = RawHttp.send("POST", CONTEXT_ROOT + "/jobinstances", RawHttp.basic("submitter1")
                + header + ": ;;;/\r\n" + (header.equals("Accept") ? "Content-Type: application/json\r\n" : "")
                + "Content-Length: 2\r\n", "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals("The " + header + " header is not a valid media type (type/subtype, optionally followed by "
                + ";parameter=value).", assertRefused(response, 400));
    }

    @Test
    void aNonNumericOrNegativeExecutionSequenceNumberIs400NamingIt() {
        ApiResponse text = BatchApi.as("admin").get("jobinstances/" + completedInstance + "/jobexecutions/abc");
        assertBadParameter(text, "job execution sequence number",
                "The job execution sequence number value abc is not a number.");
        ApiResponse negative = BatchApi.as("admin").get("jobinstances/" + completedInstance + "/jobexecutions/-1");
        assertBadParameter(negative, "job execution sequence number",
                "The job execution sequence number value -1 is out of range: it must be a number from 0.");
    }

    // ---------------------------------------------------------------------------------------------- 400 submit body

    @Test
    void aMalformedJsonBodyIs400AndRecordsNothing() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":"));

        String detail = assertRefused(response, 400);
        assertTrue(detail.matches("The request body is not valid JSON \\(line 1, column \\d+\\)\\."), detail);
    }

    @Test
    void jsonWithTrailingContentAfterTheObjectIs400AndRecordsNothing() {
        String valid = Jobs.submission("sleepyBatchlet", QUICK);

        for (String trailing : List.of(" {}", "]", " x", ",{\"jobXMLName\":\"chunkCopy\"}")) {
            ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                    valid + trailing));
            assertEquals("The request body has content after the end of its JSON object.",
                    assertRefused(response, 400), trailing);
        }
    }

    @Test
    void aJsonArrayOrEmptyBodyIs400AndRecordsNothing() {
        ApiResponse array = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "[" + Jobs.submission("sleepyBatchlet", QUICK) + "]"));
        assertEquals("The request body must be a JSON object.", assertRefused(array, 400));

        ApiResponse string = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances", "\"x\""));
        assertEquals("The request body must be a JSON object.", assertRefused(string, 400));

        ApiResponse empty = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances", ""));
        assertEquals("The request body is empty: it must be a JSON object.", assertRefused(empty, 400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2.5", "true", "null", "{\"a\":\"b\"}", "[\"a\"]"})
    void aJobParameterValueThatIsNotAStringIs400NamingTheParameterAndRecordsNothing(String value) {
        String body = "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"sleepyBatchlet\","
                + "\"jobParameters\":{\"sleepSeconds\":\"0\",\"bad\":" + value + "}}";

        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances", body));

        assertBadParameter(response, "jobParameters.bad",
                "The value of jobParameters.bad must be a string; job parameter values are strings.");
    }

    @Test
    void jobParametersThatAreNotAnObjectAre400NamingTheAttribute() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"sleepyBatchlet\",\"jobParameters\":\"a=b\"}"));

        assertBadParameter(response, "jobParameters",
                "The attribute jobParameters of the request body must be an object whose values are strings.");
    }

    @Test
    void aNonStringApplicationNameIs400NamingTheAttribute() {
        ApiResponse number = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":5,\"jobXMLName\":\"sleepyBatchlet\"}"));
        assertBadParameter(number, "applicationName",
                "The attribute applicationName of the request body must be a string.");

        ApiResponse object = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":{\"name\":\"batch-rest\"},\"jobXMLName\":\"sleepyBatchlet\"}"));
        assertBadParameter(object, "applicationName",
                "The attribute applicationName of the request body must be a string.");

        ApiResponse jobXmlName = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":[\"sleepyBatchlet\"]}"));
        assertBadParameter(jobXmlName, "jobXMLName", "The attribute jobXMLName of the request body must be a string.");
    }

    @Test
    void aSubmissionWithoutApplicationNameAndModuleNameIs400WithLibertysMessage() {
        String detail = "Either attribute [applicationName] or [moduleName] must be provided.";
        ApiResponse missing = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"jobXMLName\":\"sleepyBatchlet\"}"));
        assertBadParameter(missing, "applicationName", detail);

        ApiResponse empty = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"\",\"moduleName\":\"\",\"jobXMLName\":\"sleepyBatchlet\"}"));
        assertBadParameter(empty, "applicationName", detail);
    }

    @Test
    void aSubmissionWithoutJobXmlNameAndJobXmlIs400WithLibertysMessage() {
        String detail = "Either attribute [jobXMLName] or [jobXML] must be provided.";
        ApiResponse missing = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobParameters\":{\"sleepSeconds\":\"0\"}}"));
        assertBadParameter(missing, "jobXMLName", detail);

        ApiResponse empty = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"\",\"jobXML\":\"\"}"));
        assertBadParameter(empty, "jobXMLName", detail);
    }

    @Test
    void anUnknownJobXmlNameIs400NamingItAndRecordsNothing() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                Jobs.submission("noSuchJob", QUICK)));

        assertBadParameter(response, "jobXMLName", "The jobXMLName noSuchJob does not name a job of this application: "
                + "there is no META-INF/batch-jobs/noSuchJob.xml.");
    }

    @Test
    void anUnknownApplicationIs400NamingItAndRecordsNothing() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"otherApp\",\"jobXMLName\":\"sleepyBatchlet\"}"));

        assertBadParameter(response, "applicationName", "The application otherApp is not served by this server; "
                + "jobs can be submitted to the application batch-rest.");
    }

    @Test
    void anUnknownModuleIs400NamingItAndRecordsNothing() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"moduleName\":\"other.war\",\"jobXMLName\":\"sleepyBatchlet\"}"));
        assertBadParameter(response, "moduleName", "The module other.war of application batch-rest is not served by "
                + "this server; its module is batch-rest.war.");

        ApiResponse moduleOnly = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"moduleName\":\"other.war\",\"jobXMLName\":\"sleepyBatchlet\"}"));
        assertBadParameter(moduleOnly, "applicationName", "The application other is not served by this server; "
                + "jobs can be submitted to the application batch-rest.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../sleepyBatchlet", "../../META-INF/batch-jobs/sleepyBatchlet", "sub/sleepyBatchlet",
            "..\\\\sleepyBatchlet", ".."})
    void aJobXmlNameThatClimbsOutOfItsFolderIs400AndRecordsNothing(String jsonEncodedName) {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"" + jsonEncodedName + "\"}"));

        assertBadParameter(response, "jobXMLName",
                "The name in jobXMLName must not contain '/', '\\', '..' or control characters.");
    }

    @Test
    void inlineJslThatIsMalformedXmlIs400NamingJobXmlAndRecordsNothing() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                inline("<job id=\"broken\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\"><step id=\"s\">")));

        String detail = assertBadParameter(response, "jobXML", null);
        assertTrue(detail.matches("The jobXML is not well-formed XML \\(line 1, column \\d+\\): .+"), detail);
    }

    @Test
    void inlineJslWhoseRootIsNotJobIs400NamingJobXml() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                inline("<step id=\"s\"/>")));

        assertBadParameter(response, "jobXML", "The jobXML must have the root element job, not step.");
    }

    @Test
    void blankInlineJslIs400NamingJobXml() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                inline("   ")));

        assertBadParameter(response, "jobXML", "The jobXML is empty: it must hold a JSL document.");
    }

    @Test
    void inlineJslWithAnExternalEntityIs400AndDoesNotDiscloseTheFile() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE job [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<job id=\"xxe\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"s\"><batchlet ref=\"sleepyBatchlet\"><properties>"
                + "<property name=\"exitStatus\" value=\"&xxe;\"/></properties></batchlet></step></job>";

        ApiResponse json = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances", inline(xxe)));
        String detail = assertBadParameter(json, "jobXML", null);
        assertTrue(detail.startsWith("The jobXML ") && detail.contains("DOCTYPE is disallowed"), detail);
        assertFalse(json.body().contains("root:"), json::toString);

        ApiResponse form = submitRecordingNothing(() -> BatchApi.as("admin").postForm("jobinstances",
                "jobdata", "{\"applicationName\":\"batch-rest\"}", "jsl", xxe));
        String formDetail = assertBadParameter(form, "jsl", null);
        assertTrue(formDetail.startsWith("The jsl ") && formDetail.contains("DOCTYPE is disallowed"), formDetail);
        assertFalse(form.body().contains("root:"), form::toString);
    }

    @Test
    void inlineJslWithADoctypeIs400() {
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE job SYSTEM \"http://localhost:1/job.dtd\">"
                + "<job id=\"dtd\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"s\"><batchlet ref=\"sleepyBatchlet\"/></step></job>";

        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                inline(doctype)));

        String detail = assertBadParameter(response, "jobXML", null);
        assertTrue(detail.startsWith("The jobXML ") && detail.contains("DOCTYPE is disallowed"), detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "..", "a..b", "../escape", "/abs"})
    void inlineJslWhoseJobIdIsNotASafeDirectoryNameIs400AndRecordsNothing(String jobId) {
        String jsl = "<job id=\"" + jobId + "\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"s\"><batchlet ref=\"sleepyBatchlet\"/></step></job>";

        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                inline(jsl)));

        assertBadParameter(response, "jobXML", UNSAFE_JOB_ID);
    }

    @Test
    void inlineJslWhoseJobIdHasAControlCharacterIs400() {
        String jsl = "<job id=\"a&#9;b\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"s\"><batchlet ref=\"sleepyBatchlet\"/></step></job>";

        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postJson("jobinstances",
                inline(jsl)));

        assertBadParameter(response, "jobXML", UNSAFE_JOB_ID);
    }

    @Test
    void aMultipartFormWithoutAJobdataPartIs400WithLibertysMessage() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postForm("jobinstances",
                "jsl", "<job id=\"j\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\"/>"));

        assertBadParameter(response, "jobdata", "A multipart form must be submitted with a part name of jobdata.");
    }

    @Test
    void aMultipartFormWithoutAJslPartIs400WithLibertysMessage() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postForm("jobinstances",
                "jobdata", "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"sleepyBatchlet\"}"));

        assertBadParameter(response, "jsl", "A multipart form must be submitted with a part name of jsl.");
    }

    @Test
    void aMultipartFormWithMalformedJobdataIs400NamingThePart() {
        ApiResponse response = submitRecordingNothing(() -> BatchApi.as("admin").postForm("jobinstances",
                "jobdata", "{\"applicationName\":", "jsl",
                "<job id=\"j\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\"/>"));

        String detail = assertRefused(response, 400);
        assertTrue(detail.matches("The jobdata part is not valid JSON \\(line 1, column \\d+\\)\\."), detail);
    }

    @Test
    void anUnsupportedContentTypeOnSubmitIs415AndRecordsNothing() {
        String body = Jobs.submission("sleepyBatchlet", QUICK);
        ApiResponse text = submitRecordingNothing(() -> BatchApi.as("admin").send("POST", "jobinstances",
                "text/plain", body));
        assertEquals("The content type text/plain is not supported by POST " + CONTEXT_ROOT + "/jobinstances.",
                assertRefused(text, 415));

        ApiResponse xml = submitRecordingNothing(() -> BatchApi.as("admin").send("POST", "jobinstances",
                "application/xml", "<job/>"));
        assertEquals("The content type application/xml is not supported by POST " + CONTEXT_ROOT + "/jobinstances.",
                assertRefused(xml, 415));
    }

    // ---------------------------------------------------------------------------------------------- 400 PUT actions

    @Test
    void aPutWithoutActionOrWithAnUnknownActionIs400() {
        String detail = "only action=stop and action=restart are supported";
        BatchApi admin = BatchApi.as("admin");
        assertBadParameter(admin.put("jobinstances/" + completedInstance), "action", detail);
        assertBadParameter(admin.put("jobinstances/" + completedInstance + "?action=foo"), "action", detail);
        assertBadParameter(admin.put("jobinstances/" + completedInstance + "?action="), "action", detail);
        assertBadParameter(admin.put("jobexecutions/" + completedExecution), "action", detail);
        assertBadParameter(admin.put("jobexecutions/" + completedExecution + "?action=foo"), "action", detail);
    }

    @Test
    void theActionIsMatchedCaseInsensitively() {
        ApiResponse stop = BatchApi.as("admin").put("jobinstances/" + completedInstance + "?action=STOP");
        assertConflict(stop, "The most recent job execution id " + completedExecution
                + " associated with job instance id " + completedInstance + " is not currently running.");

        ApiResponse restart = BatchApi.as("admin").put("jobexecutions/" + completedExecution + "?action=ReStArT");
        assertConflict(restart, "The most recent job execution " + completedExecution + " for job instance "
                + completedInstance + " cannot be restarted because it is already complete.");
    }

    @Test
    void reusePreviousParamsThatIsNotABooleanIs400NamingIt() {
        ApiResponse response = BatchApi.as("admin").put("jobinstances/" + completedInstance
                + "?action=restart&reusePreviousParams=maybe");

        assertBadParameter(response, "reusePreviousParams",
                "The reusePreviousParams value maybe is not valid: it must be true or false.");
    }

    @Test
    void aRestartBodyWithANonStringJobParameterIs400NamingIt() {
        ApiResponse response = BatchApi.as("admin").putJson("jobinstances/" + completedInstance + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":0}}");

        assertBadParameter(response, "jobParameters.sleepSeconds",
                "The value of jobParameters.sleepSeconds must be a string; job parameter values are strings.");
    }

    @Test
    void purgeJobStoreOnlyThatIsNotABooleanIs400AndPurgesNothing() {
        ApiResponse response = BatchApi.as("admin").delete("jobinstances/" + completedInstance
                + "?purgeJobStoreOnly=perhaps");

        assertBadParameter(response, "purgeJobStoreOnly",
                "The purgeJobStoreOnly value perhaps is not valid: it must be true or false.");
        assertEquals(200, BatchApi.as("admin").get("jobinstances/" + completedInstance).status());
    }

    // ---------------------------------------------------------------------------------------------- 400 paging

    @Test
    void aNonNumericPageIs400NamingIt() {
        assertBadParameter(BatchApi.as("admin").get("jobinstances?page=abc"), "page",
                "The page value abc is not a number.");
        assertBadParameter(BatchApi.as("admin").get("jobinstances?page=%EF%BC%91"), "page",
                "The page value \uFF11 is not a number.");
    }

    @Test
    void aNegativePageIs400NamingIt() {
        assertBadParameter(BatchApi.as("admin").get("jobinstances?page=-1"), "page",
                "The page value -1 is out of range: it must be a number from 0.");
    }

    @Test
    void aNonNumericPageSizeIs400NamingIt() {
        assertBadParameter(BatchApi.as("admin").get("jobinstances?pageSize=abc"), "pageSize",
                "The pageSize value abc is not a number.");
    }

    @Test
    void aPageSizeOfZeroIs400NamingIt() {
        assertBadParameter(BatchApi.as("admin").get("jobinstances?pageSize=0"), "pageSize",
                "The pageSize 0 is out of range: it must be between 1 and 1000.");
    }

    @Test
    void aPageSizeAboveTheCapOf1000Is400NamingIt() {
        assertBadParameter(BatchApi.as("admin").get("jobinstances?pageSize=1001"), "pageSize",
                "The pageSize 1001 is out of range: it must be between 1 and 1000.");
        assertBadParameter(BatchApi.as("admin").get("v1/jobinstances?pageSize=1001"), "pageSize",
                "The pageSize 1001 is out of range: it must be between 1 and 1000.");
    }

    @Test
    void aPageSizeOfExactly1000IsAccepted() {
        ApiResponse response = BatchApi.as("admin").get("jobinstances?pageSize=1000");

        assertEquals(200, response.status(), response::toString);
        assertTrue(response.array().size() <= 1000);
        String total = response.header("X-Total-Count").or(() -> response.header("X-Total-Count-Lower-Bound"))
                .orElseThrow();
        assertTrue(Long.parseLong(total) >= 1, total);
    }

    // ---------------------------------------------------------------------------------------------- 405

    @Test
    void deleteOnTheUnversionedJobInstancesCollectionIs405WithAllow() {
        ApiResponse response = BatchApi.as("admin").delete("jobinstances");

        assertEquals("The method DELETE is not supported by " + CONTEXT_ROOT + "/jobinstances; allowed: GET, HEAD, "
                + "OPTIONS, POST.", assertRefused(response, 405));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "POST"), allowed(response));
        assertEquals(200, BatchApi.as("admin").get("jobinstances/" + completedInstance).status(), "nothing purged");
    }

    @Test
    void deleteOnTheV1JobInstancesCollectionIs405WithAllow() {
        ApiResponse response = BatchApi.as("admin").delete("v1/jobinstances");

        assertEquals("The method DELETE is not supported by " + CONTEXT_ROOT + "/v1/jobinstances; allowed: GET, HEAD, "
                + "OPTIONS, POST.", assertRefused(response, 405));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "POST"), allowed(response));
        assertEquals(200, BatchApi.as("admin").get("jobinstances/" + completedInstance).status(), "nothing purged");
    }

    @Test
    void patchOnAJobInstanceIs405WithAllow() {
        ApiResponse response = BatchApi.as("admin").send("PATCH", "jobinstances/" + completedInstance,
                "application/json", "{}");

        assertEquals("The method PATCH is not supported by " + CONTEXT_ROOT + "/jobinstances/" + completedInstance
                + "; allowed: DELETE, GET, HEAD, OPTIONS, PUT.", assertRefused(response, 405));
        assertEquals(Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PUT"), allowed(response));
    }

    @Test
    void postOnAJobExecutionIs405WithAllow() {
        ApiResponse response = BatchApi.as("admin").send("POST", "jobexecutions/" + completedExecution,
                "application/json", "{}");

        assertEquals("The method POST is not supported by " + CONTEXT_ROOT + "/jobexecutions/" + completedExecution
                + "; allowed: GET, HEAD, OPTIONS, PUT.", assertRefused(response, 405));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "PUT"), allowed(response));
    }

    // ---------------------------------------------------------------------------------------------- 409 / state

    @Test
    void stoppingAFinishedExecutionIs409WithLibertysMessage() {
        assertConflict(BatchApi.as("admin").put("jobexecutions/" + completedExecution + "?action=stop"),
                "The job execution id " + completedExecution + " is not currently running.");
    }

    @Test
    void stoppingAFinishedInstanceIs409WithLibertysMessage() {
        assertConflict(BatchApi.as("admin").put("jobinstances/" + completedInstance + "?action=stop"),
                "The most recent job execution id " + completedExecution + " associated with job instance id "
                        + completedInstance + " is not currently running.");
    }

    @Test
    void restartingACompletedInstanceIs409WithLibertysMessageAndCreatesNoExecution() {
        String detail = "The most recent job execution " + completedExecution + " for job instance "
                + completedInstance + " cannot be restarted because it is already complete.";
        assertConflict(BatchApi.as("admin").put("jobinstances/" + completedInstance + "?action=restart"), detail);
        assertConflict(BatchApi.as("admin").put("jobexecutions/" + completedExecution + "?action=restart"), detail);

        JsonArray executions = BatchApi.as("admin").get("jobinstances/" + completedInstance + "/jobexecutions").array();
        assertEquals(1, executions.size());
        assertEquals("COMPLETED", BatchApi.as("admin").get("jobinstances/" + completedInstance).object()
                .getString("instanceState"));
    }

    @Test
    void restartingThroughAnExecutionThatIsNotTheMostRecentIs400() {
        long id = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(id).getString("instanceState"));
        long first = latestExecutionId(id);
        ApiResponse restart = BatchApi.as("admin").putJson("jobinstances/" + id + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\",\"forceFailure\":\"true\"}}");
        assertEquals(200, restart.status(), restart::toString);
        long second = Jobs.await(() -> {
            JsonArray executions = BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions").array();
            JsonObject latest = executions.getJsonObject(0);
            return executions.size() == 2 && Jobs.FINAL_STATES.contains(latest.getString("batchStatus"))
                    ? latest.getJsonNumber("executionId").longValue() : null;
        }, "the restart of instance " + id + " to finish");
        assertEquals("FAILED", Jobs.awaitFinal(id).getString("instanceState"));

        ApiResponse response = BatchApi.as("admin").putJson("jobexecutions/" + first + "?action=restart",
                "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}");

        String detail = assertRefused(response, 400);
        assertEquals("The job execution " + first + " is not the most recent execution of job instance " + id
                + "; the most recent is " + second + ".", detail);
        assertEquals(2, BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions").array().size(),
                "a refused restart must not create an execution");
    }

    @Test
    void purgingARunningInstanceIs409WithLibertysMessageAndKeepsIt() {
        long id = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "20"));
        try {
            Jobs.awaitLatestExecution(id, "STARTED");

            ApiResponse response = BatchApi.as("admin").delete("jobinstances/" + id);

            assertConflict(response, "The specified job instance, " + id
                    + ", cannot be purged because it has active job executions.");
            assertEquals(200, BatchApi.as("admin").get("jobinstances/" + id).status(), "the instance must remain");
            ApiResponse stop = BatchApi.as("admin").put("jobinstances/" + id + "?action=stop");
            assertEquals(200, stop.status(), stop::toString);
            assertEquals("STOPPED", Jobs.awaitFinal(id).getString("instanceState"));
        } finally {
            BatchApi.as("admin").put("jobinstances/" + id + "?action=stop");
            Jobs.awaitFinal(id);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The JSON body of an inline-JSL submission. */
    private static String inline(String jsl) {
        return "{\"applicationName\":\"batch-rest\",\"jobXML\":\"" + jsl.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}";
    }

    /** Runs a refused submission and asserts that the number of job instances did not change. */
    private static ApiResponse submitRecordingNothing(Supplier<ApiResponse> submission) {
        long before = totalInstances();
        ApiResponse response = submission.get();
        assertEquals(before, totalInstances(), () -> "a refused submission must record nothing: " + response);
        return response;
    }

    private static long totalInstances() {
        ApiResponse response = BatchApi.as("admin").get("jobinstances?pageSize=1&count=exact");
        assertEquals(200, response.status(), response::toString);
        return Long.parseLong(response.header("X-Total-Count").orElseThrow());
    }

    private static long latestExecutionId(long instanceId) {
        return BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions").array().getJsonObject(0)
                .getJsonNumber("executionId").longValue();
    }

    /** A problem+json refusal with the status's title and no Java internals anywhere in the body; its detail. */
    private static String assertRefused(ApiResponse response, int status) {
        String detail = assertProblem(response, status);
        JsonObject problem = response.object();
        assertEquals(TITLES.get(status), problem.getString("title"), response::toString);
        assertTrue(problem.getString("instance").startsWith(CONTEXT_ROOT + "/"), response::toString);
        assertFalse(JAVA_NAMES.matcher(response.body()).find(), () -> "error body leaks internals: " + response);
        return detail;
    }

    private static void assertNotFound(ApiResponse response, String detail) {
        assertEquals(detail, assertRefused(response, 404), response::toString);
        assertFalse(response.object().containsKey("invalidParams"), response::toString);
    }

    private static void assertConflict(ApiResponse response, String detail) {
        assertEquals(detail, assertRefused(response, 409), response::toString);
        assertFalse(response.object().containsKey("invalidParams"), response::toString);
    }

    /** A 400 for a malformed path id: Liberty's message, listed as the one invalid parameter. */
    private static void assertBadPathId(ApiResponse response, String detail) {
        assertEquals(detail, assertRefused(response, 400), response::toString);
        JsonArray invalid = response.object().getJsonArray("invalidParams");
        assertNotNull(invalid, response::toString);
        assertEquals(1, invalid.size(), response::toString);
        assertEquals(detail, invalid.getJsonObject(0).getString("reason"));
    }

    /**
     * A 400 naming one parameter in {@code invalidParams}; {@code detail} is asserted exactly unless null (messages
     * that quote the XML parser). Returns the detail.
     */
    private static String assertBadParameter(ApiResponse response, String name, String detail) {
        String actual = assertRefused(response, 400);
        if (detail != null) {
            assertEquals(detail, actual, response::toString);
        }
        JsonArray invalid = response.object().getJsonArray("invalidParams");
        assertNotNull(invalid, response::toString);
        assertEquals(1, invalid.size(), response::toString);
        assertEquals(List.of("name", "reason"), List.copyOf(invalid.getJsonObject(0).keySet()));
        assertEquals(name, invalid.getJsonObject(0).getString("name"), response::toString);
        assertEquals(actual, invalid.getJsonObject(0).getString("reason"), response::toString);
        return actual;
    }

    private static Set<String> allowed(ApiResponse response) {
        List<String> headers = response.headers().allValues("Allow");
        assertFalse(headers.isEmpty(), () -> "405 without Allow: " + response.headers());
        return headers.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(method -> !method.isEmpty()).collect(Collectors.toSet());
    }
}
