package io.batchrest.api.problem;

import io.batchrest.repository.RepositoryException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Last resort: a real server fault becomes a 500 problem with a reference, never a stack trace in the body. A fault
 * caused by the job repository being unreachable or busy, wherever it surfaced (the batch runtime wraps database
 * errors in its own exceptions), is a 503: the request can be repeated once the database is back.
 */
@Provider
public class UnexpectedFaultMapper implements ExceptionMapper<Throwable> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable fault) {
        if (RepositoryException.isTransient(fault)) {
            return RepositoryExceptionMapper.unavailable(request.getRequestURI());
        }
        return Problems.serverFault(fault, request.getRequestURI());
    }
}
