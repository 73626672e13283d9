package io.batchrest.api;

import io.batchrest.model.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses matrix parameters ({@code ;name=value} in a path segment). The API has none, and JAX-RS would silently
 * drop them, so {@code jobinstances/1;DROP} would act on instance 1 instead of being refused as an invalid id.
 */
@Provider
@PreMatching
public class PathSegmentFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path.indexOf(';') >= 0) {
            throw Refusal.invalid("The path " + path + " is not valid: path segments of the batch API "
                    + "cannot contain ';'.");
        }
    }
}
