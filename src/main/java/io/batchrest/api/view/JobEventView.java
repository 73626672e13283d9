package io.batchrest.api.view;

import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.JobChange;
import io.batchrest.model.JobEventType;
import jakarta.json.stream.JsonGenerator;

import static io.batchrest.api.json.JsonOutput.date;
import static io.batchrest.api.json.JsonOutput.text;

/**
 * The data of a job event (docs/api.md, "Job events"), with the field names of the REST representations
 * (docs/contract.md §2): the instance's fields, the execution's when the change is of an execution, the step's for
 * the step events, and the time of the change under the name the representation gives it.
 */
public record JobEventView(JobChange change) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.write("instanceId", change.instanceId());
        json.write("jobName", text(change.jobName()));
        json.write("submitter", text(change.submitter()));
        if (change.ofExecution()) {
            json.write("executionId", change.executionId());
        }
        change.step().ifPresent(step -> {
            json.write("stepExecutionId", step.stepExecutionId());
            json.write("stepName", step.stepName());
        });
        change.batchStatus().ifPresent(status -> json.write("batchStatus", status.name()));
        if (change.type() == JobEventType.STEP_ENDED || isExecutionEnd(change.type())) {
            json.write("exitStatus", text(change.exitStatus()));
        }
        change.time().ifPresent(time -> json.write(timeField(change.type()), date(time)));
        change.step().flatMap(JobChange.Step::metrics)
                .ifPresent(metrics -> StepExecutionsView.writeMetrics(metrics, json));
        json.writeEnd();
    }

    private static boolean isExecutionEnd(JobEventType type) {
        return type == JobEventType.COMPLETED || type == JobEventType.FAILED || type == JobEventType.STOPPED;
    }

    private static String timeField(JobEventType type) {
        return switch (type) {
            case SUBMITTED -> "createTime";
            case STARTED, STEP_STARTED -> "startTime";
            default -> "endTime";
        };
    }
}
