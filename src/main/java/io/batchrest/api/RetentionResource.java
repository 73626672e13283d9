package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.api.openapi.RetentionRunSchema;
import io.batchrest.api.openapi.RetentionSchema;
import io.batchrest.api.view.RetentionView;
import io.batchrest.query.PageRequest;
import io.batchrest.service.RetentionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code retention} (docs/api.md, "Retention"): the retention settings with a dry run, and a run on demand. Both are
 * for batchAdmin only: they concern every instance of the repository.
 */
@ApplicationScoped
@Path("retention")
public class RetentionResource {

    @Inject
    RequestCaller caller;

    @Inject
    RetentionService retention;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Retention")
    @Operation(operationId = "getRetention", summary = "The retention rules, lease, last run and a dry run",
            description = "The settings as the server parsed them at start (or why retention is off), the server "
                    + "running retention now, the last run of the cluster, and what a run starting now would purge: "
                    + "how many instances, and one page of them, lowest instance id first. batchAdmin only.")
    @APIResponse(responseCode = "200", description = "The retention status.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = RetentionSchema.class)))
    @APIResponse(responseCode = "400", description = "A page or pageSize that is not valid; invalidParams names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response status(
            @Parameter(description = "The 0-based page of the dry run's instances (default 0).",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Instances per page of the dry run, 1 to 1000 (default 50).",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1000",
                            defaultValue = "50"))
            @QueryParam("pageSize") String pageSize) {
        PageRequest paging = PageRequest.parse(page, pageSize);
        return Response.ok(new RetentionView(retention.status(paging, caller.scope()), paging), JsonOutput.JSON_UTF8)
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("run")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Retention")
    @Operation(operationId = "runRetention", summary = "Run retention now",
            description = "Runs retention on this server at once, like a scheduled run (it takes the cluster's lease), "
                    + "and answers when the run is over, with what it purged. The request has no body. batchAdmin "
                    + "only.")
    @APIResponse(responseCode = "200", description = "The run, which has ended.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = RetentionRunSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "409", description = "Retention is off (no rules, or a setting that could not be "
            + "understood, which the detail names), or a run is under way on this or another server.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response run() {
        return Response.ok(new RetentionView.Run(retention.runNow(caller.scope())), JsonOutput.JSON_UTF8)
                .header("Cache-Control", "no-store").build();
    }
}
