package io.batchrest.api;

import io.batchrest.api.dashboard.DashboardServlet;
import io.batchrest.api.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The gate in front of the API. Plain HTTP is refused with 403 before credentials are asked for, so no password
 * is ever invited over an unencrypted connection (a redirect, Liberty's answer, would be followed with the
 * credentials already sent). Then every request must authenticate (HTTP Basic, or an LTPA/SSO cookie); a failure
 * is a 401 with the container's {@code WWW-Authenticate} challenge and a problem+json body.
 * <p>
 * The exceptions to authentication are another server's deletion of the log files of an instance that it purges in
 * the background ({@link ClusterLogDeletion}), and the web dashboard's static files (HTTPS still required): the login
 * page must load before the user has given credentials, and the files hold no data. The page then sends every API
 * call with an explicit {@code Authorization} header, which another site's page cannot add to a request it makes the
 * browser send, so the dashboard gives cross-site requests no way in.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpsAndAuthenticationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!request.isSecure()) {
            Problems.send(request, response, 403, "HTTPS is required: the batch API does not accept plain HTTP "
                    + "requests. Send the request to the server's HTTPS port.");
            return;
        }
        if (DashboardServlet.serves(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getUserPrincipal() == null && ClusterLogDeletion.admit(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getUserPrincipal() == null && !authenticate(request, response)) {
            if (!response.isCommitted()) {
                if (response.getHeader("WWW-Authenticate") == null) {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ibm/api\"");
                }
                Problems.send(request, response, 401, "Authentication is required: send valid credentials (HTTP "
                        + "Basic) or a valid single sign-on cookie.");
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean authenticate(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            return request.authenticate(response);
        } catch (ServletException badCredentials) {
            return false;
        }
    }
}
