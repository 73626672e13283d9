package io.batchrest.api.view;

import io.batchrest.api.ApiLinks;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.JobExecutionRecord;
import jakarta.json.stream.JsonGenerator;

import static io.batchrest.api.json.JsonOutput.date;
import static io.batchrest.api.json.JsonOutput.text;

/**
 * A job execution (docs/contract.md §2). The "job logs" and "stop url" links point at the server that ran the execution
 * (its recorded restUrl), because that server holds the logs and the running job.
 */
public record JobExecutionView(JobExecutionRecord execution, ApiLinks links) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        long id = execution.executionId();
        String restUrl = Links.restUrl(execution.restUrl());
        // On the server that runs it, in the request's version (docs/contract.md §1: links keep the version segment).
        String executingServer = (restUrl.isEmpty() ? links.root() : restUrl) + links.version().segment();
        json.writeStartObject();
        json.write("jobName", text(execution.jobName()));
        json.write("executionId", id);
        json.write("instanceId", execution.instanceId());
        json.write("batchStatus", execution.batchStatus().name());
        json.write("exitStatus", text(execution.exitStatus()));
        json.write("createTime", date(execution.createTime()));
        json.write("endTime", date(execution.endTime()));
        json.write("lastUpdatedTime", date(execution.lastUpdatedTime()));
        json.write("startTime", date(execution.startTime()));
        json.writeStartObject("jobParameters");
        execution.jobParameters().forEach(json::write);
        json.writeEnd();
        json.write("restUrl", restUrl);
        json.write("serverId", text(execution.serverId()));
        json.write("logpath", text(execution.logPath()));
        json.writeStartArray("stepExecutions");
        for (JobExecutionRecord.StepSummary step : execution.steps()) {
            json.writeStartObject();
            json.write("stepExecutionId", step.stepExecutionId());
            json.write("stepName", step.stepName());
            json.write("batchStatus", step.batchStatus().name());
            json.write("exitStatus", text(step.exitStatus()));
            json.write("stepExecution", links.jobExecution(id) + "/stepexecutions/" + step.stepName());
            json.writeEnd();
        }
        json.writeEnd();
        json.writeStartArray("_links");
        Links.write(json, "self", links.jobExecution(id));
        Links.write(json, "job instance", links.jobInstance(execution.instanceId()));
        Links.write(json, "step executions", links.jobExecution(id) + "/stepexecutions");
        Links.write(json, "job logs", executingServer + "jobexecutions/" + id + "/joblogs");
        Links.write(json, "stop url", executingServer + "jobexecutions/" + id + "?action=stop");
        json.writeEnd();
        json.writeEnd();
    }
}
