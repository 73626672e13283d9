package it;

import it.support.ApiResponse;
import it.support.BatchApi;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests with headers of the test's choosing (Prefer, Idempotency-Key, Accept, If-None-Match) for the ITs of the
 * status, queue and submission features: {@link BatchApi}'s requests as builders, and a raw TLS connection for header
 * bytes that an HTTP client would not send as they are.
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

    /** What came back on a raw connection: the status and everything the server sent, as text. */
    record RawResponse(int status, String text) {
    }

    /**
     * A JSON POST written byte by byte on a TLS connection of its own, with one header whose value is given as bytes:
     * for header values that Java's HTTP client would not send as they are (it replaces non-ASCII characters).
     */
    static RawResponse rawPostJson(String user, String path, String json, String headerName, byte[] headerValue) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + BatchApi.CONTEXT_ROOT + "/" + path + " HTTP/1.1\r\n"
                + "Host: localhost:" + BatchApi.HTTPS_PORT + "\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "pwd")
                .getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + headerName + ": ";
        try (SSLSocket socket = (SSLSocket) BatchApi.tls().getSocketFactory().createSocket("localhost",
                BatchApi.HTTPS_PORT)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(headerValue);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ").matcher(text);
            if (!status.find()) {
                throw new IllegalStateException("Not an HTTP response: " + text);
            }
            return new RawResponse(Integer.parseInt(status.group(1)), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
