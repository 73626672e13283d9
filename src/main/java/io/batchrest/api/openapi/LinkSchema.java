package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a {@code _links} array. */
@Schema(name = "Link", description = "A link: rel, then href (absolute, keeping the API version segment of the "
        + "request).", requiredProperties = {"rel", "href"})
public record LinkSchema(
        @Schema(description = "The relation, e.g. self, job logs, job execution, job instance, step executions, "
                + "stop url, joblog text, joblog zip, joblog part text, joblog part zip.", example = "self")
        String rel,
        @Schema(description = "The absolute URL.", example = "https://localhost:9443/ibm/api/batch/jobinstances/7")
        String href) {
}
