package io.batchrest.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The batch management REST API ({@code https://<host:port>/ibm/api/batch/}) as the client uses it. Holds the list of
 * batch managers from {@code --batchManager}: a request that cannot connect to the current one is sent to the next,
 * and that one stays current for later requests. Only connection failures fail over: a request that reached a server
 * (whatever its answer, or a read timeout) may have had its effect there and is not repeated elsewhere.
 */
final class BatchRestClient {

    static final String CONTEXT_ROOT = "/ibm/api/batch/";

    private final List<String> targets;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Output output;
    private int current;

    BatchRestClient(List<String> targets, String authorization, Duration timeout, boolean trustAllCertificates,
                    Output output) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no batch manager");
        }
        this.targets = List.copyOf(targets);
        this.authorization = authorization;
        this.timeout = timeout;
        this.output = output;
        if (trustAllCertificates) {
            // --trustSslCertificates trusts any certificate, for any host name: read when the HTTP client is built.
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(trustAllCertificates ? trustingContext() : defaultContext())
                .build();
    }

    /** The API root of the batch manager currently in use, e.g. {@code https://host:9443/ibm/api/batch/}. */
    String root() {
        return "https://" + targets.get(current) + CONTEXT_ROOT;
    }

    // ------------------------------------------------------------------------------------------- resources

    JsonObject submit(JsonObject submission) {
        return object(send("POST", "jobinstances", submission.toString()));
    }

    JsonObject jobInstance(long instanceId) {
        return object(sendNamed("GET", "jobinstances/" + instanceId, null));
    }

    JsonObject jobInstanceOfExecution(long executionId) {
        return object(sendNamed("GET", "jobexecutions/" + executionId + "/jobinstance", null));
    }

    /** Most recent first. */
    JsonArray jobExecutions(long instanceId) {
        return array(sendNamed("GET", "jobinstances/" + instanceId + "/jobexecutions", null));
    }

    JsonObject jobExecution(long executionId) {
        return object(sendNamed("GET", "jobexecutions/" + executionId, null));
    }

    /** The execution that was stopped, or the instance if it had none (it is then STOPPED without running). */
    JsonObject stopInstance(long instanceId) {
        return object(sendNamed("PUT", "jobinstances/" + instanceId + "?action=stop", null));
    }

    JsonObject stopExecution(long executionId) {
        return object(sendNamed("PUT", "jobexecutions/" + executionId + "?action=stop", null));
    }

    JsonObject restartInstance(long instanceId, Map<String, String> parameters, boolean reusePreviousParams) {
        return object(sendNamed("PUT", "jobinstances/" + instanceId + "?action=restart&reusePreviousParams="
                + reusePreviousParams, restartBody(parameters)));
    }

    JsonObject restartExecution(long executionId, Map<String, String> parameters, boolean reusePreviousParams) {
        return object(sendNamed("PUT", "jobexecutions/" + executionId + "?action=restart&reusePreviousParams="
                + reusePreviousParams, restartBody(parameters)));
    }

    /** The v4 search (docs/contract.md §6) with an encoded query string. */
    JsonArray searchInstances(String query) {
        return array(send("GET", "v4/jobinstances?" + query, null));
    }

    void purge(long instanceId, boolean jobStoreOnly) {
        sendNamed("DELETE", "jobinstances/" + instanceId + (jobStoreOnly ? "?purgeJobStoreOnly=true" : ""), null);
    }

    /** The v4 bulk purge: one purge result per matching instance. */
    JsonArray purgeAll(String query) {
        return array(send("DELETE", "v4/jobinstances?" + query, null));
    }

    /** A job log as text or zip, streamed: {@code resource} is {@code jobinstances/<i>} or {@code jobexecutions/<e>}. */
    HttpResponse<InputStream> jobLog(String resource, String type) {
        return jobLogAnswer(resource + "/joblogs?type=" + type);
    }

    /**
     * A job log's text form as the execution writes it, from byte {@code offset} on; the answer ends when the
     * execution ends (for an instance: its latest execution).
     */
    HttpResponse<InputStream> followJobLog(String resource, long offset) {
        return jobLogAnswer(resource + "/joblogs?type=text&follow=true" + (offset > 0 ? "&offset=" + offset : ""));
    }

    private HttpResponse<InputStream> jobLogAnswer(String path) {
        HttpResponse<InputStream> response = exchange("GET", path, null, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw failure(response.statusCode(), body, true);
        }
        return response;
    }

    // ------------------------------------------------------------------------------------------- requests

    private static String restartBody(Map<String, String> parameters) {
        return Json.createObjectBuilder().add("jobParameters", Json.createObjectBuilder(
                new LinkedHashMap<String, Object>(parameters))).build().toString();
    }

    /** A request that names one instance or execution of the user's: 404 means that it does not exist (exit 23). */
    private String sendNamed(String method, String path, String json) {
        return send(method, path, json, true);
    }

    private String send(String method, String path, String json) {
        return send(method, path, json, false);
    }

    private String send(String method, String path, String json, boolean named) {
        HttpResponse<String> response = exchange(method, path, json,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body(), named);
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(String method, String path, String json, HttpResponse.BodyHandler<T> body) {
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path))
                    .timeout(timeout)
                    .header("Accept", "application/json, text/plain, application/zip")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (json != null) {
                request.header("Content-Type", "application/json; charset=utf-8");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                return http.send(request.build(), body);
            } catch (ConnectException | HttpConnectTimeoutException unreachable) {
                failOver(unreachable);
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "The request to the batch manager at " + targets.get(current)
                        + " failed: " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.ERROR, "Interrupted while calling the batch manager", e);
            }
        }
    }

    private void failOver(IOException unreachable) {
        String previous = targets.get(current);
        if (current + 1 >= targets.size()) {
            throw new CliException(ExitCodes.ERROR, "The batch manager at " + previous + " cannot be reached: "
                    + describe(unreachable), unreachable);
        }
        current++;
        output.info(Messages.FAILOVER, previous, targets.get(current), describe(unreachable));
    }

    /** {@code class:message}, as Liberty's utility reports failures, with the cause's message if there is none. */
    private static String describe(Throwable e) {
        String message = null;
        for (Throwable cause = e; cause != null && (message == null || message.isBlank()); cause = cause.getCause()) {
            message = cause.getMessage();
        }
        if ((message == null || message.isBlank()) && e instanceof ConnectException) {
            message = "Connection refused";
        }
        return e.getClass().getName() + ":" + Objects.toString(message, "");
    }

    /** The server's problem detail (or its body) and status, with exit code 23 for an unknown named resource. */
    private static CliException failure(int status, String body, boolean named) {
        String detail = body == null ? "" : body.strip();
        try (JsonReader reader = Json.createReader(new StringReader(detail))) {
            JsonObject problem = reader.readObject();
            detail = problem.getString("detail", problem.getString("title", detail));
        } catch (RuntimeException notProblemJson) {
            // keep the body as it is
        }
        String message = (detail.isEmpty() ? "" : detail + " ") + "(HTTP status " + status + ")";
        return new CliException(status == 404 && named ? ExitCodes.NOT_FOUND : ExitCodes.ERROR, message);
    }

    private static JsonObject object(String body) {
        JsonStructure json = parse(body);
        if (json instanceof JsonObject object) {
            return object;
        }
        throw new CliException(ExitCodes.ERROR, "The batch manager answered a JSON array where an object was expected");
    }

    private static JsonArray array(String body) {
        JsonStructure json = parse(body);
        if (json instanceof JsonArray array) {
            return array;
        }
        throw new CliException(ExitCodes.ERROR, "The batch manager answered a JSON object where an array was expected");
    }

    private static JsonStructure parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (JsonParsingException e) {
            throw new CliException(ExitCodes.ERROR, "The batch manager's answer is not JSON: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------- TLS

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code --trustSslCertificates}: no verification of the server's certificate at all, as documented. */
    private static SSLContext trustingContext() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustAll()}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
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
