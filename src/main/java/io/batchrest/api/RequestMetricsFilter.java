package io.batchrest.api;

import io.batchrest.metrics.BatchMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The path template of each chain of matched resource classes (root last), as {@link #resourcePath()} finds it. */
    private static final Map<List<Class<?>>, String> RESOURCE_PATHS = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Context
    UriInfo uriInfo;

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
        return httpMethod + " " + join(resourcePath(), path(method));
    }

    /**
     * The template of the resource that holds the method: the root resource's path, then the path of each
     * sub-resource locator that led to it ({@code jobinstances/{instanceId}} for {@link JobInstanceResource}).
     */
    private String resourcePath() {
        List<Object> matched = uriInfo.getMatchedResources(); // the current resource first, the root resource last
        if (matched.isEmpty()) {
            return path(declaringClass(resource.getResourceClass()));
        }
        // The reflection runs once per chain of resource classes, not on every request.
        return RESOURCE_PATHS.computeIfAbsent(matched.stream().<Class<?>>map(Object::getClass).toList(),
                RequestMetricsFilter::resourcePath);
    }

    private static String resourcePath(List<Class<?>> matched) {
        Class<?> parent = declaringClass(matched.get(matched.size() - 1));
        String template = path(parent);
        for (int i = matched.size() - 2; i >= 0; i--) {
            Class<?> child = declaringClass(matched.get(i));
            template = join(template, locatorPath(parent, child));
            parent = child;
        }
        return template;
    }

    /**
     * The class the application declares: CDI hands out a subclass of an application-scoped resource (its client
     * proxy), whose methods repeat the resource methods' annotations but not the class's {@code @Path}. So the last
     * class up the chain that is a resource, not the first.
     */
    private static Class<?> declaringClass(Class<?> resourceClass) {
        Class<?> declared = resourceClass;
        for (Class<?> type = resourceClass; type != null && type != Object.class; type = type.getSuperclass()) {
            if (type.isAnnotationPresent(Path.class)
                    || Arrays.stream(type.getDeclaredMethods()).anyMatch(RequestMetricsFilter::isResourceMethod)) {
                declared = type;
            }
        }
        return declared;
    }

    /** A resource method, sub-resource method or sub-resource locator. */
    private static boolean isResourceMethod(Method method) {
        return method.isAnnotationPresent(Path.class) || Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    private static String locatorPath(Class<?> parent, Class<?> child) {
        for (Method method : parent.getMethods()) {
            if (method.isAnnotationPresent(Path.class) && method.getReturnType().isAssignableFrom(child)) {
                return path(method);
            }
        }
        return "";
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
