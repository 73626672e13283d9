package io.batchrest.api;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The URLs a response links to, built from the request as the client sent it: same scheme, host and port, and
 * the same version segment (a GET on {@code v2/jobinstances/7} links to {@code v2/jobinstances/7}).
 */
public final class ApiLinks {

    private final String root;
    private final ApiVersion version;
    private final String requestUrl;
    private final String query;

    private ApiLinks(String root, ApiVersion version, String requestUrl, String query) {
        this.root = root;
        this.version = version;
        this.requestUrl = requestUrl;
        this.query = query;
    }

    public static ApiLinks of(HttpServletRequest request) {
        return of(request.getRequestURL().toString(), request.getContextPath(), request.getQueryString());
    }

    /**
     * @param requestUrl  the URL the client requested, without query ({@code https://host:9443/ibm/api/batch/v2/x})
     * @param contextPath the application's context root ({@code /ibm/api/batch})
     * @param query       the raw query string, or null
     */
    public static ApiLinks of(String requestUrl, String contextPath, String query) {
        URI url = URI.create(requestUrl);
        String root = url.getScheme() + "://" + url.getRawAuthority() + contextPath + "/";
        String path = url.getRawPath();
        String relative = path.substring(Math.min(path.length(), contextPath.length() + 1));
        return new ApiLinks(root, ApiVersion.of(relative), requestUrl, query);
    }

    public ApiVersion version() {
        return version;
    }

    /** The unversioned REST root of this server as the client reached it. */
    public String root() {
        return root;
    }

    /** A path below the root, in the request's version. */
    public String api(String path) {
        return root + version.segment() + path;
    }

    public String jobInstances() {
        return api("jobinstances");
    }

    public String jobInstance(long instanceId) {
        return api("jobinstances/" + instanceId);
    }

    public String jobExecution(long executionId) {
        return api("jobexecutions/" + executionId);
    }

    /** An asynchronous bulk purge (docs/contract.md §7). */
    public String purgeTask(String taskId) {
        return api("purges/" + taskId);
    }

    /** The request's path below the REST root with its query, as the client sent them ({@code v4/jobinstances?…}). */
    public String relativeRequest() {
        String path = requestUrl.substring(Math.min(requestUrl.length(), root.length()));
        return query == null ? path : path + "?" + query;
    }

    /** The request URL with {@code page} set to {@code page} (and no cursor), other query parameters kept as sent. */
    public String withPage(long page) {
        return withQuery("page=" + page);
    }

    /** The request URL starting behind a cursor (and without {@code page}), other query parameters kept as sent. */
    public String withCursor(String cursor) {
        return withQuery("after=" + cursor);
    }

    private String withQuery(String paging) {
        Stream<String> kept = query == null ? Stream.empty()
                : Arrays.stream(query.split("&")).filter(p -> !p.isEmpty() && !isPaging(p));
        return requestUrl + "?" + Stream.concat(kept, Stream.of(paging)).collect(Collectors.joining("&"));
    }

    private static boolean isPaging(String parameter) {
        return parameter.equals("page") || parameter.startsWith("page=") || parameter.equals("after")
                || parameter.startsWith("after=");
    }
}
