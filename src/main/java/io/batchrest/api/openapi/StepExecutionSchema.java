package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A step execution (docs/contract.md §2); step-execution endpoints answer an array of these and one trailing links
 * object.
 */
@Schema(name = "StepExecution", description = "A step execution, fields in this order.",
        requiredProperties = {"stepExecutionId", "stepName", "executionId", "instanceId", "batchStatus", "startTime",
                "endTime", "exitStatus", "metrics", "partitions"})
public record StepExecutionSchema(
        @Schema(format = "int64") long stepExecutionId,
        @Schema(example = "copy") String stepName,
        @Schema(format = "int64") long executionId,
        @Schema(format = "int64") long instanceId,
        @Schema(implementation = JobInstanceSchema.BatchStatusSchema.class) String batchStatus,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String startTime,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String endTime,
        @Schema(description = "\"\" while there is none.") String exitStatus,
        @Schema(description = "The step's metrics.") MetricsSchema metrics,
        @Schema(description = "The partitions of a partitioned step; [] otherwise.") List<PartitionSchema> partitions) {

    /** The metrics of a step or partition; the values are strings, as in Liberty's API. */
    @Schema(name = "StepMetrics", description = "Step metrics in this order; every value is a decimal number written "
            + "as a JSON string.", requiredProperties = {"READ_COUNT", "WRITE_COUNT", "COMMIT_COUNT", "ROLLBACK_COUNT",
                    "READ_SKIP_COUNT", "PROCESS_SKIP_COUNT", "FILTER_COUNT", "WRITE_SKIP_COUNT"})
    public record MetricsSchema(
            @Schema(example = "100") String READ_COUNT,
            @Schema(example = "75") String WRITE_COUNT,
            @Schema(example = "11") String COMMIT_COUNT,
            @Schema(example = "0") String ROLLBACK_COUNT,
            @Schema(example = "0") String READ_SKIP_COUNT,
            @Schema(example = "0") String PROCESS_SKIP_COUNT,
            @Schema(example = "25") String FILTER_COUNT,
            @Schema(example = "0") String WRITE_SKIP_COUNT) {
    }

    /** A partition of a partitioned step. */
    @Schema(name = "Partition", description = "A partition of a step, fields in this order.",
            requiredProperties = {"partitionNumber", "batchStatus", "startTime", "endTime", "exitStatus", "restUrl",
                    "serverId", "metrics"})
    public record PartitionSchema(
            @Schema(description = "The 0-based partition number.") int partitionNumber,
            @Schema(implementation = JobInstanceSchema.BatchStatusSchema.class) String batchStatus,
            @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String startTime,
            @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String endTime,
            @Schema(description = "\"\" while there is none.") String exitStatus,
            @Schema(description = "The REST root of the server that ran the partition.") String restUrl,
            @Schema(description = "The serverId of the server that ran the partition.") String serverId,
            @Schema(description = "The partition's metrics.") MetricsSchema metrics) {
    }

    /** The trailing object of a step-execution array. */
    @Schema(name = "StepExecutionLinks", description = "The last element of a non-empty step-execution array: links "
            + "rel \"job execution\" and \"job instance\".", requiredProperties = "_links")
    public record LinksSchema(@Schema(description = "job execution, then job instance.") List<LinkSchema> _links) {
    }

    /** An element of a step-execution array: a step, or the trailing links object. */
    @Schema(name = "StepExecutionArrayItem", oneOf = {StepExecutionSchema.class, LinksSchema.class},
            description = "A step execution, or (last) the links object.")
    public interface ItemSchema {
    }
}
