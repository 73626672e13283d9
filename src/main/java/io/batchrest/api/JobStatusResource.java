package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.JobStatusSchema;
import io.batchrest.api.openapi.ProblemSchema;
import io.batchrest.api.view.JobStatusView;
import io.batchrest.model.Refusal;
import io.batchrest.service.JobStatusService;
import io.batchrest.status.JobStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jobinstances/{i}/status} (docs/contract.md §11): a compact status to poll, as JSON (default), XML or the plain
 * status word; an {@code ETag} so that an unchanged status costs a 304; and {@code waitFor=terminal&timeout=<seconds>},
 * which holds the request until the instance is final or the timeout passes, without holding a thread meanwhile
 * (the request is suspended and re-checked on the server's scheduler).
 */
@ApplicationScoped
@Path("jobinstances/{instanceId}/status")
public class JobStatusResource {

    static final int MAX_WAIT_SECONDS = 300;
    private static final long CHECK_EVERY_MILLIS = 250;
    private static final Pattern SECONDS = Pattern.compile("([0-9]{1,9})s?");
    private static final MediaType XML = MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8");
    private static final MediaType TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");
    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.APPLICATION_XML_TYPE, MediaType.TEXT_PLAIN_TYPE).build();

    @Inject
    RequestCaller caller;

    @Inject
    JobStatusService statuses;

    @Context
    Request request;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN})
    @Tag(name = "Status")
    @Operation(operationId = "getJobInstanceStatus", summary = "The compact status of a job instance",
            description = "The status to poll, by content negotiation: JSON (default), XML (Accept: application/xml, "
                    + "the status word as the attribute Status of the root element) or the status word alone "
                    + "(Accept: text/plain). Status maps the instance state: Created (0, no execution yet), Queued "
                    + "(1), Processing (2, DISPATCHED), Completed (3), CompletedWithErrors (4: FAILED, STOPPED, "
                    + "ABANDONED), Unknown (99). Every answer has an ETag; If-None-Match with it answers 304 while "
                    + "nothing changed. waitFor=terminal holds the request until the status is final (Completed or "
                    + "CompletedWithErrors) or the timeout passes, then answers the current status with 200; the "
                    + "server holds no thread per waiting client. Readable by whoever may read the instance.")
    @APIResponse(responseCode = "200", description = "The status.",
            headers = {
                    @Header(name = "ETag", description = "A strong entity tag of this representation.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Vary", description = "Accept.", schema = @Schema(type = SchemaType.STRING))},
            content = {
                    @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = JobStatusSchema.class)),
                    @Content(mediaType = ApiDocs.XML,
                            schema = @Schema(implementation = JobStatusSchema.XmlSchema.class)),
                    @Content(mediaType = ApiDocs.TEXT, schema = @Schema(type = SchemaType.STRING,
                            enumeration = {"Created\n", "Queued\n", "Processing\n", "Completed\n",
                                    "CompletedWithErrors\n", "Unknown\n"},
                            description = "The status word and a line feed."), example = "Completed\n")})
    @APIResponse(responseCode = "304", description = "If-None-Match matched: the status is unchanged; no body.",
            headers = @Header(name = "ETag", description = "The entity tag of the unchanged status.",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A non-numeric instance id, a waitFor other than terminal, or "
            + "a timeout that is not 0-300 seconds; invalidParams names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND_INSTANCE_RESPONSE)
    @APIResponse(responseCode = "406", description = "The Accept header allows none of JSON, XML and text.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    @APIResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    public void status(
            @Parameter(description = ApiDocs.INSTANCE_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @PathParam("instanceId") String instanceId,
            @Parameter(description = "terminal: hold the request until the status is final or the "
                    + "timeout passes. Any other value is a 400.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = "terminal"))
            @QueryParam("waitFor") String waitFor,
            @Parameter(description = "With waitFor=terminal: the longest wait, in seconds, 0 to "
                    + MAX_WAIT_SECONDS + ", optionally followed by s (30 or 30s); default 30. Anything "
                    + "else is a 400.",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{1,9}s?$", defaultValue = "30"),
                    example = "30")
            @QueryParam("timeout") String timeout,
            @Parameter(description = "Entity tags (or *) of representations the client has: when one "
                    + "matches the current status (weak comparison), the answer is 304 without a body.")
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @Suspended AsyncResponse response) {
        try {
            long id = JobInstanceResource.instanceId(instanceId);
            if (waitFor != null && !"terminal".equals(waitFor)) {
                throw Refusal.invalidParameter("waitFor", "The waitFor value " + waitFor
                        + " is not supported: use waitFor=terminal.");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds(timeout));
            Variant variant = request.selectVariant(VARIANTS);
            MediaType type = variant == null ? MediaType.APPLICATION_JSON_TYPE : variant.getMediaType();
            JobStatus status = statuses.status(id, caller.scope());
            if (waitFor == null || status.status().isFinal()) {
                response.resume(render(status, type, ifNoneMatch));
                return;
            }
            scheduleCheck(id, type, ifNoneMatch, deadline, response);
        } catch (RuntimeException refused) {
            response.resume(refused);
        }
    }

    /** Re-reads the status until it is final or the deadline passes; the caller was checked when it asked. */
    private void scheduleCheck(long id, MediaType type, String ifNoneMatch, long deadline, AsyncResponse response) {
        scheduler.schedule(() -> {
            if (response.isDone()) {
                return;
            }
            try {
                boolean timedOut = System.nanoTime() >= deadline;
                if (timedOut || statuses.isFinal(id)) {
                    JobStatus status = statuses.statusOf(id);
                    if (timedOut || status.status().isFinal()) {
                        response.resume(render(status, type, ifNoneMatch));
                        return;
                    }
                }
                scheduleCheck(id, type, ifNoneMatch, deadline, response);
            } catch (RuntimeException failed) {
                response.resume(failed);
            }
        }, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Renders on any thread, the scheduler's too: the request's own context is not needed. */
    private static Response render(JobStatus status, MediaType type, String ifNoneMatch) {
        JobStatusView view = new JobStatusView(status);
        String body;
        MediaType contentType;
        if (type.isCompatible(MediaType.APPLICATION_XML_TYPE)) {
            body = view.toXml();
            contentType = XML;
        } else if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
            body = view.toText();
            contentType = TEXT;
        } else {
            body = JsonOutput.pretty(view);
            contentType = MediaType.valueOf(JsonOutput.JSON_UTF8);
        }
        EntityTag tag = new EntityTag(digest(contentType + "\n" + body));
        if (matches(ifNoneMatch, tag)) {
            return Response.notModified(tag).header("Vary", "Accept").build();
        }
        return Response.ok(body, contentType).tag(tag).header("Vary", "Accept").build();
    }

    /** RFC 9110 If-None-Match: {@code *} or a list of (weak or strong) tags, compared weakly. */
    private static boolean matches(String ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String quoted = "\"" + tag.getValue() + "\"";
        return java.util.Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(candidate -> candidate.equals("*") || candidate.equals(quoted)
                        || candidate.equals("W/" + quoted));
    }

    private static long seconds(String timeout) {
        if (timeout == null) {
            return 30;
        }
        Matcher matcher = SECONDS.matcher(timeout);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) > MAX_WAIT_SECONDS) {
            throw Refusal.invalidParameter("timeout", "The timeout " + timeout + " is not valid: give a number of "
                    + "seconds from 0 to " + MAX_WAIT_SECONDS + ", e.g. timeout=30 or timeout=30s.");
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
