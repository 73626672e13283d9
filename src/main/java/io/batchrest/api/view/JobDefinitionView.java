package io.batchrest.api.view;

import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.runtime.JobDefinition;
import jakarta.json.stream.JsonGenerator;

/** One packaged job of GET on {@code jobdefinitions}: what a submission of it sends, and its parameters. */
public record JobDefinitionView(JobDefinition definition, String applicationName, String moduleName)
        implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.write("jobXMLName", definition.jobXmlName());
        json.write("jobName", definition.jobName());
        json.write("applicationName", applicationName);
        json.write("moduleName", moduleName);
        json.writeStartObject("jobParameters");
        definition.parameters().forEach(json::write);
        json.writeEnd();
        json.writeEnd();
    }
}
