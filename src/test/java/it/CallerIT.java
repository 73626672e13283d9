package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET caller: the user name and batch roles of the credentials, for every development user (docs/contract.md §12). */
class CallerIT {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "admin; batchAdmin",
            "submitter1; batchSubmitter",
            "submitter2; batchSubmitter",
            "monitor; batchMonitor",
            "submon; batchSubmitter,batchMonitor",
            "nobody; ''"})
    void answersTheUserAndTheirRoles(String user, String roles) {
        ApiResponse response = BatchApi.as(user).get("caller");
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        assertTrue(response.header("Cache-Control").orElseThrow().startsWith("no-store"), "never cached");
        JsonObject caller = response.object();
        assertEquals(List.of("user", "roles"), List.copyOf(caller.keySet()));
        assertEquals(user, caller.getString("user"));
        assertEquals(roles.isEmpty() ? List.of() : List.of(roles.split(",")),
                caller.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
    }

    /**
     * The resources are application-scoped and the caller is the request's (docs/benchmarks.md, "The floor of a
     * request"): users asking at the same time each get themselves, never the user of another request in flight.
     */
    @Test
    void concurrentRequestsOfDifferentUsersEachGetTheirOwnCaller() throws Exception {
        List<String> users = List.of("admin", "submitter1", "monitor", "nobody");
        ExecutorService threads = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (String user : users) {
                answers.add(threads.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int call = 0; call < 40; call++) {
                        ApiResponse response = BatchApi.as(user).get("caller");
                        assertEquals(200, response.status(), response::toString);
                        seen.add(response.object().getString("user"));
                    }
                    return seen;
                }));
            }
            for (int i = 0; i < users.size(); i++) {
                assertEquals(Collections.nCopies(40, users.get(i)), answers.get(i).get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void badOrMissingCredentialsAreA401() {
        assertProblem(BatchApi.withCredentials("admin", "wrong").get("caller"), 401);
        ApiResponse anonymous = BatchApi.anonymous().get("caller");
        assertProblem(anonymous, 401);
        assertEquals("Basic realm=\"ibm/api\"", anonymous.header("WWW-Authenticate").orElseThrow());
    }
}
