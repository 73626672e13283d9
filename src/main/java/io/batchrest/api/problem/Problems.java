package io.batchrest.api.problem;

import io.batchrest.api.json.JsonOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds problem+json responses; the one place that turns a status and a message into an error body. */
public final class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class.getName());

    private Problems() {
    }

    public static Problem problem(int status, String detail, String path, List<Problem.InvalidParam> invalidParams) {
        return new Problem(title(status), status, detail, path, invalidParams);
    }

    /** Seconds a client is asked to wait before repeating a request that met a busy or unreachable repository. */
    static final int RETRY_AFTER_SECONDS = 5;

    public static Response response(int status, String detail, String path, List<Problem.InvalidParam> invalid) {
        Response.ResponseBuilder response = Response.status(status)
                .type(JsonOutput.PROBLEM_JSON)
                .entity(problem(status, detail, path, invalid));
        if (status == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** Answers a problem+json error outside JAX-RS: for the servlet filters and the dashboard's servlet. */
    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        send(response, status, detail, request.getRequestURI(), List.of());
    }

    public static void send(HttpServletResponse response, int status, String detail, String path,
            List<Problem.InvalidParam> invalidParams) throws IOException {
        response.setStatus(status);
        response.setContentType(JsonOutput.PROBLEM_JSON);
        JsonOutput.write(problem(status, detail, path, invalidParams), response.getOutputStream());
    }

    /**
     * A 500 for an unexpected fault: the body says only that something failed and gives a reference; the log gets
     * the same reference with the stack trace.
     */
    public static Response serverFault(Throwable fault, String path) {
        Problem problem = logged(fault, path);
        return Response.serverError().type(JsonOutput.PROBLEM_JSON).entity(problem).build();
    }

    /** {@link #serverFault} outside JAX-RS: for the web application's error page. */
    public static void sendServerFault(HttpServletRequest request, HttpServletResponse response, Throwable fault,
            String path) throws IOException {
        Problem problem = logged(fault, path);
        response.setStatus(500);
        response.setContentType(JsonOutput.PROBLEM_JSON);
        JsonOutput.write(problem, response.getOutputStream());
    }

    private static Problem logged(Throwable fault, String path) {
        String reference = "urn:uuid:" + UUID.randomUUID();
        LOG.log(Level.SEVERE, "Request " + path + " failed; problem instance " + reference, fault);
        return new Problem(title(500), 500,
                "The server could not complete the request; the server log has the details under " + reference + ".",
                reference, List.of());
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
