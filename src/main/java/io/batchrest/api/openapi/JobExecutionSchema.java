package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** A job execution (docs/contract.md §2). */
@Schema(name = "JobExecution", description = "A job execution, fields in this order. _links: self, job instance, "
        + "step executions, job logs (<restUrl>jobexecutions/{executionId}/joblogs), stop url "
        + "(<restUrl>jobexecutions/{executionId}?action=stop).",
        requiredProperties = {"jobName", "executionId", "instanceId", "batchStatus", "exitStatus", "createTime",
                "endTime", "lastUpdatedTime", "startTime", "jobParameters", "restUrl", "serverId", "logpath",
                "stepExecutions", "_links"})
public record JobExecutionSchema(
        @Schema(example = "chunkCopy") String jobName,
        @Schema(format = "int64", example = "12") long executionId,
        @Schema(format = "int64", example = "7") long instanceId,
        @Schema(implementation = JobInstanceSchema.BatchStatusSchema.class) String batchStatus,
        @Schema(description = "\"\" while there is none.", example = "COMPLETED") String exitStatus,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String createTime,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String endTime,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String lastUpdatedTime,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String startTime,
        @Schema(description = "The job parameters of this execution; every value is a string.",
                example = "{\"items\":\"100\",\"filterEvery\":\"4\"}") Map<String, String> jobParameters,
        @Schema(description = "The REST root of the server that ran the execution.",
                example = "https://localhost:9443/ibm/api/batch/") String restUrl,
        @Schema(description = "<host>/<wlp.user.dir>/<serverName> of the server that ran the execution.",
                example = "localhost/opt/wlp/usr/batchServer") String serverId,
        @Schema(description = "The absolute log directory of the execution, with a trailing separator; \"\" if it has "
                + "none.") String logpath,
        @Schema(description = "The steps that ran in this execution.") List<StepSummarySchema> stepExecutions,
        @Schema(description = "self, job instance, step executions, job logs, stop url.") List<LinkSchema> _links) {

    /** A step of an execution, in brief. */
    @Schema(name = "StepExecutionSummary", description = "A step of the execution, in brief.",
            requiredProperties = {"stepExecutionId", "stepName", "batchStatus", "exitStatus", "stepExecution"})
    public record StepSummarySchema(
            @Schema(format = "int64") long stepExecutionId,
            @Schema(example = "copy") String stepName,
            @Schema(implementation = JobInstanceSchema.BatchStatusSchema.class) String batchStatus,
            @Schema(description = "\"\" while there is none.") String exitStatus,
            @Schema(description = "<root>jobexecutions/{executionId}/stepexecutions/{stepName}") String stepExecution) {
    }
}
