package io.batchrest.api;

import io.batchrest.cluster.CallerHeaders;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/** The headers of the current HTTP request, for the calls to the other servers of a cluster. */
@RequestScoped
public class ServletCallerHeaders implements CallerHeaders {

    @Inject
    HttpServletRequest request;

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }
}
