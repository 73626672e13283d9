package io.batchrest.api;

import io.batchrest.api.view.StepExecutionsView;
import io.batchrest.query.QueryValues;
import io.batchrest.security.CallerScope;
import io.batchrest.service.JobReadService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import static io.batchrest.api.JobInstancesResource.ok;

/** {@code stepexecutions/{s}}: one step execution by id. */
@Path("stepexecutions/{stepExecutionId}")
@Produces(MediaType.APPLICATION_JSON)
public class StepExecutionsResource {

    @Inject
    CallerScope caller;

    @Inject
    JobReadService reads;

    @Context
    HttpServletRequest request;

    @GET
    public Response step(@PathParam("stepExecutionId") String stepExecutionId) {
        long id = QueryValues.pathId("step execution id", stepExecutionId);
        return ok(new StepExecutionsView(List.of(reads.step(id, caller)), ApiLinks.of(request)));
    }
}
