package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A job instance (docs/contract.md §2). */
@Schema(name = "JobInstance", description = "A job instance, fields in this order. _links: self, job logs, then one "
        + "job execution link per execution, most recent first; the submit and restart responses and "
        + "jobexecutions/{executionId}/jobinstance carry only self and job logs.",
        requiredProperties = {"jobName", "instanceId", "appName", "submitter", "batchStatus", "jobXMLName",
                "instanceState", "lastUpdatedTime", "_links"})
public record JobInstanceSchema(
        @Schema(description = "The job name (the id of the job in the JSL).", example = "chunkCopy") String jobName,
        @Schema(format = "int64", example = "7") long instanceId,
        @Schema(description = "app#module[#component].", example = "batch-rest#batch-rest.war") String appName,
        @Schema(description = "The user who submitted the job.", example = "submitter1") String submitter,
        @Schema(implementation = BatchStatusSchema.class) String batchStatus,
        @Schema(description = "The name of the packaged JSL; \"\" for inline JSL.", example = "chunkCopy")
        String jobXMLName,
        @Schema(implementation = InstanceStateSchema.class) String instanceState,
        @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String lastUpdatedTime,
        @Schema(description = "self, job logs, then one job execution link per execution (most recent first).")
        List<LinkSchema> _links) {

    /** The batch status of an instance, execution, step or partition. */
    @Schema(name = "BatchStatus", type = SchemaType.STRING,
            enumeration = {"STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED"},
            description = "The Jakarta Batch status.")
    public interface BatchStatusSchema {
    }

    /** Liberty's instance state. */
    @Schema(name = "InstanceState", type = SchemaType.STRING,
            enumeration = {"SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED", "DISPATCHED", "FAILED", "STOPPED", "COMPLETED",
                    "ABANDONED"},
            description = "SUBMITTED -> (JMS_QUEUED -> JMS_CONSUMED) -> DISPATCHED -> COMPLETED | FAILED | STOPPED; "
                    + "ABANDONED. Active (not yet final): SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED.")
    public interface InstanceStateSchema {
    }
}
