package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.RootSchema;
import io.batchrest.api.view.RootView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The API root. */
@ApplicationScoped
@Path("")
public class RootResource {

    @Inject
    RequestCaller caller;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Root")
    @Operation(operationId = "getRoot", summary = "The API root",
            description = "A link, rel \"job instance\", to the job instances. Any batch role may call it.")
    @APIResponse(responseCode = "200", description = "The links of the root.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = RootSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    public Response root() {
        caller.scope().requireBatchRole();
        return Response.ok(new RootView(ApiLinks.of(request)), JsonOutput.JSON_UTF8).build();
    }
}
