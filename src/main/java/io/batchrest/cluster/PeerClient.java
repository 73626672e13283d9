package io.batchrest.cluster;

import io.batchrest.model.JobExecutionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTPS calls to the other servers of a shared job repository, made on behalf of the caller of the current request:
 * they carry the caller's own credentials (the {@code Authorization} header, or the SSO cookie), so the other server
 * applies the same roles. The other servers' certificates are trusted through a trust store,
 * {@code batchrest.peer.truststore} (default: this server's own keystore, which servers of one installation share).
 * A forwarded request is marked, and a marked request is never forwarded again, so two servers that disagree about
 * where something is cannot pass a request back and forth. The marker counts only with the secret that the servers
 * of the cluster share ({@link PeerSecret}), which every forwarded request carries: a client could otherwise mark its
 * own request to have it answered from one server's files alone.
 */
@ApplicationScoped
public class PeerClient {

    /** Marks a request forwarded by another server; its value is that server's id. */
    public static final String FORWARDED_BY = "X-BatchRest-Forwarded-By";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    CallerHeaders headers;

    @Inject
    ServerIdentity identity;

    @Inject
    BeanManager beans;

    private volatile HttpClient client;

    /** Whether the current request was forwarded by another server of the cluster: marked, with the secret. */
    public boolean isForwardedRequest() {
        return isForwarded(name -> header(name).orElse(null));
    }

    /** Whether a request with these headers (a header's value, or null) is marked as forwarded, with the secret. */
    public static boolean isForwarded(Function<String, String> header) {
        return header.apply(FORWARDED_BY) != null && PeerSecret.accepts(header.apply(PeerSecret.HEADER));
    }

    /**
     * Whether a request with these headers (a header's value, or null) is marked as forwarded without the cluster's
     * secret: it comes from no server.
     */
    public static boolean hasForgedMarker(Function<String, String> header) {
        return header.apply(FORWARDED_BY) != null && !PeerSecret.accepts(header.apply(PeerSecret.HEADER));
    }

    /**
     * Whether this server answers the current request for an execution: it runs or ran it, or another server
     * forwarded the request here (which is then carried out here, so it cannot travel on).
     */
    public boolean answersHere(JobExecutionRecord execution) {
        return identity.isThisServer(execution.serverId()) || isForwardedRequest();
    }

    /**
     * The other server that answers the current request for an execution, or empty if this server does.
     *
     * @param what what the request is about, e.g. "Job execution 7"
     */
    public Optional<Elsewhere> elsewhere(JobExecutionRecord execution, String what) {
        return answersHere(execution) ? Optional.empty()
                : Optional.of(new Elsewhere(execution.restUrl(), what));
    }

    /** A recorded REST root (stored without a trailing slash) as the root of URLs below it. */
    static String restRoot(String restUrl) {
        return restUrl.endsWith("/") ? restUrl : restUrl + "/";
    }

    /**
     * Sends a request to another server as the current caller, or, on a thread that serves no request (a purge in the
     * background), with the cluster's secret alone, which the other server accepts for nothing but the deletion of an
     * instance's log files (README, "Several servers"); the body of the answer is left to the caller to read
     * (and close). Fails with {@link PeerUnreachableException} if that server does not answer, and with
     * {@link PeerSecretMissingException}, before sending anything, if this server has no secret to send.
     */
    public HttpResponse<InputStream> send(String method, String url) {
        String secret = PeerSecret.configured().orElseThrow(() -> new PeerSecretMissingException(rootOf(url)));
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header(FORWARDED_BY, identity.serverId())
                .header(PeerSecret.HEADER, secret);
        copyHeader("Authorization", call);
        copyHeader("Cookie", call);
        copyHeader("Accept", call);
        try {
            return client().send(call.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new PeerUnreachableException(rootOf(url), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnreachableException(rootOf(url), e);
        }
    }

    private void copyHeader(String name, HttpRequest.Builder call) {
        header(name).ifPresent(value -> call.header(name, value));
    }

    /** A header of the request this thread serves; none on a thread that serves no request. */
    private Optional<String> header(String name) {
        return inRequest() ? headers.get(name) : Optional.empty();
    }

    /**
     * Whether this thread serves a request. Background work (retention, README "Retention") has none: it is not
     * forwarded, and it has no caller whose credentials it could send.
     */
    private boolean inRequest() {
        try {
            return beans.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }

    private static String rootOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/";
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER).sslContext(trustingPeers()).build();
                }
                current = client;
            }
        }
        return current;
    }

    private static SSLContext trustingPeers() {
        var config = ConfigProvider.getConfig();
        Path store = Path.of(config.getOptionalValue("batchrest.peer.truststore", String.class)
                .orElseThrow(() -> new IllegalStateException("batchrest.peer.truststore is not set")));
        char[] password = config.getOptionalValue("batchrest.peer.truststorePassword", String.class).orElse("")
                .toCharArray();
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The trust store for other servers, " + store + ", cannot be read", e);
        }
    }
}
