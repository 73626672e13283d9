package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run of retention: the answer of POST on {@code retention/run}, and {@code lastRun} of GET on retention. */
@Schema(name = "RetentionRun", description = "One run of retention.",
        requiredProperties = {"server", "started", "ended", "purged", "failed"})
public record RetentionRunSchema(
        @Schema(description = "The id of the server that ran it (batchrest.server.id).",
                example = "host1/opt/wlp/usr/batchServer") String server,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String started,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String ended,
        @Schema(description = "Instances purged: job logs and repository rows.", format = "int64", example = "1200")
        long purged,
        @Schema(description = "Selected instances that could not be purged (the server log says why); they stay, "
                + "and the next run tries them again.", format = "int64", example = "0")
        long failed) {
}
