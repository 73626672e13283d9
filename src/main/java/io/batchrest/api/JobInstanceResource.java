package io.batchrest.api;

import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.JobExecutionSchema;
import io.batchrest.api.openapi.JobInstanceSchema;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.api.openapi.RequestSchemas;
import io.batchrest.api.openapi.StepExecutionSchema;
import io.batchrest.api.view.JobExecutionView;
import io.batchrest.api.view.JobInstanceView;
import io.batchrest.api.view.StepExecutionsView;
import io.batchrest.query.QueryValues;
import io.batchrest.service.JobControlService;
import io.batchrest.service.JobReadService;
import io.batchrest.service.PurgeService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

import static io.batchrest.api.JsonResponse.ok;

/**
 * One job instance, {@code jobinstances/{instanceId}}: read it, stop or restart it, purge it, and its executions
 * addressed by sequence number with their steps; its job logs are {@link JobInstanceLogsResource}. A sub-resource of
 * {@link JobInstancesResource} (see its locator for why); its status is the root resource {@link JobStatusResource}.
 */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobInstanceResource {

    @Inject
    RequestCaller caller;

    @Inject
    JobReadService reads;

    @Inject
    JobControlService control;

    @Inject
    PurgeService purges;

    @Inject
    PeerForwarding forwarding;

    @Inject
    HttpServletRequest request;

    @Inject
    JobInstanceLogsResource logs;

    /** {@code jobinstances/{instanceId}/joblogs}. */
    @Path("joblogs")
    public JobInstanceLogsResource logs() {
        return logs;
    }

    @GET
    @Tag(name = "Job instances")
    @Operation(operationId = "getJobInstance", summary = "A job instance",
            description = "The instance with links to its logs and to each of its executions, most recent first.")
    @APIResponse(responseCode = "200", description = "The instance.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobInstanceSchema.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_INSTANCE_ID_RESPONSE)
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response instance(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId) {
        return ok(new JobInstanceView(reads.instance(instanceId(instanceId), caller.scope()), ApiLinks.of(request),
                true));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Job instances")
    @Operation(operationId = "stopOrRestartJobInstance", summary = "Stop or restart a job instance",
            description = "action=stop stops the latest execution if it is STARTING or STARTED and answers that "
                    + "execution (an instance that never got an execution is marked STOPPED and answered itself). "
                    + "action=restart starts a new execution of a STOPPED or FAILED instance and answers the "
                    + "instance; its job parameters are the body's jobParameters, with reusePreviousParams=true "
                    + "the previous execution's overridden key by key by the body's.")
    @RequestBody(description = "Optional, for action=restart only.", content = @Content(mediaType = ApiDocs.JSON,
            schema = @Schema(implementation = RequestSchemas.RestartRequestSchema.class)))
    @APIResponse(responseCode = "200", description = "stop: the execution that was stopped (or the instance, if it "
            + "had none); restart: the instance (self and job logs links only).",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(oneOf = {JobExecutionSchema.class, JobInstanceSchema.class})))
    @APIResponse(responseCode = "400", description = "A missing or unknown action (\"only action=stop and "
            + "action=restart are supported\"), a non-numeric instance id, a reusePreviousParams other than "
            + "true/false, or a restart body that is not valid.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE)
    @APIResponse(responseCode = "409", description = "stop: the latest execution is not running (\"The most "
            + "recent job execution id E associated with job instance id I is not currently running.\"); restart: "
            + "the instance is complete (\"... cannot be restarted because it is already complete.\") or not "
            + "restartable (\"The job I cannot be restarted.\").",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response act(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId,
            @Parameter(description = ApiDocs.ACTION, required = true,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"stop", "restart"}))
            @QueryParam("action") String action,
            @Parameter(description = ApiDocs.REUSE,
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("reusePreviousParams") String reusePreviousParams,
            byte[] body) {
        long id = instanceId(instanceId);
        ApiLinks links = ApiLinks.of(request);
        if (JobAction.parse(action) == JobAction.STOP) {
            return control.stopInstance(id, caller.scope()).fold(stopped -> ok(stopped.execution()
                    .<JsonRepresentation>map(execution -> new JobExecutionView(execution, links))
                    .orElseGet(() -> new JobInstanceView(stopped.instance(), links, true))), forwarding::answerFrom);
        }
        boolean reuse = QueryValues.flag("reusePreviousParams", reusePreviousParams);
        return ok(new JobInstanceView(control.restartInstance(id, JobAction.restartParameters(body), reuse,
                caller.scope()), links, false));
    }

    @DELETE
    @Tag(name = "Job instances")
    @Operation(operationId = "purgeJobInstance", summary = "Purge a job instance",
            description = "Deletes the instance's job log files (unless purgeJobStoreOnly=true), then every "
                    + "repository row of the instance in one transaction. Allowed to batchAdmin, and to a "
                    + "batchSubmitter for their own instances.")
    @APIResponse(responseCode = "200", description = "Purged; the body is empty.")
    @APIResponse(responseCode = "400", description = "A non-numeric instance id, or a purgeJobStoreOnly other than "
            + "true/false.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE)
    @APIResponse(responseCode = "409", description = "The instance is active (\"The specified job instance, I, "
            + "cannot be purged because it has active job executions.\").",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", description = "The job log files could not all be deleted; the repository "
            + "is left untouched. Or another server fault.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response purge(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId,
            @Parameter(description = ApiDocs.PURGE_JOB_STORE_ONLY,
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("purgeJobStoreOnly") String purgeJobStoreOnly) {
        long id = instanceId(instanceId);
        purges.purge(id, QueryValues.flag("purgeJobStoreOnly", purgeJobStoreOnly), caller.scope());
        return Response.ok().build();
    }

    @GET
    @Path("jobexecutions")
    @Tag(name = "Job executions")
    @Operation(operationId = "listJobInstanceExecutions", summary = "The executions of an instance",
            description = "Every execution of the instance, most recent first.")
    @APIResponse(responseCode = "200", description = "The executions; [] if there are none yet.",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = JobExecutionSchema.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_INSTANCE_ID_RESPONSE)
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response executions(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId) {
        ApiLinks links = ApiLinks.of(request);
        return ok(JsonRepresentation.array(reads.executionsOf(instanceId(instanceId), caller.scope()).stream()
                .map(execution -> new JobExecutionView(execution, links)).toList()));
    }

    /** {@code jobexecnum} is Liberty's alias of {@code jobexecutions} for addressing by sequence number. */
    @GET
    @Path("{alias: jobexecutions|jobexecnum}/{number}")
    @Tag(name = "Job executions")
    @Operation(operationId = "getJobInstanceExecution", summary = "An execution of an instance by sequence number",
            description = "jobinstances/{instanceId}/jobexecutions/{number}, or the alias "
                    + "jobinstances/{instanceId}/jobexecnum/{number}: the execution with that 0-based sequence "
                    + "number.")
    @APIResponse(responseCode = "200", description = "The execution.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobExecutionSchema.class)))
    @APIResponse(responseCode = "400", description = "A non-numeric instance id, or a sequence number that is not a "
            + "non-negative integer.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No such instance, or it has no execution with that number.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response execution(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId,
            @Parameter(description = ApiDocs.ALIAS,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"jobexecutions", "jobexecnum"}))
            @PathParam("alias") String alias,
            @Parameter(description = ApiDocs.SEQUENCE_NUMBER,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0"))
            @PathParam("number") String number) {
        return ok(new JobExecutionView(reads.executionOf(instanceId(instanceId), sequenceNumber(number),
                caller.scope()), ApiLinks.of(request)));
    }

    @GET
    @Path("{alias: jobexecutions|jobexecnum}/{number}/stepexecutions/{stepName}")
    @Tag(name = "Step executions")
    @Operation(operationId = "getJobInstanceExecutionStep", summary = "A step of an execution addressed by "
            + "sequence number", description = "The step execution named stepName of the execution with that "
            + "sequence number, as a step array: the step, then the links object.")
    @APIResponse(responseCode = "200", description = "The step array.",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StepExecutionSchema.ItemSchema.class)))
    @APIResponse(responseCode = "400", description = "A non-numeric instance id, or a sequence number that is not a "
            + "non-negative integer.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No such instance, execution number or step in that execution.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response step(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId,
            @Parameter(description = ApiDocs.ALIAS,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"jobexecutions", "jobexecnum"}))
            @PathParam("alias") String alias,
            @Parameter(description = ApiDocs.SEQUENCE_NUMBER,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0"))
            @PathParam("number") String number,
            @Parameter(description = ApiDocs.STEP_NAME) @PathParam("stepName") String stepName) {
        return ok(new StepExecutionsView(List.of(reads.stepOf(instanceId(instanceId), sequenceNumber(number),
                stepName, caller.scope())), ApiLinks.of(request)));
    }
    static long instanceId(String value) {
        return QueryValues.pathId("job instance id", value);
    }

    private static int sequenceNumber(String value) {
        return QueryValues.nonNegativeInt("job execution sequence number", value);
    }
}
