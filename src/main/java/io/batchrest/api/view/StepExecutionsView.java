package io.batchrest.api.view;

import io.batchrest.api.ApiLinks;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.StepExecutionRecord;
import io.batchrest.model.StepMetrics;
import jakarta.json.stream.JsonGenerator;

import java.util.List;

import static io.batchrest.api.json.JsonOutput.date;
import static io.batchrest.api.json.JsonOutput.text;

/**
 * The array every step-execution endpoint returns (docs/contract.md §2): the steps in start order, then one object with
 * the links to their execution and instance; just {@code []} when there are no steps.
 */
public record StepExecutionsView(List<StepExecutionRecord> steps, ApiLinks links) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartArray();
        steps.forEach(step -> writeStep(step, json));
        if (!steps.isEmpty()) {
            StepExecutionRecord first = steps.get(0);
            json.writeStartObject();
            json.writeStartArray("_links");
            Links.write(json, "job execution", links.jobExecution(first.executionId()));
            Links.write(json, "job instance", links.jobInstance(first.instanceId()));
            json.writeEnd();
            json.writeEnd();
        }
        json.writeEnd();
    }

    private static void writeStep(StepExecutionRecord step, JsonGenerator json) {
        json.writeStartObject();
        json.write("stepExecutionId", step.stepExecutionId());
        json.write("stepName", step.stepName());
        json.write("executionId", step.executionId());
        json.write("instanceId", step.instanceId());
        json.write("batchStatus", step.batchStatus().name());
        json.write("startTime", date(step.startTime()));
        json.write("endTime", date(step.endTime()));
        json.write("exitStatus", text(step.exitStatus()));
        writeMetrics(step.metrics(), json);
        json.writeStartArray("partitions");
        for (StepExecutionRecord.Partition partition : step.partitions()) {
            json.writeStartObject();
            json.write("partitionNumber", partition.partitionNumber());
            json.write("batchStatus", partition.batchStatus().name());
            json.write("startTime", date(partition.startTime()));
            json.write("endTime", date(partition.endTime()));
            json.write("exitStatus", text(partition.exitStatus()));
            json.write("restUrl", Links.restUrl(partition.restUrl()));
            json.write("serverId", text(partition.serverId()));
            writeMetrics(partition.metrics(), json);
            json.writeEnd();
        }
        json.writeEnd();
        json.writeEnd();
    }

    /** Metric values are strings in Liberty's API, and clients parse them as such. */
    static void writeMetrics(StepMetrics metrics, JsonGenerator json) {
        json.writeStartObject("metrics");
        json.write("READ_COUNT", Long.toString(metrics.read()));
        json.write("WRITE_COUNT", Long.toString(metrics.write()));
        json.write("COMMIT_COUNT", Long.toString(metrics.commit()));
        json.write("ROLLBACK_COUNT", Long.toString(metrics.rollback()));
        json.write("READ_SKIP_COUNT", Long.toString(metrics.readSkip()));
        json.write("PROCESS_SKIP_COUNT", Long.toString(metrics.processSkip()));
        json.write("FILTER_COUNT", Long.toString(metrics.filter()));
        json.write("WRITE_SKIP_COUNT", Long.toString(metrics.writeSkip()));
        json.writeEnd();
    }
}
