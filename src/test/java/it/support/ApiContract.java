package it.support;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The one description of the API's representations: the OpenAPI document the server serves (docs/contract.md §11),
 * written from the schema types of {@code io.batchrest.api.openapi}. The tests check response bodies against its
 * schemas, and OpenApiIT checks those schemas against Liberty's field lists, so a field changes in one place.
 */
public final class ApiContract {

    private static final JsonObject SCHEMAS = BatchApi.anonymous()
            .getUrl("https://localhost:" + BatchApi.HTTPS_PORT + "/openapi?format=JSON").object()
            .getJsonObject("components").getJsonObject("schemas");

    private ApiContract() {
    }

    /** The fields of a representation, in the order the API writes them. */
    public static List<String> fields(String schema) {
        return new ArrayList<>(schema(schema).getJsonObject("properties").keySet());
    }

    /** The fields every representation of the schema has. */
    public static List<String> requiredFields(String schema) {
        return schema(schema).getJsonArray("required").getValuesAs(jakarta.json.JsonString::getString);
    }

    private static JsonObject schema(String name) {
        JsonObject schema = SCHEMAS.getJsonObject(name);
        if (schema == null) {
            throw new IllegalArgumentException("The API document has no schema " + name);
        }
        return schema;
    }
}
