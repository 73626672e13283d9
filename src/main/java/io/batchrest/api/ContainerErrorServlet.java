package io.batchrest.api;

import io.batchrest.api.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/**
 * The error page of the web application (web.xml): answers, as problem+json, the requests that Liberty's web
 * container refuses before JAX-RS runs (an encoded slash or dot in the path, a header JAX-RS cannot parse), which
 * would otherwise get Liberty's HTML page with a stack trace. The container's exception text is never shown; the
 * detail names what was wrong from {@link ContainerRefusal}.
 */
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(status instanceof Integer code)) {
            Problems.send(request, response, 404, "There is no resource at " + request.getRequestURI() + ".");
            return;
        }
        Throwable fault = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        ContainerRefusal refusal = ContainerRefusal.of(code, fault, request);
        if (refusal.status() >= 500) {
            Problems.sendServerFault(request, response, fault, path);
        } else {
            Problems.send(response, refusal.status(), refusal.detail(), path, List.of());
        }
    }
}
