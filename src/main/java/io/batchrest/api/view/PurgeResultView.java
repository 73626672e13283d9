package io.batchrest.api.view;

import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.service.PurgeResult;
import jakarta.json.stream.JsonGenerator;

/** One entry of a bulk purge response (docs/contract.md §2). */
public record PurgeResultView(PurgeResult result) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.write("instanceId", result.instanceId());
        json.write("purgeStatus", result.status().name());
        json.write("message", result.message());
        json.write("redirectUrl", result.redirectUrl());
        json.writeEnd();
    }
}
