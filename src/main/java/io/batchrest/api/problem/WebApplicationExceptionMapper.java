package io.batchrest.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * Renders the refusals of the JAX-RS runtime itself (no such path, method not allowed, unsupported media type)
 * as problem+json, keeping their headers such as {@code Allow}. The runtime's own messages are not shown:
 * they can name Java classes.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException refusal) {
        Response original = refusal.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return Problems.serverFault(refusal, request.getRequestURI());
        }
        Response problem = Problems.response(status, detail(status, original), request.getRequestURI(), List.of());
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    private String detail(int status, Response original) {
        String target = request.getMethod() + " " + request.getRequestURI();
        return switch (status) {
            case 404 -> "No resource of the batch API matches " + target + ".";
            case 405 -> "The method " + request.getMethod() + " is not supported by " + request.getRequestURI()
                    + "; allowed: " + String.join(", ", original.getAllowedMethods().stream().sorted().toList()) + ".";
            case 406 -> "None of the media types in the Accept header can be produced for " + target + ".";
            case 415 -> "The content type " + request.getContentType() + " is not supported by " + target + ".";
            default -> "The request " + target + " was refused.";
        };
    }
}
