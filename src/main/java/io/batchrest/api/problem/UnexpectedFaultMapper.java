package io.batchrest.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Last resort: a real server fault becomes a 500 problem with a reference, never a stack trace in the body. */
@Provider
public class UnexpectedFaultMapper implements ExceptionMapper<Throwable> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable fault) {
        return Problems.serverFault(fault, request.getRequestURI());
    }
}
