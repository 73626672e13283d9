package io.batchrest.api;

import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.events.JobEventFilter;
import io.batchrest.events.JobEvents;
import io.batchrest.model.Refusal;
import io.batchrest.query.QueryValues;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code events} (docs/api.md, "Job events"): the state changes of the job instances the caller may see, on every
 * server of the cluster, as server-sent events, resumable after the id of the last one received on any server.
 */
@ApplicationScoped
@Path("events")
public class JobEventsResource {

    static final String JOB_NAME = "jobName";
    static final String INSTANCE_ID = "instanceId";
    static final String LAST_EVENT_ID = "lastEventId";

    @Inject
    RequestCaller caller;

    @Inject
    JobEvents events;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Tag(name = "Events")
    @Operation(operationId = "getJobEvents", summary = "Job events as they happen (server-sent events)",
            description = "One event per state change of a job instance, execution or step the caller may see, "
                    + "on any server of the cluster: submitted, started, stepStarted, stepEnded (with the step's "
                    + "metrics), completed, failed, stopped, purged. Each has an id (increasing, the same on every "
                    + "server), an event name and JSON data with the field names of the REST representations. A "
                    + "batchSubmitter-only caller receives only the events of their own instances. With "
                    + "Last-Event-ID (or lastEventId) the events after that id that the server still holds (at "
                    + "least the last 10,000 of the cluster) come first, on whichever server; an id it no longer "
                    + "holds, or one never given, starts with a gap event. Events of other servers arrive within "
                    + "the poll interval (server variable batchrest.events.pollMillis, default 500 ms). A comment "
                    + "': keep-alive' is sent at once and every 15 seconds (server variable "
                    + "batchrest.events.heartbeatSeconds).")
    @APIResponse(responseCode = "200", description = "The event stream; it stays open until the client closes it.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING),
                    example = "id: 4242\nevent: completed\ndata: {\"instanceId\":41,\"jobName\":"
                            + "\"sleepyBatchlet\",\"submitter\":\"submitter1\",\"executionId\":41,\"batchStatus\":"
                            + "\"COMPLETED\",\"exitStatus\":\"COMPLETED\",\"endTime\":\"" + ApiDocs.DATE_EXAMPLE
                            + "\"}\n\n"))
    @APIResponse(responseCode = "400", description = "An empty jobName, an instanceId or event id that is not a "
            + "non-negative integer, instanceId or lastEventId given twice; invalidParams names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    public void events(
            @Parameter(description = "Only events of this job name, matched exactly; repeat for any of several.",
                    example = "chunkCopy")
            @QueryParam(JOB_NAME) List<String> jobNames,
            @Parameter(description = "Only events of these job instances: one id, or several separated by commas "
                    + "(any of them).", schema = @Schema(type = SchemaType.STRING), example = "41,42")
            @QueryParam(INSTANCE_ID) String instanceIds,
            @Parameter(description = "For clients that cannot set Last-Event-ID: the same, which it overrides.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam(LAST_EVENT_ID) String lastEventIdParameter,
            @Parameter(description = "The id of the last event received: the events after it come first.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @Context SseEventSink sink,
            @Context Sse sse,
            @Context HttpServletResponse response) {
        JobEventFilter filter = new JobEventFilter(caller.scope().ownInstancesOnly(), jobNames(jobNames),
                instanceIds(instanceIds));
        OptionalLong lastEventId = lastEventIdParameter != null
                ? OptionalLong.of(QueryValues.nonNegativeLong(LAST_EVENT_ID, lastEventIdParameter))
                : lastEventIdHeader != null && !lastEventIdHeader.isBlank()
                ? OptionalLong.of(QueryValues.nonNegativeLong("Last-Event-ID", lastEventIdHeader.strip()))
                : OptionalLong.empty();
        // Proxies such as nginx pass each event on at once, and no cache keeps the stream (docs/api.md, "Job events").
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-store");
        JobEventStream stream = new JobEventStream(sink, sse, scheduler, events.bufferSize());
        stream.start(events.subscribe(lastEventId, filter, stream), events.heartbeat());
    }

    static Set<String> jobNames(List<String> values) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            if (value.isEmpty()) {
                throw Refusal.invalidParameter(JOB_NAME, "The jobName value is empty.");
            }
            names.add(value);
        }
        return names;
    }

    /** Comma-separated, as the search's jobInstanceId list: a parameter given twice is refused (docs/api.md). */
    static Set<Long> instanceIds(String value) {
        Set<Long> ids = new LinkedHashSet<>();
        if (value != null) {
            for (String id : value.split(",", -1)) {
                ids.add(QueryValues.nonNegativeLong(INSTANCE_ID, id));
            }
        }
        return ids;
    }
}
