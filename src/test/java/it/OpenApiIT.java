package it;

import io.batchrest.api.BatchRestApplication;
import it.support.ApiResponse;
import it.support.BatchApi;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document Liberty serves at /openapi (docs/contract.md §11): every operation the application serves is
 * documented with its parameters, request bodies, responses (errors as problem+json) and the HTTP Basic security
 * scheme, and the UI at /openapi/ui shows it. The expected operations come from the JAX-RS annotations of the resource
 * classes, so an endpoint added without documentation fails here.
 */
class OpenApiIT {

    private static final String SERVER = "https://localhost:" + BatchApi.HTTPS_PORT;
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([A-Za-z0-9_.-]+)\\s*(:[^}]*)?}");

    /** The endpoints of docs/contract.md §3 and §11, as the document writes them: a floor for the reflection below. */
    private static final Set<String> KNOWN_PATHS = Set.of("/", "/jobinstances", "/jobinstances/{instanceId}",
            "/jobinstances/{instanceId}/joblogs", "/jobinstances/{instanceId}/jobexecutions",
            "/jobinstances/{instanceId}/{alias}/{number}",
            "/jobinstances/{instanceId}/{alias}/{number}/stepexecutions/{stepName}",
            "/jobinstances/{instanceId}/status", "/jobexecutions/{executionId}",
            "/jobexecutions/{executionId}/jobinstance", "/jobexecutions/{executionId}/joblogs",
            "/jobexecutions/{executionId}/stepexecutions", "/jobexecutions/{executionId}/stepexecutions/{stepName}",
            "/stepexecutions/{stepExecutionId}", "/queue", "/jobdefinitions", "/caller", "/jobinstances/stats",
            "/events", "/purges", "/purges/{taskId}", "/retention", "/retention/run");

    /** Operations that never read the job repository, so never answer 503. */
    private static final Set<String> WITHOUT_REPOSITORY = Set.of("/", "/jobdefinitions", "/caller", "/events");

    private static final List<String> SEARCH_PARAMETERS = List.of("after", "appName", "count", "createTime",
            "exitStatus", "ignoreCase", "instanceState", "jobInstanceId", "jobName", "jobParameter.<name>",
            "lastUpdatedTime", "page", "pageSize", "sort", "submitter");

    private static JsonObject document;

    @BeforeAll
    static void fetchTheDocument() {
        ApiResponse response = BatchApi.anonymous().getUrl(SERVER + "/openapi?format=JSON");
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        document = response.object();
    }

    @Test
    void theDocumentIsServedWithoutCredentialsAsJsonOnRequestAndAsYamlByDefault() {
        ApiResponse json = HttpCalls.send(HttpCalls.as(null, SERVER + "/openapi").header("Accept", "application/json")
                .GET());
        assertEquals(200, json.status(), json::toString);
        assertEquals(document, json.object());

        ApiResponse yaml = BatchApi.anonymous().getUrl(SERVER + "/openapi");
        assertEquals(200, yaml.status(), yaml::toString);
        assertTrue(yaml.contentType().startsWith("text/plain"), yaml::contentType);
        assertTrue(yaml.body().contains("\nopenapi: 3."), () -> yaml.body().substring(0, 80));
        assertTrue(yaml.body().contains("\n  title: batch-rest\n"), "the YAML names the API");
    }

    @Test
    void theDocumentDescribesBatchRestAsAnOpenApi3Document() {
        assertTrue(document.getString("openapi").startsWith("3."), document.getString("openapi"));
        JsonObject info = document.getJsonObject("info");
        assertEquals("batch-rest", info.getString("title"));
        assertEquals("1.0.0", info.getString("version"));
        assertTrue(info.getString("description").contains("/v1/ ... /v4/"), "the versioned paths are explained");
    }

    @Test
    void everyOperationTheResourceClassesServeIsInTheDocumentAndNothingElse() {
        Set<String> served = servedOperations();
        assertTrue(served.stream().map(operation -> operation.substring(operation.indexOf(' ') + 1))
                .collect(Collectors.toSet()).containsAll(KNOWN_PATHS), () -> "reflection found only " + served);

        assertEquals(served, documentedOperations());
    }

    @Test
    void everyOperationHasAnIdASummaryATagAndDocumentedParameters() {
        Set<String> operationIds = new HashSet<>();
        forEachOperation((name, path, operation) -> {
            assertFalse(operation.getString("operationId", "").isBlank(), name + " has an operationId");
            assertTrue(operationIds.add(operation.getString("operationId")), name + " has a unique operationId");
            assertFalse(operation.getString("summary", "").isBlank(), name + " has a summary");
            assertFalse(operation.getString("description", "").isBlank(), name + " has a description");
            assertEquals(1, operation.getJsonArray("tags").size(), name + " has a tag");

            List<JsonObject> parameters = parameters(operation);
            for (JsonObject parameter : parameters) {
                assertFalse(parameter.getString("description", "").isBlank(),
                        name + " describes parameter " + parameter.getString("name"));
                assertNotNull(parameter.get("schema"), name + " gives parameter " + parameter.getString("name")
                        + " a schema");
            }
            Set<String> templateNames = new TreeSet<>();
            Matcher template = TEMPLATE.matcher(path);
            while (template.find()) {
                templateNames.add(template.group(1));
            }
            List<JsonObject> pathParameters = parameters.stream().filter(p -> p.getString("in").equals("path"))
                    .toList();
            assertEquals(templateNames, pathParameters.stream().map(p -> p.getString("name"))
                    .collect(Collectors.toCollection(TreeSet::new)), name + " declares its path parameters");
            pathParameters.forEach(p -> assertTrue(p.getBoolean("required"), name + " requires " + p.getString("name")));
        });
    }

    /** Every operation can meet bad credentials, a missing role and a fault; most read the repository. */
    @Test
    void everyOperationDocumentsItsSuccessAndTheErrorsEveryRequestCanMeet() {
        forEachOperation((name, path, operation) -> {
            JsonObject responses = operation.getJsonObject("responses");
            assertTrue(responses.keySet().stream().anyMatch(code -> code.startsWith("2")), name + " has a 2xx");
            Set<String> required = new TreeSet<>(Set.of("401", "403", "500"));
            if (!WITHOUT_REPOSITORY.contains(path)) {
                required.add("503");
            }
            if (path.contains("{")) {
                required.addAll(Set.of("400", "404"));
            }
            assertTrue(responses.keySet().containsAll(required), name + " documents " + required + ", has "
                    + responses.keySet());
            for (String code : responses.keySet()) {
                JsonObject response = resolve(responses.getJsonObject(code));
                assertFalse(response.getString("description", "").isBlank(), name + " describes " + code);
            }
        });
    }

    @Test
    void everyErrorResponseIsProblemJsonWithTheSharedProblemSchema() {
        forEachOperation((name, path, operation) -> {
            JsonObject responses = operation.getJsonObject("responses");
            for (String code : responses.keySet()) {
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonObject content = resolve(responses.getJsonObject(code)).getJsonObject("content");
                    assertNotNull(content, name + " " + code + " has content");
                    assertEquals(Set.of("application/problem+json"), content.keySet(), name + " " + code);
                    assertEquals(PROBLEM_REF, content.getJsonObject("application/problem+json")
                            .getJsonObject("schema").getString("$ref"), name + " " + code);
                }
            }
        });
    }

    /**
     * The schemas are the description the other tests check bodies against (it/support/ApiContract): here they are
     * held to Liberty's representations, field by field and in Liberty's order.
     */
    @Test
    void theRepresentationsHaveLibertysFieldsInLibertysOrder() {
        assertEquals(List.of("jobName", "instanceId", "appName", "submitter", "batchStatus", "jobXMLName",
                "instanceState", "lastUpdatedTime", "_links"), properties("JobInstance"));
        assertEquals(List.of("jobName", "executionId", "instanceId", "batchStatus", "exitStatus", "createTime",
                "endTime", "lastUpdatedTime", "startTime", "jobParameters", "restUrl", "serverId", "logpath",
                "stepExecutions", "_links"), properties("JobExecution"));
        assertEquals(List.of("stepExecutionId", "stepName", "executionId", "instanceId", "batchStatus", "startTime",
                "endTime", "exitStatus", "metrics", "partitions"), properties("StepExecution"));
        assertEquals(List.of("partitionNumber", "batchStatus", "startTime", "endTime", "exitStatus", "restUrl",
                "serverId", "metrics"), properties("Partition"));
        assertEquals(List.of("READ_COUNT", "WRITE_COUNT", "COMMIT_COUNT", "ROLLBACK_COUNT", "READ_SKIP_COUNT",
                "PROCESS_SKIP_COUNT", "FILTER_COUNT", "WRITE_SKIP_COUNT"), properties("StepMetrics"));
        assertEquals(List.of("instanceId", "purgeStatus", "message", "redirectUrl"), properties("PurgeResult"));
        assertEquals(List.of("type", "title", "status", "detail", "instance"),
                schema("Problem").getJsonArray("required").getValuesAs(JsonString::getString));
    }

    private static List<String> properties(String schema) {
        return new ArrayList<>(schema(schema).getJsonObject("properties").keySet());
    }

    @Test
    void theProblemSchemaHasTheRfc9457MembersAndInvalidParams() {
        JsonObject problem = schema("Problem");
        assertEquals(List.of("type", "title", "status", "detail", "instance", "invalidParams"),
                new ArrayList<>(problem.getJsonObject("properties").keySet()));
        assertEquals(List.of("type", "title", "status", "detail", "instance"), strings(problem.getJsonArray(
                "required")));
        assertEquals("integer", problem.getJsonObject("properties").getJsonObject("status").getString("type"));
        JsonObject invalidParams = problem.getJsonObject("properties").getJsonObject("invalidParams");
        assertEquals("array", invalidParams.getString("type"));
        assertEquals("#/components/schemas/InvalidParam", invalidParams.getJsonObject("items").getString("$ref"));
        assertEquals(List.of("name", "reason"),
                new ArrayList<>(schema("InvalidParam").getJsonObject("properties").keySet()));
    }

    @Test
    void theRetentionSchemasHaveTheFieldsOfTheRetentionAnswers() {
        assertEquals(List.of("enabled", "problem", "interval", "batchSize", "rules", "lease", "lastRun", "nextRun"),
                new ArrayList<>(schema("Retention").getJsonObject("properties").keySet()));
        assertEquals(List.of("server", "started", "ended", "purged", "failed"),
                new ArrayList<>(schema("RetentionRun").getJsonObject("properties").keySet()));
        assertEquals(List.of("instanceId", "jobName", "instanceState", "lastUpdatedTime"),
                new ArrayList<>(schema("RetentionCandidate").getJsonObject("properties").keySet()));
        assertEquals(List.of("page", "pageSize"), names(operation("/retention", "get"), "query"));
    }

    @Test
    void theSecuritySchemeIsHttpBasicAndAppliesToTheWholeApi() {
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals(Set.of("basicAuth"), schemes.keySet());
        assertEquals("http", schemes.getJsonObject("basicAuth").getString("type"));
        assertEquals("basic", schemes.getJsonObject("basicAuth").getString("scheme"));
        JsonArray security = document.getJsonArray("security");
        assertEquals(1, security.size());
        assertEquals(Set.of("basicAuth"), security.getJsonObject(0).keySet());
        assertEquals(0, security.getJsonObject(0).getJsonArray("basicAuth").size());
    }

    @Test
    void theSharedErrorResponsesCarryTheirChallengeAndRetryHeaders() {
        JsonObject responses = document.getJsonObject("components").getJsonObject("responses");
        assertEquals(Set.of("Unauthorized", "Forbidden", "ServerError", "Unavailable", "BadInstanceId",
                "BadExecutionId", "NoSuchInstance", "NoSuchExecution"), responses.keySet());
        assertEquals(Set.of("WWW-Authenticate"), responses.getJsonObject("Unauthorized").getJsonObject("headers")
                .keySet());
        assertEquals(Set.of("Retry-After"), responses.getJsonObject("Unavailable").getJsonObject("headers").keySet());
    }

    @Test
    void everyOperationOnAnInstanceOrExecutionIdSharesItsIdResponses() {
        JsonObject instance = operation("/jobinstances/{instanceId}", "get").getJsonObject("responses");
        assertEquals("#/components/responses/BadInstanceId", instance.getJsonObject("400").getString("$ref"));
        assertEquals("#/components/responses/NoSuchInstance", instance.getJsonObject("404").getString("$ref"));
        JsonObject execution = operation("/jobexecutions/{executionId}", "get").getJsonObject("responses");
        assertEquals("#/components/responses/BadExecutionId", execution.getJsonObject("400").getString("$ref"));
        assertEquals("#/components/responses/NoSuchExecution", execution.getJsonObject("404").getString("$ref"));
        JsonObject responses = document.getJsonObject("components").getJsonObject("responses");
        assertEquals("No job instance has this id.", responses.getJsonObject("NoSuchInstance").getString("description"));
        assertTrue(responses.getJsonObject("BadExecutionId").getString("description")
                .contains("must be a Long integer"));
    }

    @Test
    void theSearchDocumentsEveryFilterOfTheGrammarExplicitly() {
        JsonObject list = operation("/jobinstances", "get");
        assertEquals(SEARCH_PARAMETERS, names(list, "query"));
        Map<String, JsonObject> byName = parameters(list).stream()
                .collect(Collectors.toMap(p -> p.getString("name"), p -> p));
        for (String form : List.of("a:b", ">a", "<a", "a,b,c")) {
            assertTrue(byName.get("jobInstanceId").getString("description").contains(form), form);
        }
        for (String form : List.of("yyyy-MM-dd", "d1:d2", ">Nd", "<Nd")) {
            assertTrue(byName.get("createTime").getString("description").contains(form), form);
            assertTrue(byName.get("lastUpdatedTime").getString("description").contains(form), form);
        }
        for (String state : List.of("SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED", "DISPATCHED", "FAILED", "STOPPED",
                "COMPLETED", "ABANDONED")) {
            assertTrue(byName.get("instanceState").getString("description").contains(state), state);
        }
        for (String field : List.of("createTime", "lastUpdatedTime", "submitter", "amcName", "jobXMLName",
                "batchStatus", "exitStatus")) {
            assertTrue(byName.get("sort").getString("description").contains(field), field);
        }
        for (String wildcard : List.of("exitStatus", "submitter", "appName", "jobName", "jobParameter.<name>")) {
            assertTrue(byName.get(wildcard).getString("description").contains("*"), wildcard + " wildcards");
        }
        for (String repeatable : List.of("exitStatus", "submitter", "appName", "jobName")) {
            assertEquals("array", byName.get(repeatable).getJsonObject("schema").getString("type"), repeatable);
        }
        assertEquals("boolean", byName.get("ignoreCase").getJsonObject("schema").getString("type"));
        assertEquals("1000", byName.get("pageSize").getJsonObject("schema").get("maximum").toString());
        assertEquals(Set.of("X-Total-Count", "X-Total-Count-Lower-Bound", "Preference-Applied", "Link",
                "X-IBM-Unrecognized-Fields"), response(list, "200").getJsonObject("headers").keySet());
        assertEquals("#/components/schemas/JobInstance", response(list, "200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getJsonObject("items").getString("$ref"));

        JsonObject bulkPurge = operation("/jobinstances", "delete");
        List<String> purgeParameters = new ArrayList<>(SEARCH_PARAMETERS);
        purgeParameters.add("purgeJobStoreOnly");
        purgeParameters.add("dryRun");
        assertEquals(purgeParameters.stream().sorted().toList(), names(bulkPurge, "query").stream().sorted().toList());
        assertTrue(bulkPurge.getJsonObject("responses").containsKey("405"), "v1 has no bulk purge");
    }

    @Test
    void theBulkPurgeDocumentsDryRunsAndAsynchronousPurgeTasks() {
        JsonObject bulkPurge = operation("/jobinstances", "delete");
        assertEquals(List.of("Prefer"), names(bulkPurge, "header"));
        assertEquals("boolean", parameters(bulkPurge).stream().filter(p -> p.getString("name").equals("dryRun"))
                .findFirst().orElseThrow().getJsonObject("schema").getString("type"));
        assertEquals(Set.of("200", "202", "400", "401", "403", "405", "500", "503"),
                bulkPurge.getJsonObject("responses").keySet());
        assertEquals(Set.of("Location", "Preference-Applied", "X-IBM-Unrecognized-Fields"),
                response(bulkPurge, "202").getJsonObject("headers").keySet());
        assertEquals("#/components/schemas/PurgeTask", response(bulkPurge, "202").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertEquals(List.of("COMPLETED", "FAILED", "STILL_ACTIVE", "JOBLOGS_ONLY", "NOT_LOCAL", "WOULD_PURGE",
                "PENDING"), strings(schema("PurgeResult").getJsonObject("properties").getJsonObject("purgeStatus")
                .getJsonArray("enum")));

        assertEquals(List.of("taskId", "state", "submitter", "search", "purgeJobStoreOnly", "matched", "purged",
                "failed", "remaining", "createTime", "lastUpdatedTime", "endTime", "serverId", "message", "results",
                "_links"), new ArrayList<>(schema("PurgeTask").getJsonObject("properties").keySet()));
        assertEquals(List.of("RUNNING", "COMPLETED", "CANCELLED", "FAILED"), strings(schema("PurgeTask")
                .getJsonObject("properties").getJsonObject("state").getJsonArray("enum")));

        JsonObject task = operation("/purges/{taskId}", "get");
        assertEquals(List.of("page", "pageSize"), names(task, "query"));
        assertEquals(Set.of("Link"), response(task, "200").getJsonObject("headers").keySet());
        assertEquals(Set.of("200", "400", "401", "403", "404", "500", "503"), task.getJsonObject("responses")
                .keySet());
        JsonObject cancel = operation("/purges/{taskId}", "delete");
        assertEquals(Set.of("200", "400", "401", "403", "404", "409", "500", "503"), cancel.getJsonObject("responses")
                .keySet());
        JsonObject list = operation("/purges", "get");
        assertEquals(List.of("page", "pageSize"), names(list, "query"));
        assertEquals("#/components/schemas/PurgeTask", response(list, "200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getJsonObject("items").getString("$ref"));
    }

    @Test
    void theAggregateDocumentsGroupByTheFiltersOfTheSearchAndItsGroups() {
        JsonObject stats = operation("/jobinstances/stats", "get");
        List<String> expected = new ArrayList<>(SEARCH_PARAMETERS);
        expected.removeAll(List.of("after", "count", "page", "pageSize", "sort"));
        expected.add("groupBy");
        assertEquals(expected.stream().sorted().toList(), names(stats, "query"));
        JsonObject groupBy = parameters(stats).stream().filter(p -> p.getString("name").equals("groupBy"))
                .findFirst().orElseThrow();
        assertTrue(groupBy.getBoolean("required"));
        for (String key : List.of("day", "createDay", "instanceState", "jobName")) {
            assertTrue(groupBy.getString("description").contains(key), key);
        }
        assertTrue(stats.getString("description").contains("/v4/jobinstances/stats only"));
        assertEquals(Set.of("X-Server-Time"), response(stats, "200").getJsonObject("headers").keySet());
        assertEquals("#/components/schemas/InstanceCount", response(stats, "200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getJsonObject("items").getString("$ref"));
        assertEquals(List.of("day", "createDay", "instanceState", "jobName", "count"),
                new ArrayList<>(schema("InstanceCount").getJsonObject("properties").keySet()));
        assertEquals(Set.of("200", "400", "401", "403", "500", "503"), stats.getJsonObject("responses").keySet());
    }

    @Test
    void submitDocumentsJsonAndMultipartBodiesAsyncAcceptanceAndIdempotency() {
        JsonObject submit = operation("/jobinstances", "post");
        assertEquals(List.of("Idempotency-Key", "Prefer"), names(submit, "header"));
        JsonObject key = parameters(submit).stream().filter(p -> p.getString("name").equals("Idempotency-Key"))
                .findFirst().orElseThrow().getJsonObject("schema");
        assertEquals(1, key.getInt("minLength"));
        assertEquals(255, key.getInt("maxLength"));

        JsonObject content = submit.getJsonObject("requestBody").getJsonObject("content");
        assertEquals(Set.of("application/json", "multipart/form-data"), content.keySet());
        assertEquals("#/components/schemas/SubmitRequest", content.getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref"));
        assertEquals(List.of("applicationName", "moduleName", "componentName", "jobXMLName", "jobParameters",
                "jobXML"), new ArrayList<>(schema("SubmitRequest").getJsonObject("properties").keySet()));
        JsonObject multipart = content.getJsonObject("multipart/form-data");
        assertEquals(List.of("jobdata", "jsl"), new ArrayList<>(multipart.getJsonObject("schema")
                .getJsonObject("properties").keySet()));
        assertEquals("application/json", multipart.getJsonObject("encoding").getJsonObject("jobdata")
                .getString("contentType"));

        assertEquals(Set.of("200", "201", "202", "400", "401", "403", "409", "415", "500", "503"),
                submit.getJsonObject("responses").keySet());
        assertEquals(Set.of("Location"), response(submit, "201").getJsonObject("headers").keySet());
        assertEquals(Set.of("Location", "Preference-Applied"),
                response(submit, "202").getJsonObject("headers").keySet());
        assertEquals(Set.of("Idempotent-Replayed", "Location"),
                response(submit, "200").getJsonObject("headers").keySet());
        for (String code : List.of("200", "201", "202")) {
            assertEquals("#/components/schemas/JobInstance", response(submit, code).getJsonObject("content")
                    .getJsonObject("application/json").getJsonObject("schema").getString("$ref"), code);
        }
    }

    @Test
    void restartDocumentsItsOptionalJsonBody() {
        for (String path : List.of("/jobinstances/{instanceId}", "/jobexecutions/{executionId}")) {
            JsonObject act = operation(path, "put");
            assertEquals(List.of("action", "reusePreviousParams"), names(act, "query"), path);
            assertEquals("#/components/schemas/RestartRequest", act.getJsonObject("requestBody")
                    .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")
                    .getString("$ref"), path);
            assertTrue(act.getJsonObject("responses").containsKey("409"), path);
        }
    }

    @Test
    void theStatusResourceDocumentsItsThreeFormsNotModifiedAndTheLongPoll() {
        JsonObject status = operation("/jobinstances/{instanceId}/status", "get");
        assertEquals(Set.of("200", "304", "400", "401", "403", "404", "406", "500", "503"),
                status.getJsonObject("responses").keySet());
        JsonObject content = response(status, "200").getJsonObject("content");
        assertEquals(Set.of("application/json", "application/xml", "text/plain"), content.keySet());
        assertEquals("#/components/schemas/JobStatus",
                content.getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertEquals("#/components/schemas/JobStatusXml",
                content.getJsonObject("application/xml").getJsonObject("schema").getString("$ref"));
        assertTrue(response(status, "200").getJsonObject("headers").containsKey("ETag"));
        assertEquals(List.of("timeout", "waitFor"), names(status, "query"));
        assertEquals(List.of("If-None-Match"), names(status, "header"));

        assertEquals(List.of("Id", "Status", "Identity", "WorkerId", "StatusMessage", "Created", "Updated",
                "Completed", "Progress", "Parameters"),
                new ArrayList<>(schema("JobStatus").getJsonObject("properties").keySet()));
        assertEquals(List.of("0", "1", "2", "3", "4", "99"), schema("JobStatus").getJsonObject("properties")
                .getJsonObject("Status").getJsonArray("enum").stream().map(JsonValue::toString).toList());
        assertEquals(List.of("StepsCompleted", "StepsTotal", "ItemsRead", "ItemsWritten", "ItemsFiltered",
                "ItemsSkipped"), new ArrayList<>(schema("JobProgress").getJsonObject("properties").keySet()));
    }

    @Test
    void theQueueAndTheJobLogsDocumentTheirNonJsonMediaTypes() {
        assertEquals(Set.of("text/plain"), response(operation("/queue", "get"), "200").getJsonObject("content")
                .keySet());
        for (String path : List.of("/jobinstances/{instanceId}/joblogs", "/jobexecutions/{executionId}/joblogs")) {
            assertEquals(Set.of("application/json", "text/plain", "application/zip"),
                    response(operation(path, "get"), "200").getJsonObject("content").keySet(), path);
            assertEquals(List.of("follow", "offset", "part", "type"), names(operation(path, "get"), "query"), path);
        }
    }

    @Test
    void everyReferenceInTheDocumentResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertFalse(references.isEmpty());
        for (String reference : references) {
            assertTrue(reference.startsWith("#/components/"), reference);
            String[] parts = reference.substring("#/components/".length()).split("/");
            assertEquals(2, parts.length, reference);
            assertTrue(document.getJsonObject("components").getJsonObject(parts[0]).containsKey(parts[1]),
                    () -> "unresolved " + reference);
        }
    }

    @Test
    void theUiOfTheServerShowsTheDocument() {
        ApiResponse redirect = BatchApi.anonymous().getUrl(SERVER + "/openapi/ui");
        assertEquals(302, redirect.status(), redirect::toString);
        assertEquals(SERVER + "/openapi/ui/", redirect.header("Location").orElseThrow());

        ApiResponse ui = BatchApi.anonymous().getUrl(SERVER + "/openapi/ui/");
        assertEquals(200, ui.status(), ui::toString);
        assertTrue(ui.contentType().startsWith("text/html"), ui::contentType);
        assertTrue(ui.body().toLowerCase(Locale.ROOT).contains("swagger"), "the UI is Swagger UI");
        assertTrue(ui.body().contains("url: '/openapi'"), "the UI loads the document of this server");
    }

    @Test
    void theServerLoggedNoOpenApiValidationErrorOrScannerWarning() throws IOException {
        Path logs = Paths.get(System.getProperty("batchrest.server.dir",
                "target/liberty/wlp/usr/servers/batchServer"), "logs");
        List<Path> files;
        try (Stream<Path> listing = Files.list(logs)) {
            files = listing.filter(file -> file.getFileName().toString().matches("messages(_.*)?\\.log"))
                    .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified())).toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        int launched = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("CWWKE0001I")) {
                launched = i;
            }
        }
        assertTrue(launched >= 0, "the log of this server run is kept");
        List<String> thisRun = lines.subList(launched, lines.size());
        assertTrue(thisRun.stream().anyMatch(line -> line.contains("CWWKO1660I")), "the document was produced");
        List<String> complaints = thisRun.stream().filter(line -> line.contains("CWWKO1650E")
                || line.contains("CWWKO1651W") || line.contains(" SROAP"))
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line).toList();
        assertEquals(List.of(), complaints.subList(0, Math.min(5, complaints.size())),
                () -> complaints.size() + " complaints about the OpenAPI document in messages.log");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private interface OperationCheck {
        void check(String name, String path, JsonObject operation);
    }

    private static void forEachOperation(OperationCheck check) {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.keySet()) {
                if (HTTP_METHODS.contains(method)) {
                    check.check(method.toUpperCase(Locale.ROOT) + " " + path, path, item.getJsonObject(method));
                }
            }
        }
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        forEachOperation((name, path, operation) -> operations.add(name));
        return operations;
    }

    /** "METHOD /path" of every resource method of every @Path class of the application, templates without regex. */
    private static Set<String> servedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            addOperations(resource, resource.getAnnotation(jakarta.ws.rs.Path.class).value(), operations);
        }
        return operations;
    }

    /**
     * The operations of a resource class at a path: its resource methods, and those of the sub-resources its locators
     * (a @Path without an HTTP method) return. Operations hidden from the document are not served as operations of
     * their own (see JobInstancesResource#actOnStats).
     */
    private static void addOperations(Class<?> resource, String base, Set<String> operations) {
        for (Method method : resource.getDeclaredMethods()) {
            jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
            String at = join(base, path == null ? "" : path.value());
            String httpMethod = httpMethod(method);
            Operation operation = method.getAnnotation(Operation.class);
            if (httpMethod == null && path != null) {
                addOperations(method.getReturnType(), at, operations);
            } else if (httpMethod != null && (operation == null || !operation.hidden())) {
                operations.add(httpMethod + " " + at);
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    private static String join(String base, String path) {
        String joined = Stream.of(base, path).flatMap(part -> Arrays.stream(part.split("/(?![^{]*})")))
                .filter(segment -> !segment.isEmpty()).collect(Collectors.joining("/", "/", ""));
        return TEMPLATE.matcher(joined).replaceAll("{$1}");
    }

    /** The classes of the application (target/classes) that carry a JAX-RS @Path. */
    private static List<Class<?>> resourceClasses() {
        Path classes;
        try {
            classes = Paths.get(BatchRestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(Files.isDirectory(classes), () -> "the application's classes are a folder: " + classes);
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> resources = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiIT.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(type);
                }
            }
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject operation(String path, String method) {
        JsonObject item = document.getJsonObject("paths").getJsonObject(path);
        assertNotNull(item, path);
        JsonObject operation = item.getJsonObject(method);
        assertNotNull(operation, method + " " + path);
        return operation;
    }

    private static JsonObject response(JsonObject operation, String code) {
        return resolve(operation.getJsonObject("responses").getJsonObject(code));
    }

    private static List<JsonObject> parameters(JsonObject operation) {
        JsonArray parameters = operation.getJsonArray("parameters");
        return parameters == null ? List.of()
                : parameters.stream().map(p -> resolve(p.asJsonObject())).toList();
    }

    /** The names of the parameters in {@code in}, sorted. */
    private static List<String> names(JsonObject operation, String in) {
        return parameters(operation).stream().filter(p -> p.getString("in").equals(in))
                .map(p -> p.getString("name")).sorted().toList();
    }

    private static JsonObject schema(String name) {
        JsonObject schema = document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        assertNotNull(schema, "schema " + name);
        return schema;
    }

    /** Follows a {@code $ref} to components, if the object is one. */
    private static JsonObject resolve(JsonObject object) {
        if (!object.containsKey("$ref")) {
            return object;
        }
        String[] parts = object.getString("$ref").substring("#/components/".length()).split("/");
        return document.getJsonObject("components").getJsonObject(parts[0]).getJsonObject(parts[1]);
    }

    private static void collectReferences(JsonValue value, List<String> references) {
        if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                if (key.equals("$ref")) {
                    references.add(((JsonString) member).getString());
                } else {
                    collectReferences(member, references);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(item -> collectReferences(item, references));
        }
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
