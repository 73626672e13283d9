package io.batchrest.api.view;

import io.batchrest.api.ApiLinks;
import io.batchrest.api.json.JsonRepresentation;
import jakarta.json.stream.JsonGenerator;

/** GET on the API root: a link to the job instances. */
public record RootView(ApiLinks links) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.writeStartArray("_links");
        Links.write(json, "job instance", links.jobInstances());
        json.writeEnd();
        json.writeEnd();
    }
}
