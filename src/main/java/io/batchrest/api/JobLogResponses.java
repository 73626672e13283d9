package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.model.Refusal;
import io.batchrest.api.view.JobLogLinksView;
import io.batchrest.joblog.JobLogFiles;
import io.batchrest.joblog.LogSection;
import io.batchrest.service.JobLogService.ExecutionLogs;
import io.batchrest.service.JobLogService.InstanceLogs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.util.List;
import java.util.Locale;

/**
 * The responses of the joblogs endpoints (docs/contract.md §8): links as JSON without {@code type}, else the files as
 * text or zip, streamed so that memory does not grow with the size of a log.
 */
@ApplicationScoped
class JobLogResponses {

    static final String TEXT = "text/plain; charset=UTF-8";
    static final String ZIP = "application/zip";

    private enum Type { TEXT, ZIP }

    @Inject
    JobLogFiles files;

    Response ofExecution(ExecutionLogs logs, String type, String part, ApiLinks links) {
        long executionId = logs.execution().executionId();
        if (part != null) {
            String found = logs.part(part);
            if (parse(type, Type.TEXT) == Type.ZIP) {
                return zip(List.of(new LogSection("execution." + executionId + "/", List.of(found), logs.source())),
                        "joblogs.execution." + executionId + "." + found.replace('/', '.') + ".zip");
            }
            StreamingOutput raw = out -> files.writeRaw(logs.source(), found, out);
            return Response.ok(raw, TEXT).build();
        }
        if (type == null) {
            return Response.ok(new JobLogLinksView(List.of(logs), null, links.root(), links.version()),
                    JsonOutput.JSON_UTF8).build();
        }
        List<LogSection> sections = List.of(logs.section("execution." + executionId + "/"));
        return parse(type, null) == Type.ZIP
                ? zip(sections, "joblogs.execution." + executionId + ".zip")
                : text(sections);
    }

    Response ofInstance(InstanceLogs logs, String type, String part, ApiLinks links) {
        long instanceId = logs.instance().instanceId();
        if (part != null) {
            throw Refusal.invalidParameter("part", "The part parameter is only supported on the job logs of a job "
                    + "execution: use jobexecutions/{executionId}/joblogs?part=" + part + ".");
        }
        if (type == null) {
            return Response.ok(new JobLogLinksView(logs.executions(), links.jobInstance(instanceId) + "/joblogs",
                    links.root(), links.version()), JsonOutput.JSON_UTF8).build();
        }
        List<LogSection> sections = logs.executions().stream().map(execution -> execution.section(
                "instance." + instanceId + "/execution." + execution.execution().executionId() + "/")).toList();
        return parse(type, null) == Type.ZIP
                ? zip(sections, "joblogs." + logs.instance().jobName() + ".instance." + instanceId + ".zip")
                : text(sections);
    }

    private Response text(List<LogSection> sections) {
        StreamingOutput body = out -> files.writeText(sections, out);
        return Response.ok(body, TEXT).build();
    }

    private Response zip(List<LogSection> sections, String fileName) {
        StreamingOutput body = out -> files.writeZip(sections, out);
        return Response.ok(body, ZIP).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    private static Type parse(String type, Type absent) {
        if (type == null) {
            return absent;
        }
        try {
            return Type.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidParameter("type", "The type " + type + " is not supported: use type=text or "
                    + "type=zip.");
        }
    }
}
