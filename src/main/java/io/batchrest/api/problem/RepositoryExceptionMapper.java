package io.batchrest.api.problem;

import io.batchrest.repository.RepositoryException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * A job repository that is busy (lock timeouts, deadlocks) or out of reach answers 503 with Retry-After: the same
 * request can succeed shortly, and the client should repeat it rather than give up. Any other database fault is a
 * 500 with a reference in the log.
 */
@Provider
public class RepositoryExceptionMapper implements ExceptionMapper<RepositoryException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(RepositoryException fault) {
        if (fault.isTransient()) {
            return unavailable(request.getRequestURI());
        }
        return Problems.serverFault(fault, request.getRequestURI());
    }

    static Response unavailable(String path) {
        return Problems.response(503, "The job repository is busy or cannot be reached right now; repeat the "
                + "request in a few seconds.", path, List.of());
    }
}
