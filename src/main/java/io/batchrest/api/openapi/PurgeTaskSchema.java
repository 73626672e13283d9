package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An asynchronous bulk purge (docs/contract.md §7). */
@Schema(name = "PurgeTask", description = "An asynchronous bulk purge: what it was asked, how far it got, and (GET "
        + "of the task only) one page of its per-instance results. purged + failed + remaining = matched.",
        requiredProperties = {"taskId", "state", "submitter", "search", "purgeJobStoreOnly", "matched", "purged",
                "failed", "remaining", "createTime", "lastUpdatedTime", "endTime", "serverId", "message", "_links"})
public record PurgeTaskSchema(
        @Schema(format = "uuid", example = "3f1c2a9e-6b7d-4e0f-9a51-2c8d7e6f5a40") String taskId,
        @Schema(type = SchemaType.STRING, enumeration = {"RUNNING", "COMPLETED", "CANCELLED", "FAILED"},
                description = "RUNNING until every matched instance has a result (COMPLETED), a client cancelled it "
                        + "(CANCELLED) or the task could not go on (FAILED after 3 failures in a row; message says why). A task of a server "
                        + "that stopped stays RUNNING and is resumed when that server starts again.") String state,
        @Schema(description = "The user who started it.", example = "admin") String submitter,
        @Schema(description = "The bulk purge request below the REST root, as sent.",
                example = "v4/jobinstances?jobName=chunkCopy&instanceState=COMPLETED") String search,
        @Schema(description = "Whether only the repository rows are deleted (purgeJobStoreOnly=true).")
        boolean purgeJobStoreOnly,
        @Schema(format = "int32", description = "The instances the search selected when the task was created; "
                + "these, and only these, are purged.") int matched,
        @Schema(format = "int32", description = "Purged instances (COMPLETED results).") int purged,
        @Schema(format = "int32", description = "Instances left in place (any other result).") int failed,
        @Schema(format = "int32", description = "Instances without a result yet (PENDING).") int remaining,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String createTime,
        @Schema(description = ApiDocs.DATE + " The last recorded result or change of state.",
                example = ApiDocs.DATE_EXAMPLE) String lastUpdatedTime,
        @Schema(description = ApiDocs.DATE + " \"\" while RUNNING.", example = ApiDocs.DATE_EXAMPLE) String endTime,
        @Schema(description = "The server that runs it (batchrest.server.id).") String serverId,
        @Schema(description = "Why a FAILED task stopped; \"\" otherwise.") String message,
        @Schema(description = "GET purges/{taskId} only: one page (page, pageSize) of per-instance results, in "
                + "purge order.") List<PurgeResultSchema> results,
        @Schema(description = "self: the task.") List<LinkSchema> _links) {
}
