package it;

import it.support.ApiResponse;
import it.support.BatchApi;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests with headers of the test's choosing (Prefer, Idempotency-Key, Accept, If-None-Match), which
 * {@link BatchApi} does not send, for the ITs of the issue-5 features. HTTP/1.1, so that concurrent requests arrive
 * on connections of their own, as requests of different clients would.
 */
final class HttpCalls {

    private static final SSLContext SSL = trustingContext();
    private static final HttpClient CLIENT = newClient();

    private HttpCalls() {
    }

    /** A request as {@code user} (development password), or without credentials when {@code user} is null. */
    static HttpRequest.Builder as(String user, String pathOrUrl) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("https:") ? pathOrUrl
                : BatchApi.ROOT + pathOrUrl)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "pwd").getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    /** A JSON POST as {@code user}; add headers to the builder before sending it. */
    static HttpRequest.Builder postJson(String user, String path, String json) {
        return as(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** A multipart/form-data POST with the given (name, content) parts, in order. */
    static HttpRequest.Builder postForm(String user, String path, String... namesAndContents) {
        String boundary = "batchrest-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(namesAndContents[i]).append("\"\r\n")
                    .append("\r\n").append(namesAndContents[i + 1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return as(user, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    static ApiResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("The request to the server failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the server", e);
        }
    }

    static CompletableFuture<ApiResponse> sendAsync(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new ApiResponse(response.statusCode(), response.headers(), response.body()));
    }

    /** What came back on a raw connection: the status and everything the server sent, as text. */
    record RawResponse(int status, String text) {
    }

    /**
     * A JSON POST written byte by byte on a TLS connection of its own, with one header whose value is given as bytes:
     * for header values that {@link HttpClient} would not send as they are (it replaces non-ASCII characters).
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
        try (SSLSocket socket = (SSLSocket) SSL.getSocketFactory().createSocket("localhost", BatchApi.HTTPS_PORT)) {
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

    private static SSLContext trustingContext() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustDevelopmentCertificate()}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient newClient() {
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(SSL)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The test server's certificate is generated by Liberty at first start; there is no CA to trust. */
    private static final class TrustDevelopmentCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
