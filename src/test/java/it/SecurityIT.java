package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static it.support.BatchApi.CONTEXT_ROOT;
import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/contract.md §9 (the role matrix, for every development user of §12) and the transport and authentication rules
 * of §0/§1: HTTPS only (plain HTTP → 403), 401 with a Basic challenge for missing or bad credentials, 403 naming the
 * user and the operation for an authenticated caller without the role or the ownership.
 */
class SecurityIT {

    private static final Map<String, String> QUICK = Map.of("sleepSeconds", "0");
    private static final Map<String, String> QUICK_FAILURE = Map.of("sleepSeconds", "0", "forceFailure", "true");
    private static final Map<String, String> LONG_RUNNING = Map.of("sleepSeconds", "20");
    private static final String RESTART_QUICKLY = "{\"jobParameters\":{\"sleepSeconds\":\"0\"}}";

    private static final String NO_BATCH_ROLE = "User nobody is not authorized to perform batch operations: "
            + "the user has none of the roles batchAdmin, batchSubmitter, batchMonitor.";
    private static final String AUTHENTICATION_REQUIRED = "Authentication is required: send valid credentials "
            + "(HTTP Basic) or a valid single sign-on cookie.";
    private static final String HTTPS_REQUIRED = "HTTPS is required: the batch API does not accept plain HTTP "
            + "requests. Send the request to the server's HTTPS port.";
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "Exception|\\tat |\\b(java|javax|jakarta|io\\.batchrest|com\\.ibm|org\\.apache)\\.[a-z]+\\.");

    /** A finished instance of each of three submitters, with the execution and step ids of the first. */
    private static long submitter1Instance;
    private static long submitter2Instance;
    private static long adminInstance;
    private static long submitter1Execution;
    private static long submitter1StepExecution;

    @BeforeAll
    static void oneFinishedInstancePerSubmitter() {
        submitter1Instance = Jobs.submit("submitter1", "sleepyBatchlet", QUICK);
        submitter2Instance = Jobs.submit("submitter2", "sleepyBatchlet", QUICK);
        adminInstance = Jobs.submit("admin", "sleepyBatchlet", QUICK);
        for (long id : List.of(submitter1Instance, submitter2Instance, adminInstance)) {
            assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"));
        }
        JsonObject execution = BatchApi.as("admin").get("jobinstances/" + submitter1Instance + "/jobexecutions/0")
                .object();
        submitter1Execution = execution.getJsonNumber("executionId").longValue();
        submitter1StepExecution = execution.getJsonArray("stepExecutions").getJsonObject(0)
                .getJsonNumber("stepExecutionId").longValue();
    }

    // ---------------------------------------------------------------------------------------------- submit

    @ParameterizedTest
    @ValueSource(strings = {"admin", "submitter1", "submitter2", "submon"})
    void adminAndEverySubmitterSubmitAJobThatIsRecordedUnderTheirOwnName(String user) {
        ApiResponse response = BatchApi.as(user).postJson("jobinstances", Jobs.submission("sleepyBatchlet", QUICK));

        assertEquals(201, response.status(), response::toString);
        JsonObject instance = response.object();
        assertEquals(user, instance.getString("submitter"));
        long id = instance.getJsonNumber("instanceId").longValue();
        assertEquals(BatchApi.ROOT + "jobinstances/" + id, response.header("Location").orElseThrow());
        JsonObject done = Jobs.awaitFinal(id);
        assertEquals("COMPLETED", done.getString("instanceState"));
        assertEquals(user, done.getString("submitter"));
    }

    @Test
    void aMonitorIsRefusedSubmissionWith403NamingTheUserAndNothingIsRecorded() {
        long before = totalInstances();

        ApiResponse response = BatchApi.as("monitor").postJson("jobinstances",
                Jobs.submission("sleepyBatchlet", QUICK));

        assertRefused(response, 403, "User monitor is not authorized to start batch jobs.");
        assertEquals(before, totalInstances(), "a refused submission must not record an instance");
    }

    @Test
    void aUserWithoutABatchRoleIsRefusedSubmissionWith403NamingTheUserAndNothingIsRecorded() {
        long before = totalInstances();

        ApiResponse response = BatchApi.as("nobody").postJson("jobinstances",
                Jobs.submission("sleepyBatchlet", QUICK));

        assertRefused(response, 403, NO_BATCH_ROLE);
        assertEquals(before, totalInstances(), "a refused submission must not record an instance");
    }

    // ---------------------------------------------------------------------------------------------- list

    @ParameterizedTest
    @ValueSource(strings = {"admin", "monitor", "submon"})
    void adminMonitorAndSubmonListEveryonesInstancesWithTheFullTotalCount(String user) {
        List<JsonObject> all = allInstances("admin", "jobinstances");
        ApiResponse firstPage = BatchApi.as(user).get("jobinstances?pageSize=1000");
        assertEquals(200, firstPage.status(), firstPage::toString);
        assertEquals(Integer.toString(all.size()), firstPage.header("X-Total-Count").orElseThrow());

        List<JsonObject> seen = allInstances(user, "jobinstances");

        assertEquals(ids(all), ids(seen));
        assertTrue(ids(seen).containsAll(List.of(submitter1Instance, submitter2Instance, adminInstance)),
                () -> user + " must see the instances of submitter1, submitter2 and admin");
        Set<String> submitters = seen.stream().map(i -> i.getString("submitter")).collect(Collectors.toSet());
        assertTrue(submitters.containsAll(Set.of("admin", "submitter1", "submitter2")), submitters::toString);
    }

    @Test
    void aSubmitterListsOnlyOwnInstancesAndTheTotalCountCountsOnlyThose() {
        long ownAccordingToAdmin = allInstances("admin", "jobinstances").stream()
                .filter(instance -> instance.getString("submitter").equals("submitter1")).count();
        ApiResponse firstPage = BatchApi.as("submitter1").get("jobinstances?pageSize=1000");
        assertEquals(200, firstPage.status(), firstPage::toString);
        assertEquals(Long.toString(ownAccordingToAdmin), firstPage.header("X-Total-Count").orElseThrow());
        assertTrue(ownAccordingToAdmin < totalInstances(), "others have instances too, so the totals must differ");

        List<JsonObject> seen = allInstances("submitter1", "jobinstances");

        assertEquals(ownAccordingToAdmin, seen.size());
        for (JsonObject instance : seen) {
            assertEquals("submitter1", instance.getString("submitter"), instance::toString);
        }
        List<Long> ids = ids(seen);
        assertTrue(ids.contains(submitter1Instance), "own instance missing");
        assertFalse(ids.contains(submitter2Instance), "submitter2's instance must not be listed");
        assertFalse(ids.contains(adminInstance), "admin's instance must not be listed");
    }

    @Test
    void aSubmitterSearchingOnV4SeesOnlyOwnInstances() {
        ApiResponse response = BatchApi.as("submitter2").get("v4/jobinstances?pageSize=1000");

        assertEquals(200, response.status(), response::toString);
        List<JsonObject> seen = response.array().getValuesAs(JsonObject.class);
        assertEquals(Integer.toString(seen.size()), response.header("X-Total-Count").orElseThrow());
        for (JsonObject instance : seen) {
            assertEquals("submitter2", instance.getString("submitter"), instance::toString);
        }
        assertTrue(ids(seen).contains(submitter2Instance), "own instance missing");
        assertFalse(ids(seen).contains(submitter1Instance), "submitter1's instance must not be listed");
        assertFalse(ids(seen).contains(adminInstance), "admin's instance must not be listed");
    }

    @Test
    void aUserWithoutABatchRoleIsRefusedTheListWith403NamingTheUser() {
        assertRefused(BatchApi.as("nobody").get("jobinstances"), 403, NO_BATCH_ROLE);
        assertRefused(BatchApi.as("nobody").get("v4/jobinstances"), 403, NO_BATCH_ROLE);
        assertRefused(BatchApi.as("nobody").get(""), 403, NO_BATCH_ROLE);
    }

    // ---------------------------------------------------------------------------------------------- read one

    @Test
    void aSubmitterIsRefusedEveryReadOfAnotherUsersInstanceWith403NamingUserAndInstance() {
        String refusal = "User submitter2 is not authorized to read job instance " + submitter1Instance + ".";
        for (String path : readPathsOfSubmitter1Instance()) {
            assertRefused(BatchApi.as("submitter2").get(path), 403, refusal);
        }
        assertRefused(BatchApi.as("submitter1").get("jobinstances/" + adminInstance), 403,
                "User submitter1 is not authorized to read job instance " + adminInstance + ".");
        assertRefused(BatchApi.as("submitter1").get("jobinstances/" + submitter2Instance + "/jobexecutions"), 403,
                "User submitter1 is not authorized to read job instance " + submitter2Instance + ".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "monitor", "submon"})
    void adminMonitorAndSubmonReadAnotherUsersInstanceExecutionsAndSteps(String user) {
        for (String path : readPathsOfSubmitter1Instance()) {
            ApiResponse response = BatchApi.as(user).get(path);
            assertEquals(200, response.status(), () -> user + " GET " + path + ": " + response);
        }
        JsonObject instance = BatchApi.as(user).get("jobinstances/" + submitter1Instance).object();
        assertEquals("submitter1", instance.getString("submitter"));
        JsonObject step = BatchApi.as(user).get("stepexecutions/" + submitter1StepExecution).array()
                .getJsonObject(0);
        assertEquals(submitter1Execution, step.getJsonNumber("executionId").longValue());
    }

    @Test
    void aSubmitterReadsOwnInstanceExecutionsAndSteps() {
        for (String path : readPathsOfSubmitter1Instance()) {
            ApiResponse response = BatchApi.as("submitter1").get(path);
            assertEquals(200, response.status(), () -> "submitter1 GET " + path + ": " + response);
        }
    }

    @Test
    void aUserWithoutABatchRoleIsRefusedEveryRead() {
        for (String path : readPathsOfSubmitter1Instance()) {
            assertRefused(BatchApi.as("nobody").get(path), 403, NO_BATCH_ROLE);
        }
    }

    // ---------------------------------------------------------------------------------------------- act

    @Test
    void aMonitorIsRefusedStopRestartAndPurgeOfAnyInstance() {
        assertActionsRefused("monitor", submitter1Instance, submitter1Execution);
        assertActionsRefused("monitor", adminInstance, executionOf(adminInstance));
        assertStillThere(submitter1Instance);
        assertStillThere(adminInstance);
    }

    @Test
    void submonIsRefusedStopRestartAndPurgeOfAnotherUsersInstanceButPurgesOwn() {
        assertActionsRefused("submon", submitter1Instance, submitter1Execution);
        assertActionsRefused("submon", adminInstance, executionOf(adminInstance));
        assertStillThere(submitter1Instance);

        long own = Jobs.submit("submon", "sleepyBatchlet", QUICK);
        Jobs.awaitFinal(own);
        ApiResponse purge = BatchApi.as("submon").delete("jobinstances/" + own);
        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertGone(own);
    }

    @Test
    void aSubmitterIsRefusedStopRestartAndPurgeOfAnotherUsersInstance() {
        assertActionsRefused("submitter2", submitter1Instance, submitter1Execution);
        assertActionsRefused("submitter1", adminInstance, executionOf(adminInstance));
        assertActionsRefused("submitter1", submitter2Instance, executionOf(submitter2Instance));
        assertStillThere(submitter1Instance);
        assertStillThere(adminInstance);
        assertStillThere(submitter2Instance);
    }

    @Test
    void aUserWithoutABatchRoleIsRefusedStopRestartAndPurge() {
        String instance = "jobinstances/" + submitter1Instance;
        String execution = "jobexecutions/" + submitter1Execution;
        BatchApi nobody = BatchApi.as("nobody");
        assertRefused(nobody.put(instance + "?action=stop"), 403, NO_BATCH_ROLE);
        assertRefused(nobody.put(instance + "?action=restart"), 403, NO_BATCH_ROLE);
        assertRefused(nobody.put(execution + "?action=stop"), 403, NO_BATCH_ROLE);
        assertRefused(nobody.put(execution + "?action=restart"), 403, NO_BATCH_ROLE);
        assertRefused(nobody.delete(instance), 403, NO_BATCH_ROLE);
        assertStillThere(submitter1Instance);
    }

    /** Without a batch role a user learns nothing, not even which ids exist: 403 comes before 404. */
    @Test
    void aUserWithoutABatchRoleIsRefusedStopRestartAndPurgeOfAnUnknownIdWith403() {
        BatchApi nobody = BatchApi.as("nobody");
        for (String path : List.of("jobinstances/987654321?action=stop", "jobinstances/987654321?action=restart",
                "jobexecutions/987654321?action=stop", "jobexecutions/987654321?action=restart")) {
            assertRefused(nobody.put(path), 403, NO_BATCH_ROLE);
        }
        assertRefused(nobody.delete("jobinstances/987654321"), 403, NO_BATCH_ROLE);
        assertRefused(nobody.delete("jobinstances/987654321/joblogs"), 403, NO_BATCH_ROLE);
        assertRefused(BatchApi.as("admin").delete("jobinstances/987654321"), 404,
                "CWWKY0151E: No job instance found for instance id 987654321.");
    }

    @Test
    void aSubmitterStopsOwnRunningInstanceWhichOthersWithoutAdminMayNotStop() {
        long id = Jobs.submit("submitter1", "sleepyBatchlet", LONG_RUNNING);
        try {
            long execution = Jobs.awaitLatestExecution(id, "STARTED").getJsonNumber("executionId").longValue();
            for (String other : List.of("submitter2", "monitor", "submon")) {
                assertRefused(BatchApi.as(other).put("jobinstances/" + id + "?action=stop"), 403,
                        "User " + other + " is not authorized to stop job instance " + id + ".");
                assertRefused(BatchApi.as(other).put("jobexecutions/" + execution + "?action=stop"), 403,
                        "User " + other + " is not authorized to stop job instance " + id + ".");
            }
            assertEquals("STARTED", latestExecution(id).getString("batchStatus"), "a refused stop must not stop");

            ApiResponse stop = BatchApi.as("submitter1").put("jobinstances/" + id + "?action=stop");

            assertEquals(200, stop.status(), stop::toString);
            assertEquals(execution, stop.object().getJsonNumber("executionId").longValue());
            assertEquals("STOPPED", Jobs.awaitFinal(id).getString("instanceState"));
        } finally {
            stopQuietly(id);
        }
    }

    @Test
    void adminStopsAnotherUsersRunningExecution() {
        long id = Jobs.submit("submitter2", "sleepyBatchlet", LONG_RUNNING);
        try {
            long execution = Jobs.awaitLatestExecution(id, "STARTED").getJsonNumber("executionId").longValue();

            ApiResponse stop = BatchApi.as("admin").put("jobexecutions/" + execution + "?action=stop");

            assertEquals(200, stop.status(), stop::toString);
            assertEquals(execution, stop.object().getJsonNumber("executionId").longValue());
            assertEquals("STOPPED", Jobs.awaitFinal(id).getString("instanceState"));
        } finally {
            stopQuietly(id);
        }
    }

    @Test
    void aSubmitterRestartsOwnFailedInstanceWhichOthersWithoutAdminMayNotRestart() {
        long id = Jobs.submit("submitter1", "sleepyBatchlet", QUICK_FAILURE);
        assertEquals("FAILED", Jobs.awaitFinal(id).getString("instanceState"));
        for (String other : List.of("submitter2", "monitor", "submon")) {
            assertRefused(BatchApi.as(other).putJson("jobinstances/" + id + "?action=restart", RESTART_QUICKLY), 403,
                    "User " + other + " is not authorized to restart job instance " + id + ".");
        }
        assertEquals(1, BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions").array().size(),
                "a refused restart must not create an execution");

        ApiResponse restart = BatchApi.as("submitter1").putJson("jobinstances/" + id + "?action=restart",
                RESTART_QUICKLY);

        assertEquals(200, restart.status(), restart::toString);
        assertEquals(id, restart.object().getJsonNumber("instanceId").longValue());
        assertEquals("submitter1", restart.object().getString("submitter"));
        assertEquals("COMPLETED", awaitFinalExecution(id, 2).getString("batchStatus"));
        Jobs.awaitState(id, "COMPLETED");
    }

    @Test
    void adminRestartsAnotherUsersFailedExecution() {
        long id = Jobs.submit("submitter2", "sleepyBatchlet", QUICK_FAILURE);
        assertEquals("FAILED", Jobs.awaitFinal(id).getString("instanceState"));
        long execution = executionOf(id);

        ApiResponse restart = BatchApi.as("admin").putJson("jobexecutions/" + execution + "?action=restart",
                RESTART_QUICKLY);

        assertEquals(200, restart.status(), restart::toString);
        assertEquals(id, restart.object().getJsonNumber("instanceId").longValue());
        assertEquals("COMPLETED", awaitFinalExecution(id, 2).getString("batchStatus"));
        Jobs.awaitState(id, "COMPLETED");
        assertEquals("submitter2", BatchApi.as("admin").get("jobinstances/" + id).object().getString("submitter"));
    }

    @Test
    void aSubmitterPurgesOwnFinishedInstanceWhichOthersWithoutAdminMayNotPurge() {
        long id = Jobs.submit("submitter1", "sleepyBatchlet", QUICK);
        Jobs.awaitFinal(id);
        for (String other : List.of("submitter2", "monitor", "submon")) {
            assertRefused(BatchApi.as(other).delete("jobinstances/" + id), 403,
                    "User " + other + " is not authorized to purge job instance " + id + ".");
        }
        assertStillThere(id);

        ApiResponse purge = BatchApi.as("submitter1").delete("jobinstances/" + id);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertGone(id);
    }

    @Test
    void adminPurgesAnotherUsersFinishedInstance() {
        long id = Jobs.submit("submitter2", "sleepyBatchlet", QUICK);
        Jobs.awaitFinal(id);

        ApiResponse purge = BatchApi.as("admin").delete("jobinstances/" + id);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertGone(id);
    }

    // ---------------------------------------------------------------------------------------------- authentication

    @Test
    void aRequestWithoutCredentialsIs401WithABasicChallengeAndAProblemBody() {
        for (String path : List.of("", "jobinstances", "jobinstances/" + submitter1Instance,
                "jobexecutions/" + submitter1Execution, "no/such/resource")) {
            ApiResponse response = BatchApi.anonymous().get(path);
            assertUnauthorized(response);
        }
    }

    @Test
    void aSubmissionWithoutCredentialsIs401AndRecordsNothing() {
        long before = totalInstances();

        ApiResponse response = BatchApi.anonymous().postJson("jobinstances", Jobs.submission("sleepyBatchlet", QUICK));

        assertUnauthorized(response);
        assertEquals(before, totalInstances());
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIs401WithABasicChallengeAndAProblemBody() {
        assertUnauthorized(BatchApi.withCredentials("admin", "wrongpwd").get("jobinstances"));
        assertUnauthorized(BatchApi.withCredentials("admin", "").get("jobinstances/" + adminInstance));
        assertUnauthorized(BatchApi.withCredentials("stranger", "strangerpwd").get("jobinstances"));
        assertUnauthorized(BatchApi.withCredentials("submitter1", "submitter2pwd").delete(
                "jobinstances/" + submitter1Instance));
        assertStillThere(submitter1Instance);
    }

    // ---------------------------------------------------------------------------------------------- other servers

    /** The test server has no peers and no batchrest.peer.secret: no request may pose as forwarded by a server. */
    @Test
    void aSingleServerRefusesEveryRequestMarkedAsForwardedAndPurgesNothing() {
        long id = Jobs.submit("admin", "sleepyBatchlet", QUICK);
        Jobs.awaitFinal(id);
        String refusal = "The request is marked as forwarded by another server (X-BatchRest-Forwarded-By) without "
                + "the secret that the servers of this cluster share (X-BatchRest-Peer-Secret): only a server of "
                + "the cluster may send it.";
        BatchApi admin = BatchApi.as("admin");
        for (String secret : new String[] {null, "", "a-secret-of-at-least-16-characters"}) {
            for (String method : List.of("DELETE jobinstances/" + id, "DELETE jobinstances/" + id + "/joblogs",
                    "GET ")) {
                String[] methodAndPath = method.split(" ", 2);
                var request = admin.request(methodAndPath[1]).header("X-BatchRest-Forwarded-By", "localhost//other")
                        .method(methodAndPath[0], java.net.http.HttpRequest.BodyPublishers.noBody());
                if (secret != null) {
                    request.header("X-BatchRest-Peer-Secret", secret);
                }
                assertRefused(BatchApi.send(request), 403, refusal);
            }
        }
        assertStillThere(id);
        assertEquals(200, admin.get("jobinstances/" + id + "/joblogs").status());
        assertTrue(admin.get("jobinstances/" + id + "/joblogs").body().contains("joblog part text"),
                "the log files are still there");
    }

    // ---------------------------------------------------------------------------------------------- transport

    @Test
    void plainHttpWithoutCredentialsIsRefusedWith403SayingHttpsIsRequired() {
        ApiResponse response = BatchApi.anonymous().getUrl(plainHttp("jobinstances"));

        assertRefusedOverHttp(response, CONTEXT_ROOT + "/jobinstances");
    }

    @Test
    void plainHttpWithCredentialsIsRefusedWith403SayingHttpsIsRequired() {
        ApiResponse list = BatchApi.as("admin").getUrl(plainHttp("jobinstances"));
        assertRefusedOverHttp(list, CONTEXT_ROOT + "/jobinstances");

        ApiResponse one = BatchApi.as("admin").getUrl(plainHttp("jobinstances/" + adminInstance));
        assertRefusedOverHttp(one, CONTEXT_ROOT + "/jobinstances/" + adminInstance);
    }

    @Test
    void singleSignOnCookiesAreMarkedSecureAndNeverIssuedOverPlainHttp() {
        assertEquals(List.of(), BatchApi.as("admin").getUrl(plainHttp("jobinstances")).headers()
                .allValues("Set-Cookie"), "no token may be issued over plain HTTP");

        List<String> cookies = BatchApi.as("admin").get("jobinstances").headers().allValues("Set-Cookie");
        for (String cookie : cookies) {
            assertTrue(cookie.contains("; Secure"), () -> "cookie without the Secure flag: " + cookie);
            assertTrue(cookie.contains("; HttpOnly"), () -> "cookie readable by scripts: " + cookie);
        }
    }

    @Test
    void aSubmissionOverPlainHttpIsRefusedWith403AndRecordsNothing() {
        long before = totalInstances();

        ApiResponse response = BatchApi.as("admin").postJson(plainHttp("jobinstances"),
                Jobs.submission("sleepyBatchlet", QUICK));

        assertRefusedOverHttp(response, CONTEXT_ROOT + "/jobinstances");
        assertEquals(before, totalInstances());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static List<String> readPathsOfSubmitter1Instance() {
        String instance = "jobinstances/" + submitter1Instance;
        String execution = "jobexecutions/" + submitter1Execution;
        return List.of(instance, "v1/" + instance, "v4/" + instance, instance + "/jobexecutions",
                instance + "/jobexecutions/0", instance + "/jobexecnum/0", instance + "/jobexecutions/0/stepexecutions/step1",
                execution, execution + "/jobinstance", execution + "/stepexecutions", execution + "/stepexecutions/step1",
                "stepexecutions/" + submitter1StepExecution);
    }

    /** Every action on someone else's instance, by instance and by execution, is a 403 naming user and operation. */
    private static void assertActionsRefused(String user, long instanceId, long executionId) {
        BatchApi api = BatchApi.as(user);
        String instance = "jobinstances/" + instanceId;
        String execution = "jobexecutions/" + executionId;
        String prefix = "User " + user + " is not authorized to ";
        String suffix = " job instance " + instanceId + ".";
        assertRefused(api.put(instance + "?action=stop"), 403, prefix + "stop" + suffix);
        assertRefused(api.put(execution + "?action=stop"), 403, prefix + "stop" + suffix);
        assertRefused(api.putJson(instance + "?action=restart", RESTART_QUICKLY), 403, prefix + "restart" + suffix);
        assertRefused(api.putJson(execution + "?action=restart", RESTART_QUICKLY), 403, prefix + "restart" + suffix);
        assertRefused(api.delete(instance), 403, prefix + "purge" + suffix);
    }

    private static void assertRefused(ApiResponse response, int status, String detail) {
        assertEquals(detail, assertProblem(response, status), response::toString);
        assertFalse(JAVA_NAMES.matcher(response.body()).find(), () -> "error body leaks internals: " + response);
    }

    private static void assertUnauthorized(ApiResponse response) {
        assertEquals(AUTHENTICATION_REQUIRED, assertProblem(response, 401), response::toString);
        assertEquals("Unauthorized", response.object().getString("title"));
        List<String> challenges = response.headers().allValues("WWW-Authenticate");
        assertEquals(List.of("Basic realm=\"ibm/api\""), challenges, response::toString);
        assertFalse(JAVA_NAMES.matcher(response.body()).find(), () -> "error body leaks internals: " + response);
    }

    private static void assertRefusedOverHttp(ApiResponse response, String requestPath) {
        assertEquals(HTTPS_REQUIRED, assertProblem(response, 403), response::toString);
        JsonObject problem = response.object();
        assertEquals("Forbidden", problem.getString("title"));
        assertEquals(requestPath, problem.getString("instance"));
        assertTrue(response.header("WWW-Authenticate").isEmpty(),
                "plain HTTP must not invite credentials: " + response.headers());
        assertTrue(response.header("Location").isEmpty(), "plain HTTP must not be redirected: " + response.headers());
    }

    private static String plainHttp(String path) {
        return "http://localhost:" + BatchApi.HTTP_PORT + CONTEXT_ROOT + "/" + path;
    }

    /** Every instance visible to {@code user}, page by page. */
    private static List<JsonObject> allInstances(String user, String collection) {
        List<JsonObject> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            ApiResponse response = BatchApi.as(user).get(collection + "?pageSize=1000&page=" + page);
            assertEquals(200, response.status(), response::toString);
            JsonArray items = response.array();
            items.forEach(item -> all.add(item.asJsonObject()));
            if (items.size() < 1000) {
                return all;
            }
        }
    }

    private static List<Long> ids(List<JsonObject> instances) {
        return instances.stream().map(i -> i.getJsonNumber("instanceId").longValue()).toList();
    }

    private static long totalInstances() {
        ApiResponse response = BatchApi.as("admin").get("jobinstances?pageSize=1&count=exact");
        assertEquals(200, response.status(), response::toString);
        return Long.parseLong(response.header("X-Total-Count").orElseThrow());
    }

    private static JsonObject latestExecution(long instanceId) {
        return BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions").array().getJsonObject(0);
    }

    private static long executionOf(long instanceId) {
        return latestExecution(instanceId).getJsonNumber("executionId").longValue();
    }

    /** Waits until the instance has {@code count} executions and the latest is final; returns the latest. */
    private static JsonObject awaitFinalExecution(long instanceId, int count) {
        return Jobs.await(() -> {
            JsonArray executions = BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions").array();
            JsonObject latest = executions.isEmpty() ? null : executions.getJsonObject(0);
            return executions.size() == count && Jobs.FINAL_STATES.contains(latest.getString("batchStatus"))
                    ? latest : null;
        }, "instance " + instanceId + " to finish execution " + count);
    }

    private static void assertStillThere(long instanceId) {
        ApiResponse response = BatchApi.as("admin").get("jobinstances/" + instanceId);
        assertEquals(200, response.status(), () -> "instance " + instanceId + " must still exist: " + response);
    }

    private static void assertGone(long instanceId) {
        assertEquals("CWWKY0151E: No job instance found for instance id " + instanceId + ".",
                assertProblem(BatchApi.as("admin").get("jobinstances/" + instanceId), 404));
    }

    /** Leaves nothing running: stops the instance if it still runs and waits for its final state. */
    private static void stopQuietly(long instanceId) {
        BatchApi.as("admin").put("jobinstances/" + instanceId + "?action=stop");
        Jobs.awaitFinal(instanceId);
    }
}
