package io.batchrest.api.problem;

import io.batchrest.model.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders refusals: the one place that gives each kind of refusal its HTTP status (docs/api.md, "Status codes"). */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Refusal refusal) {
        return Problems.response(status(refusal.kind()), refusal.getMessage(), request.getRequestURI(),
                refusal.invalidParameters().stream()
                        .map(parameter -> new Problem.InvalidParam(parameter.name(), parameter.reason())).toList());
    }

    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case FAULT -> 500;
        };
    }
}
