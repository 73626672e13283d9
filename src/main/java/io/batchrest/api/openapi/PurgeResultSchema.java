package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a bulk purge response (docs/contract.md §7). */
@Schema(name = "PurgeResult", description = "The outcome of purging one instance of a bulk purge.",
        requiredProperties = {"instanceId", "purgeStatus", "message", "redirectUrl"})
public record PurgeResultSchema(
        @Schema(format = "int64", example = "7") long instanceId,
        @Schema(type = SchemaType.STRING, enumeration = {"COMPLETED", "FAILED", "STILL_ACTIVE", "JOBLOGS_ONLY",
                "NOT_LOCAL", "WOULD_PURGE", "PENDING"}, description = "COMPLETED: purged. FAILED: not purged, the "
                + "message says why. STILL_ACTIVE: active instance, untouched. JOBLOGS_ONLY: the logs were deleted, "
                + "the repository rows not. NOT_LOCAL: the logs live on a server that could not be reached (or, for "
                + "an asynchronous purge, on another server). WOULD_PURGE: dry run only, a purge would purge it; "
                + "nothing was deleted. PENDING: purge tasks only, not purged yet.") String purgeStatus,
        @Schema(example = "Successful purge.") String message,
        @Schema(description = "For NOT_LOCAL, the URL of the server that holds the logs; \"\" otherwise.")
        String redirectUrl) {
}
