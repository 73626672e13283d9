package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.api.openapi.PurgeTaskSchema;
import io.batchrest.api.view.PurgeTaskView;
import io.batchrest.model.PurgeTaskRecord;
import io.batchrest.model.Refusal;
import io.batchrest.query.PageRequest;
import io.batchrest.service.Page;
import io.batchrest.service.PurgeTaskReport;
import io.batchrest.service.PurgeTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code purges}: the asynchronous bulk purges that a DELETE on {@code v2/}-{@code v4/jobinstances} with
 * {@code Prefer: respond-async} starts (docs/contract.md §7). A task is seen and cancelled by the user who started it
 * and by batchAdmins; anyone else with a batch role gets a 403, as for another's instance.
 */
@ApplicationScoped
@Path("purges")
@Produces(MediaType.APPLICATION_JSON)
public class PurgeTasksResource {

    private static final Pattern TASK_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String TASK_ID_TEXT = "The purge task id: the UUID (lower-case, with hyphens) of the "
            + "Location header of the bulk purge that started it.";
    private static final String PAGE = "0-based page, default 0.";
    private static final String PAGE_SIZE = "Items per page, 1-1000, default 50.";

    @Inject
    RequestCaller caller;

    @Inject
    PurgeTasks tasks;

    @Context
    HttpServletRequest request;

    @GET
    @Tag(name = "Purge tasks")
    @Operation(operationId = "listPurgeTasks", summary = "List asynchronous bulk purges",
            description = "The caller's purge tasks, newest first (a batchAdmin's: every task), without their "
                    + "per-instance results.")
    @APIResponse(responseCode = "200", description = "One page of tasks; [] if none.",
            headers = {
                    @Header(name = "X-Total-Count", description = "The number of tasks the caller sees.",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
                    @Header(name = "Link", description = ApiDocs.LINKS, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PurgeTaskSchema.class)))
    @APIResponse(responseCode = "400", description = "A page or pageSize that cannot mean anything; invalidParams "
            + "names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response list(
            @Parameter(description = PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
            @QueryParam("page") String page,
            @Parameter(description = PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("pageSize") String pageSize) {
        ApiLinks links = ApiLinks.of(request);
        Page<PurgeTaskRecord> found = tasks.list(PageRequest.parse(page, pageSize), caller.scope());
        return PagedResponse.of(found, false, links, found.items().stream()
                .map(task -> new PurgeTaskView(task, Optional.empty(), links)).toList(), List.of());
    }

    @GET
    @Path("{taskId}")
    @Tag(name = "Purge tasks")
    @Operation(operationId = "getPurgeTask", summary = "An asynchronous bulk purge and its results",
            description = "The task's state, search, counts and times, and one page of its per-instance results in "
                    + "purge order (PENDING for an instance not purged yet); the Link header leads to the other "
                    + "pages. Only the user who started it and batchAdmins may read it.")
    @APIResponse(responseCode = "200", description = "The task with one page of results.",
            headers = @Header(name = "Link", description = "RFC 8288 links to the next and previous pages of "
                    + "results (rel=\"next\", rel=\"prev\").", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = PurgeTaskSchema.class)))
    @APIResponse(responseCode = "400", description = "A task id that is not a UUID, or a page or pageSize that "
            + "cannot mean anything; invalidParams names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = "The task is another user's, or the caller has no batch role.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "404", description = "No purge task has this id.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response task(
            @Parameter(description = TASK_ID_TEXT, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("taskId") String taskId,
            @Parameter(description = PAGE + " Of the results.", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "0"))
            @QueryParam("page") String page,
            @Parameter(description = PAGE_SIZE + " Of the results.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("pageSize") String pageSize) {
        ApiLinks links = ApiLinks.of(request);
        PurgeTaskReport report = tasks.read(taskId(taskId), PageRequest.parse(page, pageSize), caller.scope());
        return PagedResponse.withPageLinks(Response.ok(new PurgeTaskView(report.task(),
                Optional.of(report.results().items()), links), JsonOutput.JSON_UTF8), report.results(), links)
                .build();
    }

    @DELETE
    @Path("{taskId}")
    @Tag(name = "Purge tasks")
    @Operation(operationId = "cancelPurgeTask", summary = "Cancel an asynchronous bulk purge",
            description = "Cancels a RUNNING task: it purges no further instance (one being purged at that moment "
                    + "is finished and its result recorded); what was purged stays purged. Only the user who started "
                    + "it and batchAdmins may cancel it.")
    @APIResponse(responseCode = "200", description = "The task, now CANCELLED (without results).",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = PurgeTaskSchema.class)))
    @APIResponse(responseCode = "400", description = "A task id that is not a UUID.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = "The task is another user's, or the caller has no batch role.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "404", description = "No purge task has this id.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "409", description = "The task has ended (COMPLETED, CANCELLED or FAILED).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response cancel(
            @Parameter(description = TASK_ID_TEXT, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("taskId") String taskId) {
        JsonRepresentation task = new PurgeTaskView(tasks.cancel(taskId(taskId), caller.scope()), Optional.empty(),
                ApiLinks.of(request));
        return Response.ok(task, JsonOutput.JSON_UTF8).build();
    }

    private static String taskId(String value) {
        if (!TASK_ID.matcher(value).matches()) {
            throw Refusal.invalidParameter("taskId", "The purge task id (" + value + ") must be a UUID written in "
                    + "lower case with hyphens, as in the Location of the bulk purge that started the task.");
        }
        return value;
    }
}
