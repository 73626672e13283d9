package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.view.RootView;
import io.batchrest.security.CallerScope;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API root. */
@Path("")
public class RootResource {

    @Inject
    CallerScope caller;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response root() {
        caller.requireBatchRole();
        return Response.ok(new RootView(ApiLinks.of(request)), JsonOutput.JSON_UTF8).build();
    }
}
