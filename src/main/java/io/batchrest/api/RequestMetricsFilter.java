package io.batchrest.api;

import io.batchrest.metrics.BatchMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Times every API request from before its resource is matched until its response is ready, and records it by
 * endpoint and status in the metrics (README, "Health and metrics"). The endpoint is the HTTP method and the
 * resource's path template without the version prefix ({@code GET jobinstances/{instanceId}}), so that the number
 * of series stays small; a request that matched no resource is {@code unmatched}.
 */
@Provider
@PreMatching
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";

    @Context
    ResourceInfo resource;

    @Inject
    BatchMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            metrics.requestServed(endpoint(request.getMethod()), response.getStatus(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private String endpoint(String httpMethod) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return "unmatched";
        }
        String template = join(path(resource.getResourceClass()), path(method));
        return httpMethod + " " + template;
    }

    private static String path(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static String join(String classPath, String methodPath) {
        String left = strip(classPath);
        String right = strip(methodPath);
        return left.isEmpty() ? right : right.isEmpty() ? left : left + "/" + right;
    }

    private static String strip(String path) {
        String stripped = path.startsWith("/") ? path.substring(1) : path;
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
