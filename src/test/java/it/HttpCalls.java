package it;

import it.support.ApiResponse;
import it.support.BatchApi;

import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Requests with headers of the test's choosing (Prefer, Idempotency-Key, Accept, If-None-Match) for the ITs of the
 * status, queue and submission features: {@link BatchApi}'s requests as builders.
 */
final class HttpCalls {

    private HttpCalls() {
    }

    /** A request as {@code user} (development password), or without credentials when {@code user} is null. */
    static HttpRequest.Builder as(String user, String pathOrUrl) {
        return api(user).request(pathOrUrl);
    }

    /** A JSON POST as {@code user}; add headers to the builder before sending it. */
    static HttpRequest.Builder postJson(String user, String path, String json) {
        return api(user).jsonPost(path, json);
    }

    /** A multipart/form-data POST with the given (name, content) parts, in order. */
    static HttpRequest.Builder postForm(String user, String path, String... namesAndContents) {
        return api(user).formPost(path, namesAndContents);
    }

    static ApiResponse send(HttpRequest.Builder request) {
        return BatchApi.send(request);
    }

    static CompletableFuture<ApiResponse> sendAsync(HttpRequest.Builder request) {
        return BatchApi.sendAsync(request);
    }

    private static BatchApi api(String user) {
        return user == null ? BatchApi.anonymous() : BatchApi.as(user);
    }
}
