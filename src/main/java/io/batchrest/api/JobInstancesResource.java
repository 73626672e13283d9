package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.api.problem.ApiException;
import io.batchrest.api.view.JobExecutionView;
import io.batchrest.api.view.JobInstanceView;
import io.batchrest.api.view.StepExecutionsView;
import io.batchrest.api.view.PurgeResultView;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.JobInstanceSearchParser;
import io.batchrest.query.PageRequest;
import io.batchrest.query.QueryValues;
import io.batchrest.repository.JobInstanceRecord;
import io.batchrest.security.CallerScope;
import io.batchrest.service.JobControlService;
import io.batchrest.service.JobLogService;
import io.batchrest.service.JobReadService;
import io.batchrest.service.IdempotentSubmissions;
import io.batchrest.service.Page;
import io.batchrest.service.PurgeResult;
import io.batchrest.service.PurgeService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@code jobinstances}: list, submit, and everything below one instance. */
@Path("jobinstances")
@Produces(MediaType.APPLICATION_JSON)
public class JobInstancesResource {

    @Inject
    CallerScope caller;

    @Inject
    JobReadService reads;

    @Inject
    IdempotentSubmissions idempotent;

    @Inject
    JobControlService control;

    @Inject
    PurgeService purges;

    @Inject
    JobLogService jobLogs;

    @Inject
    JobLogResponses jobLogResponses;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    /** v1 (and unversioned) pages through every visible instance; v2–v4 search (SPEC §6). */
    @GET
    public Response list() {
        ApiLinks links = ApiLinks.of(request);
        JobInstanceSearchParser.Result search = search(links.version());
        Page<JobInstanceRecord> result = reads.searchInstances(search.search(), caller);
        return PagedResponse.of(result, links,
                result.items().stream().map(instance -> new JobInstanceView(instance, links, true)).toList(),
                search.unrecognizedFields());
    }

    /** Bulk purge of one page of a search (SPEC §7); v1 and unversioned have no DELETE on the collection. */
    @DELETE
    public Response bulkPurge(@QueryParam("purgeJobStoreOnly") String purgeJobStoreOnly) {
        ApiVersion version = ApiLinks.of(request).version();
        if (!version.searches()) {
            throw new NotAllowedException("GET", new String[] {"POST", "OPTIONS", "HEAD"});
        }
        JobInstanceSearchParser.Result search = search(version);
        List<PurgeResult> results = purges.purgeMatching(search.search(),
                QueryValues.flag("purgeJobStoreOnly", purgeJobStoreOnly), caller);
        return PagedResponse.withUnrecognizedFields(Response.ok(JsonRepresentation.array(
                results.stream().map(PurgeResultView::new).toList()), JsonOutput.JSON_UTF8),
                search.unrecognizedFields()).build();
    }

    private JobInstanceSearchParser.Result search(ApiVersion version) {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        if (!version.searches()) {
            return new JobInstanceSearchParser.Result(JobInstanceSearch.everything(
                    PageRequest.parse(query.getFirst("page"), query.getFirst("pageSize"))), List.of());
        }
        return new JobInstanceSearchParser(Clock.systemDefaultZone()).parse(version.number(), query);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam("Prefer") String prefer, @HeaderParam("Idempotency-Key") String key,
                           byte[] body) {
        return submitted(idempotent.submit(Optional.ofNullable(key), SubmitRequest.parse(body, Optional.empty()),
                caller), prefer);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submitForm(@HeaderParam("Prefer") String prefer, @HeaderParam("Idempotency-Key") String key,
                               List<EntityPart> parts) {
        byte[] jobData = part(parts, "jobdata").orElseThrow(() -> ApiException.badParameter("jobdata",
                "A multipart form must be submitted with a part name of jobdata."));
        byte[] jsl = part(parts, "jsl").orElseThrow(() -> ApiException.badParameter("jsl",
                "A multipart form must be submitted with a part name of jsl."));
        return submitted(idempotent.submit(Optional.ofNullable(key),
                SubmitRequest.parse(jobData, Optional.of(new String(jsl, StandardCharsets.UTF_8))), caller), prefer);
    }

    @GET
    @Path("{instanceId}")
    public Response instance(@PathParam("instanceId") String instanceId) {
        return ok(new JobInstanceView(reads.instance(instanceId(instanceId), caller), ApiLinks.of(request), true));
    }

    @PUT
    @Path("{instanceId}")
    @Consumes(MediaType.WILDCARD)
    public Response act(@PathParam("instanceId") String instanceId, @QueryParam("action") String action,
                        @QueryParam("reusePreviousParams") String reusePreviousParams, byte[] body) {
        long id = instanceId(instanceId);
        ApiLinks links = ApiLinks.of(request);
        if (JobAction.parse(action) == JobAction.STOP) {
            JobControlService.StopResult stopped = control.stopInstance(id, caller);
            return ok(stopped.execution().<JsonRepresentation>map(execution -> new JobExecutionView(execution, links))
                    .orElseGet(() -> new JobInstanceView(stopped.instance(), links, true)));
        }
        boolean reuse = QueryValues.flag("reusePreviousParams", reusePreviousParams);
        return ok(new JobInstanceView(control.restartInstance(id, JobAction.restartParameters(body), reuse, caller),
                links, false));
    }

    @DELETE
    @Path("{instanceId}")
    public Response purge(@PathParam("instanceId") String instanceId,
                          @QueryParam("purgeJobStoreOnly") String purgeJobStoreOnly) {
        long id = instanceId(instanceId);
        purges.purge(id, QueryValues.flag("purgeJobStoreOnly", purgeJobStoreOnly), caller);
        return Response.ok().build();
    }

    @GET
    @Path("{instanceId}/joblogs")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/zip"})
    public Response jobLogs(@PathParam("instanceId") String instanceId, @QueryParam("type") String type,
                            @QueryParam("part") String part) {
        return jobLogResponses.ofInstance(jobLogs.ofInstance(instanceId(instanceId), caller), type, part,
                ApiLinks.of(request));
    }

    /** Deletes the instance's log files on this server only; the repository rows stay (SPEC §3, §10). */
    @DELETE
    @Path("{instanceId}/joblogs")
    public Response deleteJobLogs(@PathParam("instanceId") String instanceId) {
        jobLogs.deleteOfInstance(instanceId(instanceId), caller);
        return Response.ok().build();
    }

    @GET
    @Path("{instanceId}/jobexecutions")
    public Response executions(@PathParam("instanceId") String instanceId) {
        ApiLinks links = ApiLinks.of(request);
        return ok(JsonRepresentation.array(reads.executionsOf(instanceId(instanceId), caller).stream()
                .map(execution -> new JobExecutionView(execution, links)).toList()));
    }

    /** {@code jobexecnum} is Liberty's alias of {@code jobexecutions} for addressing by sequence number. */
    @GET
    @Path("{instanceId}/{alias: jobexecutions|jobexecnum}/{number}")
    public Response execution(@PathParam("instanceId") String instanceId, @PathParam("alias") String alias,
                              @PathParam("number") String number) {
        return ok(new JobExecutionView(reads.executionOf(instanceId(instanceId), sequenceNumber(number), caller),
                ApiLinks.of(request)));
    }

    @GET
    @Path("{instanceId}/{alias: jobexecutions|jobexecnum}/{number}/stepexecutions/{stepName}")
    public Response step(@PathParam("instanceId") String instanceId, @PathParam("alias") String alias,
                         @PathParam("number") String number, @PathParam("stepName") String stepName) {
        return ok(new StepExecutionsView(List.of(reads.stepOf(instanceId(instanceId), sequenceNumber(number),
                stepName, caller)), ApiLinks.of(request)));
    }

    /**
     * 201 with Location = the instance; 202 with Location = its status resource when the client asked
     * {@code Prefer: respond-async} (seed 002); 200 with {@code Idempotent-Replayed: true} when an earlier request
     * with the same Idempotency-Key had started it.
     */
    private Response submitted(IdempotentSubmissions.Outcome outcome, String prefer) {
        ApiLinks links = ApiLinks.of(request);
        JobInstanceRecord instance = outcome.instance();
        String self = links.jobInstance(instance.instanceId());
        Response.ResponseBuilder response;
        if (outcome.replayed()) {
            response = Response.ok().header("Idempotent-Replayed", "true").location(URI.create(self));
        } else if (respondAsync(prefer)) {
            response = Response.accepted().location(URI.create(self + "/status"))
                    .header("Preference-Applied", "respond-async");
        } else {
            response = Response.created(URI.create(self));
        }
        return response.entity(new JobInstanceView(instance, links, false)).type(JsonOutput.JSON_UTF8).build();
    }

    /** RFC 7240: {@code Prefer} holds comma-separated preferences, possibly with parameters. */
    private static boolean respondAsync(String prefer) {
        return prefer != null && java.util.Arrays.stream(prefer.split(","))
                .map(preference -> preference.split(";")[0].trim())
                .anyMatch("respond-async"::equalsIgnoreCase);
    }

    static Response ok(JsonRepresentation body) {
        return Response.ok(body, JsonOutput.JSON_UTF8).build();
    }

    static long instanceId(String value) {
        return QueryValues.pathId("job instance id", value);
    }

    private static int sequenceNumber(String value) {
        return QueryValues.nonNegativeInt("job execution sequence number", value);
    }

    private static Optional<byte[]> part(List<EntityPart> parts, String name) {
        for (EntityPart part : parts) {
            if (name.equals(part.getName())) {
                try (InputStream content = part.getContent()) {
                    return Optional.of(content.readAllBytes());
                } catch (IOException e) {
                    throw ApiException.badParameter(name, "The " + name + " part could not be read.");
                }
            }
        }
        return Optional.empty();
    }
}
