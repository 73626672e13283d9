package io.batchrest.api.problem;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.model.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every kind of refusal gets its status (docs/api.md, "Status codes") and a problem body that says why. */
class RefusalMapperTest {

    private static final String PATH = "/ibm/api/batch/jobinstances/5";

    private final RefusalMapper mapper = new RefusalMapper();

    @BeforeAll
    static void responses() {
        Fakes.installResponses();
    }

    RefusalMapperTest() {
        mapper.request = Fakes.request(PATH);
    }

    @ParameterizedTest
    @CsvSource({"INVALID, 400", "FORBIDDEN, 403", "NOT_FOUND, 404", "CONFLICT, 409", "UNAVAILABLE, 503",
            "FAULT, 500"})
    void eachKindHasItsStatus(Refusal.Kind kind, int status) {
        assertEquals(status, RefusalMapper.status(kind));
    }

    @Test
    void theStatusesAreDistinct() {
        assertEquals(Refusal.Kind.values().length,
                Arrays.stream(Refusal.Kind.values()).mapToInt(RefusalMapper::status).distinct().count());
    }

    @ParameterizedTest
    @CsvSource({"FORBIDDEN, 403, Forbidden", "NOT_FOUND, 404, Not Found", "CONFLICT, 409, Conflict",
            "FAULT, 500, Internal Server Error", "INVALID, 400, Bad Request"})
    void aRefusalBecomesAProblemWithItsMessageAndTheRequestPath(Refusal.Kind kind, int status, String title) {
        String message = "The job instance 5 refused as " + kind + ".";

        Response response = mapper.toResponse(refusal(kind, message));

        assertEquals(status, response.getStatus());
        assertEquals(JsonOutput.PROBLEM_JSON, response.getHeaderString(HttpHeaders.CONTENT_TYPE));
        assertEquals(new Problem(title, status, message, PATH, List.of()), response.getEntity());
        assertNull(response.getHeaderString("Retry-After"), "only a 503 asks the client to come back");
    }

    @Test
    void theParametersAtFaultAreListed() {
        Response response = mapper.toResponse(Refusal.invalidParameter("pageSize", "The pageSize 0 is out of range."));

        assertEquals(400, response.getStatus());
        assertEquals(new Problem("Bad Request", 400, "The pageSize 0 is out of range.", PATH,
                List.of(new Problem.InvalidParam("pageSize", "The pageSize 0 is out of range."))), response.getEntity());
    }

    @Test
    void anUnavailableRepositoryAsksTheClientToRetryLater() {
        Response response = mapper.toResponse(Refusal.unavailable("The job repository is busy."));

        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(new Problem("Service Unavailable", 503, "The job repository is busy.", PATH, List.of()),
                response.getEntity());
    }

    @Test
    void theBodyIsAnRfc9457ProblemWithInvalidParams() {
        Problem problem = (Problem) mapper.toResponse(Refusal.invalidParameter("jobParameters.items",
                "The value of job parameter items has 9 characters: the job repository stores at most 8."))
                .getEntity();

        JsonObject json = json(problem);

        assertEquals("about:blank", json.getString("type"));
        assertEquals("Bad Request", json.getString("title"));
        assertEquals(400, json.getInt("status"));
        assertEquals("The value of job parameter items has 9 characters: the job repository stores at most 8.",
                json.getString("detail"));
        assertEquals(PATH, json.getString("instance"));
        JsonObject param = json.getJsonArray("invalidParams").getJsonObject(0);
        assertEquals("jobParameters.items", param.getString("name"));
        assertEquals(json.getString("detail"), param.getString("reason"));
        assertEquals(1, json.getJsonArray("invalidParams").size());
    }

    @Test
    void aBodyWithoutParametersAtFaultHasNoInvalidParams() {
        JsonObject json = json((Problem) mapper.toResponse(Refusal.conflict("No.")).getEntity());

        assertFalse(json.containsKey("invalidParams"));
        assertEquals(409, json.getInt("status"));
    }

    static JsonObject json(Problem problem) {
        try (var reader = Json.createReader(new StringReader(JsonOutput.pretty(problem)))) {
            return reader.readObject();
        }
    }

    private static Refusal refusal(Refusal.Kind kind, String message) {
        return switch (kind) {
            case INVALID -> Refusal.invalid(message);
            case FORBIDDEN -> Refusal.forbidden(message);
            case NOT_FOUND -> Refusal.notFound(message);
            case CONFLICT -> Refusal.conflict(message);
            case UNAVAILABLE -> Refusal.unavailable(message);
            case FAULT -> Refusal.fault(message);
        };
    }
}
