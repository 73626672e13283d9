package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.metrics.BatchMetrics;
import io.batchrest.model.Refusal;
import io.batchrest.api.view.JobLogLinksView;
import io.batchrest.joblog.JobLogFiles;
import io.batchrest.joblog.JobLogFollower;
import io.batchrest.joblog.LogSection;
import io.batchrest.joblog.OutputFromOffset;
import io.batchrest.service.JobLogService.ExecutionLogs;
import io.batchrest.service.JobLogService.InstanceLogs;
import io.batchrest.service.JobLogService.LogToFollow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The responses of the joblogs endpoints (docs/contract.md §8): links as JSON without {@code type}, else the files as
 * text or zip, streamed so that memory does not grow with the size of a log; text from an {@code offset} on, and
 * followed while the execution runs.
 */
@ApplicationScoped
class JobLogResponses {

    static final String TEXT = "text/plain; charset=UTF-8";
    static final String ZIP = "application/zip";

    @Inject
    JobLogFiles files;

    @Inject
    BatchMetrics metrics;

    Response ofExecution(ExecutionLogs logs, JobLogQuery query, ApiLinks links) {
        long executionId = logs.execution().executionId();
        if (query.part() != null) {
            String found = logs.part(query.part());
            if (query.type() == JobLogQuery.Type.ZIP) {
                return zip(List.of(new LogSection("execution." + executionId + "/", List.of(found), logs.source())),
                        "joblogs.execution." + executionId + "." + found.replace('/', '.') + ".zip");
            }
            requireWithin(size(logs.source(), found) >= query.offset(), query.offset());
            StreamingOutput raw = out -> files.writeRaw(logs.source(), found, fromOffset(out, query.offset()));
            return Response.ok(raw, TEXT).build();
        }
        if (query.type() == null) {
            return Response.ok(new JobLogLinksView(List.of(logs), null, links.root(), links.version()),
                    JsonOutput.JSON_UTF8).build();
        }
        List<LogSection> sections = List.of(logs.section(executionPrefix(executionId)));
        return query.type() == JobLogQuery.Type.ZIP
                ? zip(sections, "joblogs.execution." + executionId + ".zip")
                : text(sections, query.offset());
    }

    Response ofInstance(InstanceLogs logs, JobLogQuery query, ApiLinks links) {
        long instanceId = logs.instance().instanceId();
        if (query.type() == null) {
            return Response.ok(new JobLogLinksView(logs.executions(), links.jobInstance(instanceId) + "/joblogs",
                    links.root(), links.version()), JsonOutput.JSON_UTF8).build();
        }
        List<LogSection> sections = logs.executions().stream().map(execution -> execution.section(
                instancePrefix(instanceId, execution.execution().executionId()))).toList();
        return query.type() == JobLogQuery.Type.ZIP
                ? zip(sections, "joblogs." + logs.instance().jobName() + ".instance." + instanceId + ".zip")
                : text(sections, query.offset());
    }

    /** Refuses {@code part} on an instance: parts are addressed through their execution. */
    static void requireNoPart(JobLogQuery query) {
        if (query.part() != null) {
            throw Refusal.invalidParameter("part", "The part parameter is only supported on the job logs of a job "
                    + "execution: use jobexecutions/{executionId}/joblogs?part=" + query.part() + ".");
        }
    }

    /** follow=true on an execution: its text form, written as the execution writes it. */
    Response followExecution(LogToFollow log, JobLogQuery query) {
        return follow(Optional.of(log), executionPrefix(log.now().execution().executionId()), query.offset());
    }

    /** follow=true on an instance: the text form of its latest execution, which starts the instance's text form. */
    Response followInstance(long instanceId, Optional<LogToFollow> latest, JobLogQuery query) {
        String prefix = latest.map(log -> instancePrefix(instanceId, log.now().execution().executionId()))
                .orElse("");
        return follow(latest, prefix, query.offset());
    }

    /**
     * The offset is checked against the text form as the files are now: a client resumes at a position it has
     * received, which the log has reached already. No proxy may hold the answer back (X-Accel-Buffering is nginx's,
     * which the topology's load balancer is, README "Several servers").
     */
    private Response follow(Optional<LogToFollow> log, String prefix, long offset) {
        requireWithin(log.map(found -> List.of(found.now().section(prefix))).orElse(List.of()), offset);
        StreamingOutput body = out -> {
            if (log.isEmpty()) {
                return;
            }
            JobLogFollower follower = files.follower(prefix, log.get().progress());
            metrics.followStarted();
            try {
                follower.writeText(fromOffset(out, offset));
            } finally {
                metrics.followEnded();
            }
        };
        return Response.ok(body, TEXT).header("Cache-Control", "no-store").header("X-Accel-Buffering", "no")
                .build();
    }

    private Response text(List<LogSection> sections, long offset) {
        requireWithin(sections, offset);
        StreamingOutput body = out -> files.writeText(sections, fromOffset(out, offset));
        return Response.ok(body, TEXT).build();
    }

    private Response zip(List<LogSection> sections, String fileName) {
        StreamingOutput body = out -> files.writeZip(sections, out);
        return Response.ok(body, ZIP).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    private static String executionPrefix(long executionId) {
        return "execution." + executionId + "/";
    }

    private static String instancePrefix(long instanceId, long executionId) {
        return "instance." + instanceId + "/execution." + executionId + "/";
    }

    private static OutputStream fromOffset(OutputStream out, long offset) {
        return offset == 0 ? out : new OutputFromOffset(out, offset);
    }

    private void requireWithin(List<LogSection> sections, long offset) {
        boolean within;
        try {
            within = offset == 0 || files.textReaches(sections, offset);
        } catch (IOException e) {
            throw Refusal.unavailable("The job log cannot be measured right now to check the offset " + offset
                    + "; repeat the request later.");
        }
        requireWithin(within, offset);
    }

    private static void requireWithin(boolean within, long offset) {
        if (!within) {
            throw Refusal.invalidParameter("offset", "The offset " + offset + " is past the end of the job log: "
                    + "resume at a byte position that an earlier answer reached.");
        }
    }

    private static long size(LogSection.PartSource source, String part) {
        try {
            return source.size(part);
        } catch (IOException e) {
            throw Refusal.unavailable("The job log part " + part + " cannot be measured right now; repeat the "
                    + "request later.");
        }
    }
}
