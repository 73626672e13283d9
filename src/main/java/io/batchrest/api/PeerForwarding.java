package io.batchrest.api;

import io.batchrest.api.problem.PeerSecretMissingMapper;
import io.batchrest.api.problem.Problems;
import io.batchrest.cluster.Elsewhere;
import io.batchrest.cluster.PeerClient;
import io.batchrest.cluster.PeerSecretMissingException;
import io.batchrest.cluster.PeerUnreachableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Answers a request whose operation belongs to another server (docs/contract.md §10): with {@code permitRedirect=true}
 * a {@code 302} to the same operation there; otherwise the request is sent there with the caller's credentials and
 * that server's answer (status, body, the headers that describe the body) is streamed back.
 */
@ApplicationScoped
public class PeerForwarding {

    /** Headers of the other server's answer that the client needs; connection-level headers are this server's. */
    private static final List<String> RELAYED_HEADERS = List.of("Content-Type", "Content-Disposition", "Location",
            "Retry-After", "X-Total-Count", "X-Total-Count-Lower-Bound", "Preference-Applied", "Link",
            "X-IBM-Unrecognized-Fields", "Cache-Control", "X-Accel-Buffering");

    private static final int RELAY_BUFFER = 64 * 1024;

    @Inject
    HttpServletRequest request;

    @Inject
    PeerClient peers;

    /** The answer of the server that answers the current request. */
    public Response answerFrom(Elsewhere elsewhere) {
        String target = elsewhere.restUrl() + pathBelowRoot() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString());
        if ("true".equalsIgnoreCase(request.getParameter("permitRedirect"))) {
            return Response.status(302).location(URI.create(target)).build();
        }
        HttpResponse<InputStream> answer;
        try {
            answer = peers.send(request.getMethod(), target);
        } catch (PeerUnreachableException e) {
            return Problems.response(503, elsewhere.description() + ", which cannot be reached right now; repeat the "
                    + "request later, or ask that server directly.", request.getRequestURI(), List.of());
        } catch (PeerSecretMissingException e) {
            return PeerSecretMissingMapper.response(e, request.getRequestURI());
        }
        Response.ResponseBuilder relayed = Response.status(answer.statusCode());
        for (String header : RELAYED_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> relayed.header(header, value));
        }
        StreamingOutput body = out -> {
            try (InputStream in = answer.body()) {
                relay(in, out);
            }
        };
        return relayed.entity(body).build();
    }

    /**
     * Passes on each piece of the other server's answer as it arrives: a followed job log (docs/contract.md §8) is
     * written over minutes, and its lines must reach the client then, not when a buffer is full or the log ends.
     * A client that goes away fails a write, which closes the other server's answer and ends its follower too.
     */
    private static void relay(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[RELAY_BUFFER];
        out.flush();
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            out.flush();
        }
    }

    /** The request's path below this application's root, without the leading slash. */
    private String pathBelowRoot() {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
