package io.batchrest.api.view;

import io.batchrest.api.ApiLinks;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.runtime.JobXmlName;
import jakarta.json.stream.JsonGenerator;

import static io.batchrest.api.json.JsonOutput.date;
import static io.batchrest.api.json.JsonOutput.text;

/**
 * A job instance (docs/contract.md §2). {@code withExecutionLinks} adds one "job execution" link per execution, most
 * recent first; the submit and restart responses and {@code jobexecutions/{e}/jobinstance} leave them out.
 */
public record JobInstanceView(JobInstanceRecord instance, ApiLinks links, boolean withExecutionLinks)
        implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        long id = instance.instanceId();
        json.writeStartObject();
        json.write("jobName", text(instance.jobName()));
        json.write("instanceId", id);
        json.write("appName", text(instance.appName()));
        json.write("submitter", text(instance.submitter()));
        json.write("batchStatus", instance.batchStatus().name());
        json.write("jobXMLName", JobXmlName.shown(instance.jobXmlName()));
        json.write("instanceState", instance.instanceState().name());
        json.write("lastUpdatedTime", date(instance.lastUpdatedTime()));
        json.writeStartArray("_links");
        Links.write(json, "self", links.jobInstance(id));
        Links.write(json, "job logs", links.jobInstance(id) + "/joblogs");
        if (withExecutionLinks) {
            for (int number = instance.executionCount() - 1; number >= 0; number--) {
                Links.write(json, "job execution", links.jobInstance(id) + "/jobexecutions/" + number);
            }
        }
        json.writeEnd();
        json.writeEnd();
    }
}
