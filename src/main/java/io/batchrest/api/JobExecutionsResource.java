package io.batchrest.api;

import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.JobExecutionSchema;
import io.batchrest.api.openapi.JobInstanceSchema;
import io.batchrest.api.openapi.LinkSchema;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.api.openapi.RequestSchemas;
import io.batchrest.api.openapi.StepExecutionSchema;
import io.batchrest.api.view.JobExecutionView;
import io.batchrest.api.view.JobInstanceView;
import io.batchrest.api.view.StepExecutionsView;
import io.batchrest.query.QueryValues;
import io.batchrest.service.JobControlService;
import io.batchrest.service.JobLogService;
import io.batchrest.service.JobReadService;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import static io.batchrest.api.JsonResponse.ok;

/** {@code jobexecutions/{e}}: one execution, its instance, its steps, stop and restart. */
@ApplicationScoped
@Path("jobexecutions/{executionId}")
@Produces(MediaType.APPLICATION_JSON)
public class JobExecutionsResource {

    @Inject
    RequestCaller caller;

    @Inject
    JobReadService reads;

    @Inject
    JobControlService control;

    @Inject
    JobLogService jobLogs;

    @Inject
    JobLogResponses jobLogResponses;

    @Inject
    PeerForwarding forwarding;

    @Context
    HttpServletRequest request;

    @GET
    @Tag(name = "Job executions")
    @Operation(operationId = "getJobExecution", summary = "A job execution",
            description = "The execution with its job parameters, the server that ran it, its steps in brief and "
                    + "its links.")
    @APIResponse(responseCode = "200", description = "The execution.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobExecutionSchema.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_EXECUTION_ID_RESPONSE)
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_EXECUTION_RESPONSE)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response execution(
            @Parameter(description = ApiDocs.EXECUTION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("executionId") String executionId) {
        return ok(new JobExecutionView(reads.execution(executionId(executionId), caller.scope()),
                ApiLinks.of(request)));
    }

    @GET
    @Path("jobinstance")
    @Tag(name = "Job instances")
    @Operation(operationId = "getJobExecutionInstance", summary = "The instance of an execution",
            description = "The job instance the execution belongs to, with the self and job logs links only.")
    @APIResponse(responseCode = "200", description = "The instance.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobInstanceSchema.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_EXECUTION_ID_RESPONSE)
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_EXECUTION_RESPONSE)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response instance(
            @Parameter(description = ApiDocs.EXECUTION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("executionId") String executionId) {
        return ok(new JobInstanceView(reads.instanceOfExecution(executionId(executionId), caller.scope()),
                ApiLinks.of(request), false));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Job executions")
    @Operation(operationId = "stopOrRestartJobExecution", summary = "Stop or restart through an execution",
            description = "action=stop stops this execution if it is STARTING or STARTED and answers it. "
                    + "action=restart restarts its instance (which must be STOPPED or FAILED; this execution must be "
                    + "the most recent one) and answers the instance; job parameters as for a restart of the "
                    + "instance.")
    @RequestBody(description = "Optional, for action=restart only.", content = @Content(mediaType = ApiDocs.JSON,
            schema = @Schema(implementation = RequestSchemas.RestartRequestSchema.class)))
    @APIResponse(responseCode = "200", description = "stop: the execution; restart: the instance (self and job logs "
            + "links only).",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(oneOf = {JobExecutionSchema.class, JobInstanceSchema.class})))
    @APIResponse(responseCode = "400", description = "A missing or unknown action, a non-numeric execution id, a "
            + "reusePreviousParams other than true/false, an invalid restart body, or a restart through an execution "
            + "that is not the most recent one (\"... is not the most recent execution\").",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_EXECUTION_RESPONSE)
    @APIResponse(responseCode = "409", description = "stop: the execution is not running (\"The job execution id E "
            + "is not currently running.\"); restart: the instance is complete or cannot be restarted.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response act(
            @Parameter(description = ApiDocs.EXECUTION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("executionId") String executionId,
            @Parameter(description = ApiDocs.ACTION, required = true,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"stop", "restart"}))
            @QueryParam("action") String action,
            @Parameter(description = ApiDocs.REUSE,
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("reusePreviousParams") String reusePreviousParams,
            byte[] body) {
        long id = executionId(executionId);
        ApiLinks links = ApiLinks.of(request);
        if (JobAction.parse(action) == JobAction.STOP) {
            return control.stopExecution(id, caller.scope()).fold(stopped -> ok(new JobExecutionView(stopped, links)),
                    forwarding::answerFrom);
        }
        boolean reuse = QueryValues.flag("reusePreviousParams", reusePreviousParams);
        return ok(new JobInstanceView(control.restartExecution(id, JobAction.restartParameters(body), reuse,
                caller.scope()), links, false));
    }

    @GET
    @Path("joblogs")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/zip"})
    @Tag(name = "Job logs")
    @Operation(operationId = "getJobExecutionLogs", summary = "The job logs of an execution",
            description = "Without type or part: links to the execution's text and zip and to each part file. "
                    + "type=text: every file as text, each between 'xxxxx Begin file: execution.<e>/<relpath> ...' and "
                    + "'xxxxx End file: ...' lines. type=zip: the files in a zip. part=<relpath> (a path listed in the "
                    + "links, e.g. part.1.log or step1/0/part.1.log): that one file, raw (type=text, the default) or "
                    + "zipped (type=zip). Logs are streamed. follow=true with type=text: the text form as the "
                    + "execution writes it, ending when it ends. offset=n: a text answer from its byte n on.")
    @APIResponse(responseCode = "200", description = "Links (JSON), the logs or one part as text, or a zip.",
            headers = @Header(name = "Content-Disposition", description = "type=zip: attachment; "
                    + "filename=\"joblogs.execution.<e>.zip\", or for a part "
                    + "\"joblogs.execution.<e>.<relpath with / replaced by .>.zip\".",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = ApiDocs.JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = LinkSchema.class)),
                    @Content(mediaType = ApiDocs.TEXT, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = ApiDocs.ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "A non-numeric execution id; a type other than text or zip; "
            + "follow other than true/false, or follow=true without type=text or with part; offset negative, not a "
            + "number, without a text answer or past the end of the log.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No such execution, or the part is not in its listing.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response jobLogs(
            @Parameter(description = ApiDocs.EXECUTION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("executionId") String executionId,
            @Parameter(description = ApiDocs.LOG_TYPE,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"text", "zip"}))
            @QueryParam("type") String type,
            @Parameter(description = "A part file, relative to the execution's log directory with / "
                    + "separators, as listed in the links; looked up in that listing, never on disk.",
                    example = "part.1.log")
            @QueryParam("part") String part,
            @Parameter(description = ApiDocs.LOG_FOLLOW, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("follow") String follow,
            @Parameter(description = ApiDocs.LOG_OFFSET,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("offset") String offset) {
        JobLogQuery query = JobLogQuery.parse(type, part, follow, offset);
        long id = executionId(executionId);
        return query.follow()
                ? jobLogs.followExecution(id, caller.scope()).fold(log -> jobLogResponses.followExecution(log, query),
                        forwarding::answerFrom)
                : jobLogs.ofExecution(id, caller.scope()).fold(
                        logs -> jobLogResponses.ofExecution(logs, query, ApiLinks.of(request)), forwarding::answerFrom);
    }

    @GET
    @Path("stepexecutions")
    @Tag(name = "Step executions")
    @Operation(operationId = "listJobExecutionSteps", summary = "The steps of an execution",
            description = "The steps that ran in this execution, by start time, then the links object; [] if none.")
    @APIResponse(responseCode = "200", description = "The step array.",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StepExecutionSchema.ItemSchema.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_EXECUTION_ID_RESPONSE)
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_EXECUTION_RESPONSE)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response steps(
            @Parameter(description = ApiDocs.EXECUTION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("executionId") String executionId) {
        return ok(new StepExecutionsView(reads.stepsOf(executionId(executionId), caller.scope()),
                ApiLinks.of(request)));
    }

    @GET
    @Path("stepexecutions/{stepName}")
    @Tag(name = "Step executions")
    @Operation(operationId = "getJobExecutionStep", summary = "A step of an execution by name",
            description = "The step named stepName of this execution as a step array: the step, then the links "
                    + "object.")
    @APIResponse(responseCode = "200", description = "The step array.",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StepExecutionSchema.ItemSchema.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_EXECUTION_ID_RESPONSE)
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No such execution, or no step of that name in it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response step(
            @Parameter(description = ApiDocs.EXECUTION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("executionId") String executionId,
            @Parameter(description = ApiDocs.STEP_NAME) @PathParam("stepName") String stepName) {
        return ok(new StepExecutionsView(List.of(reads.stepOf(executionId(executionId), stepName, caller.scope())),
                ApiLinks.of(request)));
    }

    static long executionId(String value) {
        return QueryValues.pathId("job execution id", value);
    }
}
