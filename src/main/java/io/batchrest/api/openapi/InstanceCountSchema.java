package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One group of an aggregate over job instances (docs/api.md, "Aggregates"). */
@Schema(name = "InstanceCount", description = "How many instances share these values. Only the keys named in "
        + "groupBy are present, in this order, then count.", requiredProperties = "count")
public record InstanceCountSchema(
        @Schema(format = "date", example = "2026-12-04", description = "groupBy=day: the day (server time zone) the "
                + "instance was last updated; for a finished instance, the day its last run ended.") String day,
        @Schema(format = "date", example = "2026-12-01", description = "groupBy=createDay: the day (server time "
                + "zone) the instance was created.") String createDay,
        @Schema(type = SchemaType.STRING, enumeration = {"SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED", "DISPATCHED",
                "FAILED", "STOPPED", "COMPLETED", "ABANDONED"}, description = "groupBy=instanceState.")
        String instanceState,
        @Schema(example = "chunkCopy", description = "groupBy=jobName.") String jobName,
        @Schema(format = "int64", minimum = "1", example = "12", description = "The number of instances.")
        long count) {
}
