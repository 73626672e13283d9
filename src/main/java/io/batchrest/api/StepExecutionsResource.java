package io.batchrest.api;

import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.api.openapi.StepExecutionSchema;
import io.batchrest.api.view.StepExecutionsView;
import io.batchrest.query.QueryValues;
import io.batchrest.service.JobReadService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import static io.batchrest.api.JsonResponse.ok;

/** {@code stepexecutions/{s}}: one step execution by id. */
@ApplicationScoped
@Path("stepexecutions/{stepExecutionId}")
@Produces(MediaType.APPLICATION_JSON)
public class StepExecutionsResource {

    @Inject
    RequestCaller caller;

    @Inject
    JobReadService reads;

    @Context
    HttpServletRequest request;

    @GET
    @Tag(name = "Step executions")
    @Operation(operationId = "getStepExecution", summary = "A step execution by id",
            description = "The step execution as a step array: the step, then the links object.")
    @APIResponse(responseCode = "200", description = "The step array.",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StepExecutionSchema.ItemSchema.class)))
    @APIResponse(responseCode = "400", description = "The step execution id is not an integer written with the "
            + "digits 0-9.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No step execution has this id.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response step(
            @Parameter(description = ApiDocs.STEP_EXECUTION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("stepExecutionId") String stepExecutionId) {
        long id = QueryValues.pathId("step execution id", stepExecutionId);
        return ok(new StepExecutionsView(List.of(reads.step(id, caller.scope())), ApiLinks.of(request)));
    }
}
