package it.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
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

/**
 * An HTTPS client of the server started by the build, calling as one of the development users of docs/contract.md §12
 * (password = user name + "pwd"). The server's certificate is the self-signed development one, so it is trusted
 * as is; everything else is real HTTP.
 */
public final class BatchApi {

    public static final int HTTPS_PORT = Integer.getInteger("batchrest.https.port", 9443);
    public static final int HTTP_PORT = Integer.getInteger("batchrest.http.port", 9080);
    public static final String CONTEXT_ROOT = System.getProperty("batchrest.context.root", "/ibm/api/batch");
    /** The API root as the tests address it; links in responses are built from it. */
    public static final String ROOT = "https://localhost:" + HTTPS_PORT + CONTEXT_ROOT + "/";

    private static final SSLContext TLS = trustingContext();
    private static final HttpClient CLIENT = newClient();

    private final String authorization;
    /** The API root this client calls, {@link #ROOT} unless {@link #at(String)} names another server. */
    private final String root;

    private BatchApi(String authorization) {
        this(authorization, ROOT);
    }

    private BatchApi(String authorization, String root) {
        this.authorization = authorization;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** The same caller at another server's API root, e.g. one server of several behind a load balancer. */
    public BatchApi at(String otherRoot) {
        return new BatchApi(authorization, otherRoot);
    }

    /** Calls as {@code user} with the development password. */
    public static BatchApi as(String user) {
        return withCredentials(user, user + "pwd");
    }

    public static BatchApi withCredentials(String user, String password) {
        return new BatchApi("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Calls without any credentials. */
    public static BatchApi anonymous() {
        return new BatchApi(null);
    }

    public ApiResponse get(String path) {
        return send(request(path).GET());
    }

    public ApiResponse delete(String path) {
        return send(request(path).DELETE());
    }

    public ApiResponse postJson(String path, String json) {
        return send(jsonPost(path, json));
    }

    /** A JSON POST not yet sent, for a test that adds headers of its own (Prefer, Idempotency-Key, …). */
    public HttpRequest.Builder jsonPost(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** A POST without a body, for an action. */
    public ApiResponse post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public ApiResponse put(String path) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public ApiResponse putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, body and content type, for the requests a well-behaved client would not send. */
    public ApiResponse send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /** A multipart/form-data POST with the given (name, content) parts, in order. */
    public ApiResponse postForm(String path, String... namesAndContents) {
        return send(formPost(path, namesAndContents));
    }

    /** A multipart/form-data POST not yet sent, for a test that adds headers of its own. */
    public HttpRequest.Builder formPost(String path, String... namesAndContents) {
        String boundary = "batchrest-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(namesAndContents[i]).append("\"\r\n")
                    .append("\r\n").append(namesAndContents[i + 1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    /** A request to an absolute URL (e.g. plain HTTP, or a link taken from a response). */
    public ApiResponse getUrl(String url) {
        return send(builder(URI.create(url)).GET());
    }

    /** A request to a path below the root (or an absolute URL) with this caller's credentials, not yet sent. */
    public HttpRequest.Builder request(String path) {
        return builder(URI.create(path.startsWith("http") ? path : root + path));
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public static ApiResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("The request to the batch API failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the batch API", e);
        }
    }

    /** Sends without waiting, for tests that put several requests in flight at once. */
    public static CompletableFuture<ApiResponse> sendAsync(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new ApiResponse(response.statusCode(), response.headers(), response.body()));
    }

    /** The one HTTP client of the tests, for requests a test builds itself (bytes, streams). */
    public static HttpClient client() {
        return CLIENT;
    }

    /** TLS that trusts the test server's development certificate, for connections of a test's own. */
    public static SSLContext tls() {
        return TLS;
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

    /**
     * HTTP/1.1, so that requests in flight at the same time arrive on connections of their own, as requests of
     * different clients would.
     */
    private static HttpClient newClient() {
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TLS)
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
