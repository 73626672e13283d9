package io.batchrest.api.json;

import jakarta.json.stream.JsonGenerator;

import java.util.List;

/**
 * A response body that writes itself field by field, so that field order and the rendering of missing values
 * ({@code ""}, never {@code null}) are exactly those of Liberty's API, which existing clients parse.
 */
public interface JsonRepresentation {

    /** Writes this representation as one JSON value (an object or an array). */
    void writeTo(JsonGenerator json);

    /** A JSON array of representations, in the given order. */
    static JsonRepresentation array(List<? extends JsonRepresentation> items) {
        return json -> {
            json.writeStartArray();
            items.forEach(item -> item.writeTo(json));
            json.writeEnd();
        };
    }
}
