package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import jakarta.ws.rs.core.Response;

/** The plain answer of most reads: 200 with a JSON body in UTF-8. */
final class JsonResponse {

    private JsonResponse() {
    }

    static Response ok(JsonRepresentation body) {
        return Response.ok(body, JsonOutput.JSON_UTF8).build();
    }
}
