package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The status resource of an instance (docs/contract.md §11). */
@Schema(name = "JobStatus", description = "The compact status of a job instance, fields in this order.",
        requiredProperties = {"Id", "Status", "Identity", "WorkerId", "StatusMessage", "Created", "Updated",
                "Completed", "Progress", "Parameters"})
public record JobStatusSchema(
        @Schema(description = "The job instance id.", format = "int64", example = "7") long Id,
        @Schema(type = SchemaType.INTEGER, enumeration = {"0", "1", "2", "3", "4", "99"},
                description = "0 Created (submitted, no execution yet); 1 Queued (an execution not yet running, or "
                        + "JMS_QUEUED/JMS_CONSUMED); 2 Processing (DISPATCHED: starting, running or stopping); "
                        + "3 Completed; 4 CompletedWithErrors (FAILED, STOPPED or ABANDONED); 99 Unknown.",
                example = "3") int Status,
        @Schema(description = "The submitter.", example = "submitter1") String Identity,
        @Schema(description = "The serverId of the server that runs or ran the latest execution; \"\" before the "
                + "first execution.", example = "localhost/opt/wlp/usr/batchServer") String WorkerId,
        @Schema(description = "A sentence on the instance state and the latest execution.") String StatusMessage,
        @Schema(description = "When the instance was created. " + ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE)
        String Created,
        @Schema(description = "When the instance was last updated. " + ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE)
        String Updated,
        @Schema(description = "When the latest execution ended, once the status is final; \"\" before. "
                + ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String Completed,
        @Schema(description = "How far the instance got.") ProgressSchema Progress,
        @Schema(description = "The job parameters of the latest execution as name=value pairs separated by ;, in "
                + "name order; \"\" when there are none.", example = "filterEvery=4;items=100") String Parameters) {

    /** The progress part of a status. */
    @Schema(name = "JobProgress", description = "Progress, fields in this order.",
            requiredProperties = {"StepsCompleted", "StepsTotal", "ItemsRead", "ItemsWritten", "ItemsFiltered",
                    "ItemsSkipped"})
    public record ProgressSchema(
            @Schema(description = "Steps that completed in any execution of the instance.", example = "1")
            int StepsCompleted,
            @Schema(description = "The steps in the JSL of the job.", example = "1") int StepsTotal,
            @Schema(description = "Items read by the chunk steps so far.", format = "int64", example = "100")
            long ItemsRead,
            @Schema(description = "Items written.", format = "int64", example = "75") long ItemsWritten,
            @Schema(description = "Items filtered by a processor.", format = "int64", example = "25")
            long ItemsFiltered,
            @Schema(description = "Items skipped on read, process or write.", format = "int64", example = "0")
            long ItemsSkipped) {
    }

    /** The XML form. */
    @Schema(name = "JobStatusXml", description = "The XML form (Accept: application/xml): root element JobStatus "
            + "with the attribute Status = the status word (Created, Queued, Processing, Completed, "
            + "CompletedWithErrors or Unknown), then the elements Id, Identity, WorkerId, StatusMessage, Created, "
            + "Updated, Completed, Progress (StepsCompleted, StepsTotal, ItemsRead, ItemsWritten, ItemsFiltered, "
            + "ItemsSkipped) and Parameters, in this order, with the values of the JSON form.",
            example = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><JobStatus Status=\"Completed\"><Id>7</Id>"
                    + "<Identity>submitter1</Identity><WorkerId>localhost/opt/wlp/usr/batchServer</WorkerId>"
                    + "<StatusMessage>Job chunkCopy (instance 7) is COMPLETED; ...</StatusMessage>"
                    + "<Created>2026/11/21 12:53:28.362 +0000</Created><Updated>2026/11/21 12:53:30.101 +0000</Updated>"
                    + "<Completed>2026/11/21 12:53:30.101 +0000</Completed><Progress><StepsCompleted>1</StepsCompleted>"
                    + "<StepsTotal>1</StepsTotal><ItemsRead>100</ItemsRead><ItemsWritten>75</ItemsWritten>"
                    + "<ItemsFiltered>25</ItemsFiltered><ItemsSkipped>0</ItemsSkipped></Progress>"
                    + "<Parameters>filterEvery=4;items=100</Parameters></JobStatus>")
    public record XmlSchema(
            @Schema(type = SchemaType.STRING, enumeration = {"Created", "Queued", "Processing", "Completed",
                    "CompletedWithErrors", "Unknown"}, description = "An attribute of the root element.")
            String Status,
            @Schema(description = "An element, as in JSON.", format = "int64") long Id,
            @Schema(description = "An element, as in JSON.") String Identity,
            @Schema(description = "An element, as in JSON.") String WorkerId,
            @Schema(description = "An element, as in JSON.") String StatusMessage,
            @Schema(description = "An element, as in JSON.") String Created,
            @Schema(description = "An element, as in JSON.") String Updated,
            @Schema(description = "An element, as in JSON.") String Completed,
            @Schema(description = "An element with the child elements of the JSON object, in the same order.")
            ProgressSchema Progress,
            @Schema(description = "An element, as in JSON.") String Parameters) {
    }
}
