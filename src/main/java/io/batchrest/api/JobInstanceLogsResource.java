package io.batchrest.api;

import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.LinkSchema;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.service.JobLogService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/**
 * The job logs of one instance, {@code jobinstances/{instanceId}/joblogs}, to read or to delete: a sub-resource of
 * {@link JobInstanceResource}.
 */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobInstanceLogsResource {

    @Inject
    RequestCaller caller;

    @Inject
    JobLogService jobLogs;

    @Inject
    JobLogResponses jobLogResponses;

    @Inject
    PeerForwarding forwarding;

    @Inject
    HttpServletRequest request;

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/zip"})
    @Tag(name = "Job logs")
    @Operation(operationId = "getJobInstanceLogs", summary = "The job logs of an instance",
            description = "Without type: links, per execution (most recent first) to its text and zip and to each "
                    + "part file, then to the instance-level text and zip. type=text: all files of all executions as "
                    + "text, each between 'xxxxx Begin file: instance.<i>/execution.<e>/<relpath> ...' and 'xxxxx End "
                    + "file: ...' lines. type=zip: the same files in a zip, entry names instance.<i>/execution.<e>/"
                    + "<relpath>. Logs are streamed. follow=true with type=text: the text form of the latest "
                    + "execution as it writes it (the beginning of the instance's text form), ending when that "
                    + "execution ends. offset=n: a text answer from its byte n on.")
    @APIResponse(responseCode = "200", description = "Links (JSON), the logs as text, or the logs as a zip.",
            headers = @Header(name = "Content-Disposition", description = "type=zip: attachment; "
                    + "filename=\"joblogs.<jobName>.instance.<i>.zip\".", schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = ApiDocs.JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = LinkSchema.class)),
                    @Content(mediaType = ApiDocs.TEXT, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = ApiDocs.ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "A non-numeric instance id, a type other than text or zip, a "
            + "part parameter (parts are addressed through jobexecutions/{executionId}/joblogs); follow other than "
            + "true/false, or follow=true without type=text; offset negative, not a number, without type=text or "
            + "past the end of the log.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response jobLogs(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId,
            @Parameter(description = ApiDocs.LOG_TYPE,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"text", "zip"}))
            @QueryParam("type") String type,
            @Parameter(description = "Not supported on an instance (400): single parts are served by "
                    + "jobexecutions/{executionId}/joblogs?part=<relpath>.")
            @QueryParam("part") String part,
            @Parameter(description = ApiDocs.LOG_FOLLOW + " On an instance: its latest execution, whose log starts "
                    + "the instance's text form.", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("follow") String follow,
            @Parameter(description = ApiDocs.LOG_OFFSET,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("offset") String offset) {
        JobLogQuery query = JobLogQuery.parse(type, part, follow, offset);
        JobLogResponses.requireNoPart(query);
        long id = JobInstanceResource.instanceId(instanceId);
        return query.follow()
                ? jobLogs.followInstance(id, caller.scope()).fold(
                        latest -> jobLogResponses.followInstance(id, latest, query), forwarding::answerFrom)
                : jobLogResponses.ofInstance(jobLogs.ofInstance(id, caller.scope()), query, ApiLinks.of(request));
    }

    /**
     * Deletes the instance's log files on every server that holds some (a request forwarded by another server: this
     * server's only); the repository rows stay (docs/contract.md §7, §10).
     */
    @DELETE
    @Tag(name = "Job logs")
    @Operation(operationId = "deleteJobInstanceLogs", summary = "Delete the job log files of an instance",
            description = "Deletes the instance's log files on every server that holds some (a request forwarded by "
            + "another server deletes this server's only); the repository rows stay. Servers use it during a "
            + "purge; it needs the authority of a purge, or, from another server of the cluster purging in the "
            + "background, the cluster's secret alone (X-BatchRest-Forwarded-By and X-BatchRest-Peer-Secret, no "
            + "credentials).")
    @APIResponse(responseCode = "200", description = "Deleted; the body is empty.")
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_INSTANCE_ID_RESPONSE)
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE)
    @APIResponse(responseCode = "409", description = "The instance is active.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", description = "The log files could not all be deleted, or another server "
            + "fault.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response deleteJobLogs(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId) {
        jobLogs.deleteOfInstance(JobInstanceResource.instanceId(instanceId), caller.scope());
        return Response.ok().build();
    }
}
