package io.batchrest.api;

import io.batchrest.api.problem.Problem;
import io.batchrest.api.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Hands JAX-RS a query string it can read (see {@link QueryString}); refuses a malformed one with a 400 naming the
 * parameter. Declared in web.xml, first of the filters, so that every later reader sees the same query.
 */
public class QueryStringFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String raw = request.getQueryString();
        if (raw == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<QueryString.Refusal> refusal = QueryString.refusal(raw);
        if (refusal.isPresent()) {
            Problems.send(response, 400, refusal.get().reason(), request.getRequestURI(),
                    List.of(new Problem.InvalidParam(refusal.get().parameter(), refusal.get().reason())));
            return;
        }
        String safe = QueryString.uriSafe(raw);
        chain.doFilter(safe.equals(raw) ? request : new HttpServletRequestWrapper(request) {
            @Override
            public String getQueryString() {
                return safe;
            }
        }, response);
    }
}
