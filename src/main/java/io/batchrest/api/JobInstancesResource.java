package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.InstanceCountSchema;
import io.batchrest.api.openapi.JobInstanceSchema;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.api.openapi.PurgeResultSchema;
import io.batchrest.api.openapi.PurgeTaskSchema;
import io.batchrest.api.openapi.RequestSchemas;
import io.batchrest.api.openapi.SearchFilters;
import io.batchrest.api.openapi.SearchParameters;
import io.batchrest.api.view.InstanceCountView;
import io.batchrest.api.view.JobInstanceView;
import io.batchrest.api.view.PurgeResultView;
import io.batchrest.api.view.PurgeTaskView;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.PurgeTaskRecord;
import io.batchrest.model.Refusal;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.JobInstanceSearchParser;
import io.batchrest.query.JobInstanceStatsParser;
import io.batchrest.query.JobInstanceStatsQuery;
import io.batchrest.query.PageRequest;
import io.batchrest.query.QueryValues;
import io.batchrest.service.IdempotentSubmissions;
import io.batchrest.service.JobReadService;
import io.batchrest.service.Page;
import io.batchrest.service.PurgeResult;
import io.batchrest.service.PurgeService;
import io.batchrest.service.PurgeTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code jobinstances}: the collection (list and search, aggregates, submit, bulk purge), and the locator of one
 * instance, {@link JobInstanceResource}.
 */
@ApplicationScoped
@Path("jobinstances")
@Produces(MediaType.APPLICATION_JSON)
public class JobInstancesResource {

    /** OpenAPI texts of the submit operation, which two methods (JSON and multipart) document together. */
    private static final String PREFER = "RFC 7240 preferences. respond-async (possibly among others and with "
            + "parameters, e.g. \"return=minimal, respond-async; wait=10\") asks for 202 Accepted with Location = the "
            + "status resource of the new instance; without it the answer is 201.";
    private static final String IDEMPOTENCY_KEY = "1 to 255 visible ASCII characters (0x21-0x7E) chosen by the "
            + "client. The same key from the same user within the retention window (default 24 h, "
            + "batchrest.idempotency.retention) returns the instance the key started (200, Idempotent-Replayed: true) "
            + "instead of starting another; with a different request it is a 409 naming the key. A refused "
            + "submission does not use the key up. Anything else than 1-255 visible ASCII characters is a 400.";
    private static final String DRY_RUN = "true = purge nothing: answer, for each instance the purge would select, "
            + "WOULD_PURGE (a purge would purge it) or STILL_ACTIVE (a purge would leave it alone), with the authority "
            + "and search of the purge itself. Answered at once, also with Prefer: respond-async.";
    private static final String PREFER_PURGE = "RFC 7240 preferences. respond-async (possibly among others and with "
            + "parameters) starts an asynchronous purge of every instance the search selects (page, pageSize and "
            + "after are then a 400): 202 Accepted with Location = the purge task (GET purges/{taskId}). Preferences "
            + "batch-rest does not know are ignored.";
    private static final String SUBMIT = "Starts a job of an application of this server. The instance is created "
            + "and the job runs asynchronously; the answer is the instance (self and job logs links only), usually "
            + "SUBMITTED/STARTING. The submitter is the authenticated user. An unknown jobXMLName, application or "
            + "module is a 400 and records nothing. The same operation takes a JSON body or a multipart/form-data "
            + "body with the parts jobdata and jsl.";

    @Inject
    RequestCaller caller;

    @Inject
    JobReadService reads;

    @Inject
    IdempotentSubmissions idempotent;

    @Inject
    PurgeService purges;

    @Inject
    PurgeTasks purgeTasks;

    @Inject
    JobInstanceResource oneInstance;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    /** The aggregate's path below {@code jobinstances}: in v4 a resource, before v4 an instance id like any other. */
    private static final String STATS = "stats";

    /** v1 (and unversioned) pages through every visible instance; v2–v4 search (docs/contract.md §6). */
    @GET
    @Tag(name = "Job instances")
    @Operation(operationId = "listJobInstances", summary = "List or search job instances",
            description = "Unversioned and /v1/: every visible instance, page by page (only page and pageSize "
                    + "apply). /v2/, /v3/, /v4/jobinstances: a search with the filters below, each marked with the "
                    + "versions that know it; different parameters AND together, filters a version does not know are "
                    + "ignored (v3/v4 list them in X-IBM-Unrecognized-Fields). Newest createTime first unless sort "
                    + "says otherwise, instanceId breaking ties. A batchSubmitter-only caller sees only their own "
                    + "instances.")
    @APIResponse(responseCode = "200", description = "One page of matching instances.",
            headers = {
                    @Header(name = "X-Total-Count", description = ApiDocs.TOTAL,
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
                    @Header(name = "X-Total-Count-Lower-Bound", description = ApiDocs.TOTAL_LOWER_BOUND,
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
                    @Header(name = "Preference-Applied", description = "count=exact, when the request's Prefer "
                            + "header or count parameter asked for the exact total.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = ApiDocs.LINKS, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-IBM-Unrecognized-Fields", description = "v3/v4: the query parameters and sort "
                            + "fields that were ignored, comma-separated.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = JobInstanceSchema.class)))
    @APIResponse(responseCode = "400", description = "A filter, page or pageSize that cannot mean anything; "
            + "invalidParams names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response list(@BeanParam SearchParameters documentedOnly, @BeanParam SearchFilters documentedFilters) {
        ApiLinks links = ApiLinks.of(request);
        JobInstanceSearchParser.Result search = search(links.version());
        boolean exactTotal = PagedResponse.exactTotalRequested(uriInfo.getQueryParameters().getFirst("count"),
                request.getHeaders("Prefer"));
        Page<JobInstanceRecord> result = reads.searchInstances(search.search(), exactTotal, caller.scope());
        return PagedResponse.of(result, exactTotal, links,
                result.items().stream().map(instance -> new JobInstanceView(instance, links, true)).toList(),
                search.unrecognizedFields());
    }

    /**
     * Bulk purge of one page of a search (docs/contract.md §7); v1 and unversioned have no DELETE on the collection.
     */
    @DELETE
    @Tag(name = "Job instances")
    @Operation(operationId = "purgeJobInstances", summary = "Bulk purge: purge one page of a search",
            description = "/v2/, /v3/, /v4/jobinstances only (unversioned and /v1/ answer 405): runs that version's "
                    + "search with the same filters as GET, page and pageSize (at most 50 per call by default), and "
                    + "purges each match in search order: its job log files (unless purgeJobStoreOnly=true), then its "
                    + "repository rows. Active instances are left alone (STILL_ACTIVE). dryRun=true purges nothing "
                    + "and answers what the purge would do. Prefer: respond-async purges every match in the "
                    + "background instead (202, a purge task at purges/{taskId}).")
    @APIResponse(responseCode = "200", description = "One purge result per match, in search order; [] if none. "
            + "With dryRun=true: WOULD_PURGE or STILL_ACTIVE per match, and nothing was purged.",
            headers = @Header(name = "X-IBM-Unrecognized-Fields", description = "v3/v4: the query parameters and "
                    + "sort fields that were ignored, comma-separated.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PurgeResultSchema.class)))
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the purge task that purges every "
            + "match in the background, as created (RUNNING, nothing purged yet, without results).",
            headers = {
                    @Header(name = "Location", description = "The purge task, R purges/{taskId} in the request's "
                            + "version.", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = "Preference-Applied", description = "respond-async.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-IBM-Unrecognized-Fields", description = "v3/v4: the query parameters and "
                            + "sort fields that were ignored, comma-separated.",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = PurgeTaskSchema.class)))
    @APIResponse(responseCode = "400", description = "A filter, page, pageSize, purgeJobStoreOnly or dryRun that "
            + "cannot mean anything; page, pageSize or after with Prefer: respond-async; invalidParams names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "405", description = "Unversioned or /v1/: there is no bulk purge.",
            headers = @Header(name = "Allow", description = "GET, HEAD, OPTIONS, POST.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response bulkPurge(
            @BeanParam SearchParameters documentedOnly,
            @BeanParam SearchFilters documentedFilters,
            @Parameter(description = ApiDocs.PURGE_JOB_STORE_ONLY,
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("purgeJobStoreOnly") String purgeJobStoreOnly,
            @Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("dryRun") String dryRun,
            @Parameter(description = PREFER_PURGE, schema = @Schema(type = SchemaType.STRING))
            @HeaderParam("Prefer") String documentedPrefer) {
        ApiLinks links = ApiLinks.of(request);
        ApiVersion version = links.version();
        if (!version.searches()) {
            throw new NotAllowedException("GET", new String[] {"POST", "OPTIONS", "HEAD"});
        }
        JobInstanceSearchParser.Result search = search(version);
        // count means nothing to a purge, but a value a list would refuse must not let the purge go ahead.
        PagedResponse.exactTotalRequested(uriInfo.getQueryParameters().getFirst("count"), request.getHeaders("Prefer"));
        boolean jobStoreOnly = QueryValues.flag("purgeJobStoreOnly", purgeJobStoreOnly);
        if (QueryValues.flag("dryRun", dryRun)) {
            return purgeResults(purges.dryRunMatching(search.search(), jobStoreOnly, caller.scope()), search);
        }
        if (respondAsync(String.join(",", Collections.list(request.getHeaders("Prefer"))))) {
            requireNoPaging();
            PurgeTaskRecord task = purgeTasks.start(search.search(), links.relativeRequest(), jobStoreOnly,
                    caller.scope());
            return PagedResponse.withUnrecognizedFields(Response.accepted(new PurgeTaskView(task, Optional.empty(),
                    links)).type(JsonOutput.JSON_UTF8).location(URI.create(links.purgeTask(task.taskId())))
                    .header("Preference-Applied", "respond-async"), search.unrecognizedFields()).build();
        }
        return purgeResults(purges.purgeMatching(search.search(), jobStoreOnly, caller.scope()), search);
    }

    private static Response purgeResults(List<PurgeResult> results, JobInstanceSearchParser.Result search) {
        return PagedResponse.withUnrecognizedFields(Response.ok(JsonRepresentation.array(
                results.stream().map(PurgeResultView::new).toList()), JsonOutput.JSON_UTF8),
                search.unrecognizedFields()).build();
    }

    /** An asynchronous purge takes every match: a page of them would be a different request (docs/contract.md §7). */
    private void requireNoPaging() {
        for (String paging : List.of("page", "pageSize", "after")) {
            if (uriInfo.getQueryParameters().containsKey(paging)) {
                throw Refusal.invalidParameter(paging, "An asynchronous bulk purge (Prefer: respond-async) purges "
                        + "every instance the search selects: " + paging + " does not apply to it.");
            }
        }
    }

    /**
     * Aggregates, v4 only (docs/api.md, "Aggregates"): the instances a v4 search with the same filters finds, counted
     * per group in one query instead of being fetched page by page. In v1-v3 and unversioned, {@code stats}
     * stays what it always was there, an instance id that is not a number: the same 400 as before.
     */
    @GET
    @Path(STATS)
    @Tag(name = "Job instances")
    @Operation(operationId = "countJobInstances", summary = "Count job instances per day, state or job name",
            description = "/v4/jobinstances/stats only (unversioned and /v1/-/v3/ read stats as an instance id and "
                    + "answer 400). The instances that GET /v4/jobinstances with the same filters would find, counted "
                    + "per distinct combination of the groupBy keys, in one query: days ascending (server "
                    + "time zone), then instance states in their stored order (SUBMITTED, JMS_QUEUED, JMS_CONSUMED, "
                    + "DISPATCHED, FAILED, STOPPED, COMPLETED, ABANDONED), then job names by their characters. Only "
                    + "groups with at least one instance are listed. A batchSubmitter-only caller counts only their "
                    + "own instances. Any parameter other than groupBy, the filters below and permitRedirect is a "
                    + "400 naming it.")
    @APIResponse(responseCode = "200", description = "One object per group; [] if nothing matches.",
            headers = @Header(name = "X-Server-Time", description = "The server's clock when it counted, as the "
                    + "API writes dates (yyyy/MM/dd HH:mm:ss.SSS Z, server time zone): the day >Nd counts from "
                    + "and the zone of the days.",
                    schema = @Schema(type = SchemaType.STRING, example = ApiDocs.DATE_EXAMPLE)),
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = InstanceCountSchema.class),
                    example = "[{\"day\":\"2026-12-04\",\"instanceState\":\"FAILED\",\"count\":2},"
                            + "{\"day\":\"2026-12-04\",\"instanceState\":\"COMPLETED\",\"count\":12}]"))
    @APIResponse(responseCode = "400", description = "A missing, unknown or repeated groupBy key, a filter that "
            + "cannot mean anything, or a parameter that jobinstances/stats does not take; invalidParams names it. "
            + "Unversioned and /v1/-/v3/: stats is not a job instance id.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response stats(
            @Parameter(description = "Required. A comma-separated list of the keys to group by, each at most once, "
                    + "in any order: day (the day of lastUpdatedTime: for a finished instance, the day its last run "
                    + "ended), createDay (the day of createTime), instanceState, jobName. Each group has these "
                    + "fields in this order, then count.", required = true,
                    schema = @Schema(type = SchemaType.STRING), example = "day,instanceState")
            @QueryParam("groupBy") String groupBy,
            @BeanParam SearchFilters documentedFilters) {
        ApiLinks links = ApiLinks.of(request);
        if (!links.version().aggregates()) {
            return oneInstance.instance(STATS);
        }
        // One instant for "today" of the filters and for the header, so that a client lays out the same days.
        Clock now = Clock.fixed(Instant.now(), Clock.systemDefaultZone().getZone());
        JobInstanceStatsQuery query = new JobInstanceStatsParser(now).parse(uriInfo.getQueryParameters());
        return Response.ok(JsonRepresentation.array(reads.countInstances(query, caller.scope()).stream()
                        .map(group -> new InstanceCountView(group, query.groupBy())).toList()), JsonOutput.JSON_UTF8)
                .header("X-Server-Time", JsonOutput.date(now.instant())).build();
    }

    private JobInstanceSearchParser.Result search(ApiVersion version) {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        if (!version.searches()) {
            return new JobInstanceSearchParser.Result(JobInstanceSearch.everything(
                    PageRequest.parse(query.getFirst("page"), query.getFirst("pageSize"), query.getFirst("after"))),
                    List.of());
        }
        return new JobInstanceSearchParser(Clock.systemDefaultZone()).parse(version.number(), query);
    }

    /**
     * One instance and everything below it. A sub-resource rather than a root resource at
     * {@code jobinstances/{instanceId}}: a request is first matched to a root resource by its path alone, and such a
     * root resource would take {@code jobinstances/stats} from this class.
     */
    @Path("{instanceId}")
    public JobInstanceResource instance() {
        return oneInstance;
    }

    /**
     * Only GET of {@code stats} is an aggregate; PUT and DELETE address an instance whose id is not a number, as they
     * did before aggregates existed. Declared here because once the literal path {@code stats} has matched, JAX-RS
     * does not try the locator for another method.
     */
    @PUT
    @Path(STATS)
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response actOnStats(@QueryParam("action") String action,
                               @QueryParam("reusePreviousParams") String reusePreviousParams, byte[] body) {
        return oneInstance.act(STATS, action, reusePreviousParams, body);
    }

    /** See {@link #actOnStats}. */
    @DELETE
    @Path(STATS)
    @Operation(hidden = true)
    public Response purgeStats(@QueryParam("purgeJobStoreOnly") String purgeJobStoreOnly) {
        return oneInstance.purge(STATS, purgeJobStoreOnly);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Job instances")
    @Operation(operationId = "submitJob", summary = "Submit a job", description = SUBMIT)
    @RequestBody(required = true, description = "The job to start: JSON, or multipart/form-data with the parts "
            + "jobdata (the JSON) and jsl (the JSL XML).",
            content = @Content(mediaType = ApiDocs.JSON,
                    schema = @Schema(implementation = RequestSchemas.SubmitRequestSchema.class),
                    example = "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"chunkCopy\","
                            + "\"jobParameters\":{\"items\":\"100\"}}"))
    @APIResponse(responseCode = "201", description = "The job was started; Location = the instance.",
            headers = @Header(name = "Location", description = "The new instance.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobInstanceSchema.class)))
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the job was accepted and started; "
            + "Location = its status resource, to poll.",
            headers = {
                    @Header(name = "Location", description = "The status resource of the new instance, "
                            + "<root>jobinstances/{instanceId}/status.",
                            schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = "Preference-Applied", description = "respond-async.",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobInstanceSchema.class)))
    @APIResponse(responseCode = "200", description = "Idempotency-Key replay: an earlier request of this user with "
            + "the same key and the same request started this instance; nothing new was started.",
            headers = {
                    @Header(name = "Idempotent-Replayed", description = "true.",
                            schema = @Schema(type = SchemaType.STRING, enumeration = "true")),
                    @Header(name = "Location", description = "The instance the key started.",
                            schema = @Schema(type = SchemaType.STRING, format = "uri"))},
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobInstanceSchema.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or multipart, a missing part, missing "
            + "applicationName/moduleName or jobXMLName/jobXML, a non-string job parameter, an unknown jobXMLName, "
            + "application or module, unsafe or malformed inline JSL, or an invalid Idempotency-Key; nothing is "
            + "recorded.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was already used by this user for a "
            + "different request (the detail names the key), or the request that holds it is still being processed.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "415", description = "A content type other than application/json or "
            + "multipart/form-data; nothing is recorded.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public Response submit(
            @Parameter(description = PREFER, example = "respond-async")
            @HeaderParam("Prefer") String prefer,
            @Parameter(description = IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]{1,255}$"),
                    example = "order-4711-import")
            @HeaderParam("Idempotency-Key") String key,
            byte[] body) {
        return submitted(idempotent.submit(Optional.ofNullable(key), SubmitRequest.parse(body, Optional.empty()),
                caller.scope()), prefer);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequestBody(required = true, content = @Content(mediaType = ApiDocs.MULTIPART,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"jobdata", "jsl"},
                    description = "A part jobdata (a SubmitRequest as JSON) and a part jsl (the JSL XML document). A "
                            + "missing part is a 400 \"A multipart form must be submitted with a part name of "
                            + "jobdata.\" (or jsl).",
                    properties = {
                            @SchemaProperty(name = "jobdata", implementation = RequestSchemas.SubmitRequestSchema.class),
                            @SchemaProperty(name = "jsl", type = SchemaType.STRING,
                                    description = "The JSL document (XML).")}),
            encoding = {@Encoding(name = "jobdata", contentType = ApiDocs.JSON),
                    @Encoding(name = "jsl", contentType = "application/xml, text/xml, text/plain")}))
    public Response submitForm(
            @Parameter(description = PREFER, example = "respond-async")
            @HeaderParam("Prefer") String prefer,
            @Parameter(description = IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]{1,255}$"),
                    example = "order-4711-import")
            @HeaderParam("Idempotency-Key") String key,
            List<EntityPart> parts) {
        byte[] jobData = part(parts, "jobdata").orElseThrow(() -> Refusal.invalidParameter("jobdata",
                "A multipart form must be submitted with a part name of jobdata."));
        byte[] jsl = part(parts, "jsl").orElseThrow(() -> Refusal.invalidParameter("jsl",
                "A multipart form must be submitted with a part name of jsl."));
        return submitted(idempotent.submit(Optional.ofNullable(key),
                SubmitRequest.parse(jobData, Optional.of(new String(jsl, StandardCharsets.UTF_8))), caller.scope()),
                prefer);
    }

    /**
     * 201 with Location = the instance; 202 with Location = its status resource when the client asked
     * {@code Prefer: respond-async} (docs/contract.md §11); 200 with {@code Idempotent-Replayed: true} when an earlier
     * request with the same Idempotency-Key had started it.
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

    private static Optional<byte[]> part(List<EntityPart> parts, String name) {
        for (EntityPart part : parts) {
            if (name.equals(part.getName())) {
                try (InputStream content = part.getContent()) {
                    return Optional.of(content.readAllBytes());
                } catch (IOException e) {
                    throw Refusal.invalidParameter(name, "The " + name + " part could not be read.");
                }
            }
        }
        return Optional.empty();
    }
}