package io.batchrest.api.view;

import io.batchrest.api.ApiVersion;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.service.JobLogService.ExecutionLogs;
import jakarta.json.stream.JsonGenerator;

import java.util.List;

/**
 * The links of job logs without a type (docs/contract.md §8): per execution its text and zip, then per part file its
 * text and zip, all on the server that ran it and in the request's version; for an instance, then the instance-level
 * text and zip.
 */
public record JobLogLinksView(List<ExecutionLogs> executions, String instanceLogs, String fallbackRoot,
        ApiVersion version)
        implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartArray();
        for (ExecutionLogs logs : executions) {
            String restUrl = Links.restUrl(logs.execution().restUrl());
            String base = (restUrl.isEmpty() ? fallbackRoot : restUrl) + version.segment() + "jobexecutions/"
                    + logs.execution().executionId() + "/joblogs";
            Links.write(json, "joblog text", base + "?type=text");
            Links.write(json, "joblog zip", base + "?type=zip");
            for (String part : logs.parts()) {
                Links.write(json, "joblog part text", base + "?part=" + part + "&type=text");
                Links.write(json, "joblog part zip", base + "?part=" + part + "&type=zip");
            }
        }
        if (instanceLogs != null) {
            Links.write(json, "joblog text", instanceLogs + "?type=text");
            Links.write(json, "joblog zip", instanceLogs + "?type=zip");
        }
        json.writeEnd();
    }
}
