package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The body of GET on the API root. */
@Schema(name = "Root", description = "The API root: one link, rel \"job instance\", to the job instances.",
        requiredProperties = "_links")
public record RootSchema(@Schema(description = "[{\"rel\":\"job instance\",\"href\":\"<root>jobinstances\"}]")
                         List<LinkSchema> _links) {
}
