package io.batchrest.api.problem;

import io.batchrest.api.json.JsonRepresentation;
import jakarta.json.stream.JsonGenerator;

import java.util.List;

/**
 * An RFC 9457 problem details body. {@code detail} names the offending id or parameter and never carries
 * class names, exception text or stack traces.
 */
public record Problem(String title, int status, String detail, String instance, List<InvalidParam> invalidParams)
        implements JsonRepresentation {

    /** A query, path or body parameter that was rejected, and why. */
    public record InvalidParam(String name, String reason) {
    }

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.write("type", "about:blank");
        json.write("title", title);
        json.write("status", status);
        json.write("detail", detail);
        json.write("instance", instance);
        if (!invalidParams.isEmpty()) {
            json.writeStartArray("invalidParams");
            for (InvalidParam param : invalidParams) {
                json.writeStartObject();
                json.write("name", param.name());
                json.write("reason", param.reason());
                json.writeEnd();
            }
            json.writeEnd();
        }
        json.writeEnd();
    }
}
