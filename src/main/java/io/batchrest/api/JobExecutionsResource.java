package io.batchrest.api;

import io.batchrest.api.view.JobExecutionView;
import io.batchrest.api.view.JobInstanceView;
import io.batchrest.api.view.StepExecutionsView;
import io.batchrest.query.QueryValues;
import io.batchrest.security.CallerScope;
import io.batchrest.service.JobControlService;
import io.batchrest.service.JobLogService;
import io.batchrest.service.JobReadService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import static io.batchrest.api.JobInstancesResource.ok;

/** {@code jobexecutions/{e}}: one execution, its instance, its steps, stop and restart. */
@Path("jobexecutions/{executionId}")
@Produces(MediaType.APPLICATION_JSON)
public class JobExecutionsResource {

    @Inject
    CallerScope caller;

    @Inject
    JobReadService reads;

    @Inject
    JobControlService control;

    @Inject
    JobLogService jobLogs;

    @Inject
    JobLogResponses jobLogResponses;

    @Context
    HttpServletRequest request;

    @GET
    public Response execution(@PathParam("executionId") String executionId) {
        return ok(new JobExecutionView(reads.execution(executionId(executionId), caller), ApiLinks.of(request)));
    }

    @GET
    @Path("jobinstance")
    public Response instance(@PathParam("executionId") String executionId) {
        return ok(new JobInstanceView(reads.instanceOfExecution(executionId(executionId), caller),
                ApiLinks.of(request), false));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response act(@PathParam("executionId") String executionId, @QueryParam("action") String action,
                        @QueryParam("reusePreviousParams") String reusePreviousParams, byte[] body) {
        long id = executionId(executionId);
        ApiLinks links = ApiLinks.of(request);
        if (JobAction.parse(action) == JobAction.STOP) {
            return ok(new JobExecutionView(control.stopExecution(id, caller), links));
        }
        boolean reuse = QueryValues.flag("reusePreviousParams", reusePreviousParams);
        return ok(new JobInstanceView(control.restartExecution(id, JobAction.restartParameters(body), reuse, caller),
                links, false));
    }

    @GET
    @Path("joblogs")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/zip"})
    public Response jobLogs(@PathParam("executionId") String executionId, @QueryParam("type") String type,
                            @QueryParam("part") String part) {
        return jobLogResponses.ofExecution(jobLogs.ofExecution(executionId(executionId), caller), type, part,
                ApiLinks.of(request));
    }

    @GET
    @Path("stepexecutions")
    public Response steps(@PathParam("executionId") String executionId) {
        return ok(new StepExecutionsView(reads.stepsOf(executionId(executionId), caller), ApiLinks.of(request)));
    }

    @GET
    @Path("stepexecutions/{stepName}")
    public Response step(@PathParam("executionId") String executionId, @PathParam("stepName") String stepName) {
        return ok(new StepExecutionsView(List.of(reads.stepOf(executionId(executionId), stepName, caller)),
                ApiLinks.of(request)));
    }

    static long executionId(String value) {
        return QueryValues.pathId("job execution id", value);
    }
}
