package io.batchrest.api;

import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.ProblemSchema;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The JAX-RS application. Its {@link OpenAPIDefinition} heads the OpenAPI document that Liberty serves at
 * {@code /openapi} (and shows at {@code /openapi/ui}): the description of the API as a whole, the HTTP Basic
 * security scheme, the problem+json error responses and the search parameters that several operations share.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "batch-rest", version = "1.0.0", description = BatchRestApplication.DESCRIPTION),
        security = @SecurityRequirement(name = ApiDocs.BASIC),
        tags = {
                @Tag(name = "Root", description = "The entry point of the API."),
                @Tag(name = "Job instances", description = "List, search, submit, stop, restart and purge job "
                        + "instances."),
                @Tag(name = "Job executions", description = "The executions of an instance, by id or by sequence "
                        + "number; stop and restart through an execution."),
                @Tag(name = "Step executions", description = "The steps of an execution, with metrics and "
                        + "partitions."),
                @Tag(name = "Job logs", description = "The job logs the product writes: links, text, zip, single "
                        + "parts."),
                @Tag(name = "Status", description = "Compact status of an instance for polling clients (JSON, XML, "
                        + "text), with ETag and long-polling."),
                @Tag(name = "Queue", description = "The instances not yet final, one per line."),
                @Tag(name = "Purge tasks", description = "Asynchronous bulk purges: progress, results, cancel."),
                @Tag(name = "Job definitions", description = "The jobs packaged with the application, with their "
                        + "parameters."),
                @Tag(name = "Caller", description = "The authenticated user and their batch roles."),
                @Tag(name = "Retention", description = "Rules that purge finished instances after a time: what they "
                        + "are, what the next run would purge, and a run on demand (batchAdmin only)."),
                @Tag(name = "Events", description = "The state changes of job instances, executions and steps as "
                        + "server-sent events.")},
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ApiDocs.BASIC, type = SecuritySchemeType.HTTP,
                        scheme = "basic", description = "HTTP Basic with a user of the server's registry, over HTTPS "
                        + "only. Liberty's LTPA single sign-on cookie (LtpaToken2), set on an authenticated "
                        + "response, is accepted too."),
                responses = {
                        @APIResponse(name = ApiDocs.UNAUTHORIZED, responseCode = "401", description = "No or bad "
                                + "credentials.",
                                headers = @Header(name = "WWW-Authenticate", description = "The challenge, e.g. Basic "
                                        + "realm=\"ibm/api\".", schema = @Schema(type = SchemaType.STRING)),
                                content = @Content(mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = ApiDocs.FORBIDDEN, responseCode = "403", description = "The caller lacks "
                                + "the batch role for the operation, or the instance is not theirs (the detail names "
                                + "the user and the operation); or the request came over plain HTTP.",
                                content = @Content(mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = ApiDocs.SERVER_ERROR, responseCode = "500", description = "The server "
                                + "could not complete the request; the detail gives a reference to the server log.",
                                content = @Content(mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = ApiDocs.BAD_INSTANCE_ID_RESPONSE, responseCode = "400",
                                description = ApiDocs.BAD_INSTANCE_ID, content = @Content(mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = ApiDocs.BAD_EXECUTION_ID_RESPONSE, responseCode = "400",
                                description = ApiDocs.BAD_EXECUTION_ID, content = @Content(mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE, responseCode = "404",
                                description = ApiDocs.NOT_FOUND_INSTANCE, content = @Content(
                                        mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = ApiDocs.NOT_FOUND_EXECUTION_RESPONSE, responseCode = "404",
                                description = ApiDocs.NOT_FOUND_EXECUTION, content = @Content(
                                        mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = ApiDocs.UNAVAILABLE, responseCode = "503", description = "The job "
                                + "repository is busy (a lock timeout, a deadlock) or cannot be reached right now; "
                                + "nothing was done, and the same request can succeed in a few seconds.",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait before "
                                        + "repeating the request.", schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = ApiDocs.PROBLEM,
                                        schema = @Schema(implementation = ProblemSchema.class)))}))
public class BatchRestApplication extends Application {

    static final String DESCRIPTION = "A compatible re-implementation of Open Liberty's batch management REST API "
            + "(/ibm/api/batch), with client conveniences: problem+json errors, X-Total-Count and Link headers on "
            + "lists, asynchronous acceptance (Prefer: respond-async), idempotent submission (Idempotency-Key), a "
            + "compact status resource with long-polling, and a plain-text queue.\n\n"
            + "* HTTPS only: a plain HTTP request is refused with 403. Every request needs an authenticated user "
            + "(HTTP Basic, or Liberty's LTPA cookie).\n"
            + "* Roles: batchAdmin (everything), batchSubmitter (submit; read and act on their own instances only; "
            + "lists are silently filtered to them), batchMonitor (read everything). Anything else is a 403 naming "
            + "the user and the operation.\n"
            + "* Versions: every path is also served under /v1/ ... /v4/ (e.g. /v4/jobinstances). Only GET and "
            + "DELETE on the collection jobinstances differ: unversioned and v1 page through all instances (GET) and "
            + "have no bulk purge (DELETE is a 405); v2-v4 search (GET) and bulk-purge one page of a search "
            + "(DELETE), with the parameters documented there. Links in a response keep the version of the request.\n"
            + "* Bodies: application/json; charset=UTF-8, fields in the documented order. Dates: yyyy/MM/dd "
            + "HH:mm:ss.SSS Z in the server's time zone; a missing date or string is \"\", never null.\n"
            + "* Errors: application/problem+json (RFC 9457) with type, title, status, detail, instance, and "
            + "invalidParams on 400s caused by a parameter. An unknown instance, execution, step or log part is a "
            + "404; a method a resource does not support is a 405 with Allow.\n"
            + "* The query parameter permitRedirect=true|false is accepted on every operation.";
}
