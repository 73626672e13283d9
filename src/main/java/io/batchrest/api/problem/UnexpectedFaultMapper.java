package io.batchrest.api.problem;

import io.batchrest.api.RequestBodyFilter;
import io.batchrest.repository.RepositoryException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * A request body that could not be read ({@link RequestBodyFilter}) is the client's fault: 400, or 413 past the
 * size limit. Last resort: a real server fault becomes a 500 problem with a reference, never a stack trace in the
 * body. A fault caused by the job repository being unreachable or busy, wherever it surfaced (the batch runtime
 * wraps database errors in its own exceptions), is a 503: the request can be repeated once the database is back.
 */
@Provider
public class UnexpectedFaultMapper implements ExceptionMapper<Throwable> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable fault) {
        for (Throwable cause = fault; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof RequestBodyFilter.UnreadableBodyException unreadable) {
                return Problems.response(unreadable.status(), unreadable.getMessage(), request.getRequestURI(),
                        List.of());
            }
        }
        if (RepositoryException.isTransient(fault)) {
            return RepositoryExceptionMapper.unavailable(request.getRequestURI());
        }
        return Problems.serverFault(fault, request.getRequestURI());
    }
}
