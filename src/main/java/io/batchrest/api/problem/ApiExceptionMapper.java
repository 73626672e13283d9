package io.batchrest.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders the API's own refusals. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ApiException refusal) {
        return Problems.response(refusal.status(), refusal.getMessage(), request.getRequestURI(),
                refusal.invalidParams());
    }
}
