package io.batchrest.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;

/**
 * Routes {@code v1/}..{@code v4/} paths to the same resources as unversioned ones. Resources that behave
 * differently by version read it from {@link ApiLinks#version()}, which looks at the original request path.
 */
@Provider
@PreMatching
public class ApiVersionFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (ApiVersion.of(relative) != ApiVersion.NONE) {
            URI base = request.getUriInfo().getBaseUri();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            request.setRequestUri(base,
                    URI.create(base + ApiVersion.strip(relative) + (query == null ? "" : "?" + query)));
        }
    }
}
