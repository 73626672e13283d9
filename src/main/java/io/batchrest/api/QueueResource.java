package io.batchrest.api;

import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.query.SortKey;
import io.batchrest.service.JobReadService;
import io.batchrest.service.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code queue} (docs/contract.md §11): the instances not yet final, oldest first, one per line as
 * {@code <instanceId> <jobName> <instanceState> <createTime>} (ISO-8601 UTC), for scripts that read lines. Scoped
 * like every list: a submitter-only caller sees their own.
 */
@ApplicationScoped
@Path("queue")
public class QueueResource {

    private static final Set<InstanceState> ACTIVE = Arrays.stream(InstanceState.values())
            .filter(InstanceState::isActive).collect(Collectors.toCollection(() -> EnumSet.noneOf(InstanceState.class)));

    @Inject
    RequestCaller caller;

    @Inject
    JobReadService reads;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Tag(name = "Queue")
    @Operation(operationId = "getQueue", summary = "The active job instances, one per line",
            description = "Every instance not yet final (SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED), oldest "
                    + "first, one per line: <instanceId> <jobName> <instanceState> <createTime>, the create time as "
                    + "an ISO-8601 UTC instant; an empty body when there is none. A batchSubmitter-only caller sees "
                    + "only their own instances.")
    @APIResponse(responseCode = "200", description = "The queue.",
            headers = @Header(name = "X-Total-Count", description = "The number of active instances before paging.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
            content = @Content(mediaType = ApiDocs.TEXT, schema = @Schema(type = SchemaType.STRING),
                    example = "41 sleepyBatchlet DISPATCHED 2026-11-21T12:53:28.362Z\n"
                            + "42 chunkCopy SUBMITTED 2026-11-21T12:53:30.101Z\n"))
    @APIResponse(responseCode = "400", description = "A page or pageSize that is not valid; invalidParams names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "406", description = "The Accept header does not allow text/plain.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response queue(
            @Parameter(description = "Only instances of this job name; * wildcards.",
                    example = "chunk*")
            @QueryParam("jobName") String jobName,
            @Parameter(description = "The 0-based page (default 0).",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Lines per page, 1 to 1000 (default 1000).",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "1000", defaultValue = "1000"))
            @QueryParam("pageSize") String pageSize) {
        PageRequest paging = PageRequest.parse(page, pageSize == null ? Integer.toString(PageRequest.MAX_PAGE_SIZE)
                : pageSize);
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), ACTIVE,
                List.of(), List.of(), List.of(), jobName == null ? List.of() : List.of(jobName), Map.of(), false,
                List.of(new SortKey(SortKey.Field.CREATE_TIME, false)), paging);
        Page<JobInstanceRecord> result = reads.searchInstances(search, true, caller.scope());
        String lines = result.items().stream()
                .map(instance -> instance.instanceId() + " " + instance.jobName() + " " + instance.instanceState() + " "
                        + instance.createTime())
                .collect(Collectors.joining("\n", "", result.items().isEmpty() ? "" : "\n"));
        return Response.ok(lines, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("X-Total-Count", result.total()).build();
    }
}
