package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** RFC 9457 problem details, the body of every 4xx and 5xx the API renders. */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json): the body of every "
        + "error the API renders, 401 and 403 included. The detail names the offending id or parameter and never "
        + "carries Java class names, exception text or stack traces.",
        requiredProperties = {"type", "title", "status", "detail", "instance"})
public record ProblemSchema(
        @Schema(description = "Always about:blank: the status code says what kind of problem it is.",
                example = "about:blank") String type,
        @Schema(description = "The reason phrase of the status.", example = "Not Found") String title,
        @Schema(description = "The HTTP status code.", example = "404") int status,
        @Schema(description = "What went wrong, naming the id or parameter concerned.",
                example = "CWWKY0151E: No job instance found for instance id 42.") String detail,
        @Schema(description = "The request path, or for a 500 a urn:uuid: reference to the server log entry.",
                example = "/ibm/api/batch/jobinstances/42") String instance,
        @Schema(description = "Present on 400s caused by a parameter, header, part or body attribute: one entry per "
                + "rejected item.") List<InvalidParamSchema> invalidParams) {

    /** A rejected parameter of a 400. */
    @Schema(name = "InvalidParam", description = "A query parameter, header, multipart part or body attribute that "
            + "was rejected, and why.", requiredProperties = {"name", "reason"})
    public record InvalidParamSchema(
            @Schema(description = "The name of the parameter, header, part or attribute.",
                    example = "pageSize") String name,
            @Schema(description = "Why it was rejected.",
                    example = "The pageSize 2000 is out of range: it must be between 1 and 1000.") String reason) {
    }
}
