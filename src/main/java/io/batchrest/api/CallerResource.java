package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.CallerSchema;
import io.batchrest.api.view.CallerView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code caller}: who the request authenticated as, and with which batch roles. A client (the web dashboard) uses
 * it to check a login and to offer only the actions the user may take; the API still decides every request itself.
 */
@ApplicationScoped
@Path("caller")
public class CallerResource {

    @Inject
    RequestCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Caller")
    @Operation(operationId = "getCaller", summary = "The authenticated user and their batch roles",
            description = "The user name and the batch roles (batchAdmin, batchSubmitter, batchMonitor) of the "
                    + "credentials sent. Any authenticated user may call it, also one without a batch role (the "
                    + "roles are then empty), so a client can tell bad credentials (401) from a missing role.")
    @APIResponse(responseCode = "200", description = "The caller.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = CallerSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    public Response caller() {
        return Response.ok(new CallerView(caller.scope()), JsonOutput.JSON_UTF8)
                .header("Cache-Control", "no-store").build();
    }
}
