package io.batchrest.api.problem;

import io.batchrest.cluster.PeerUnreachableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** Part of an answer is on another server that did not give it: 503, so the client repeats the request later. */
@Provider
public class PeerUnreachableMapper implements ExceptionMapper<PeerUnreachableException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(PeerUnreachableException fault) {
        return Problems.response(503, fault.getMessage() + " Part of the answer is on that server; repeat the "
                + "request later.", request.getRequestURI(), List.of());
    }
}
