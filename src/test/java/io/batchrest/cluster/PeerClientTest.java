package io.batchrest.cluster;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.batchrest.UnitTestConfig;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.spi.BeanManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PeerClient} against a real HTTPS server on this machine, which stands for another server of the cluster:
 * what a forwarded request carries (README, "Several servers"), what comes back, and what happens when the other
 * server cannot be reached. The peer's certificate is made for the test and trusted through
 * {@code batchrest.peer.truststore}, as the servers of one installation trust each other's.
 */
class PeerClientTest {

    private static final String SECRET = "3f9c2a7d1e5b8c0f4a6d2e9b7c1f3a5d";
    private static final String SERVER_ID = "localhost//opt/wlp/usr/batchServer1";
    private static final String STORE_PASSWORD = "peer-test-password";

    /** The certificate every test trusts, and one it does not. */
    private static Path trustedStore;
    private static Path untrustedStore;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpsServer peer;

    /** What the peer received. */
    private record Received(String method, String path, String query, Headers headers, byte[] body) {

        /** The headers a forwarded request adds, without those of HTTP itself that the JDK's client always sends. */
        Set<String> forwardedHeaderNames() {
            return headers.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                    .filter(name -> !Set.of("host", "user-agent", "content-length").contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** What the peer answers. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    @BeforeAll
    static void certificates(@TempDir Path directory) throws Exception {
        trustedStore = selfSignedKeyStore(directory.resolve("trusted.p12"), "peer");
        untrustedStore = selfSignedKeyStore(directory.resolve("untrusted.p12"), "stranger");
    }

    @AfterEach
    void stopPeer() {
        if (peer != null) {
            peer.stop(0);
        }
        // The other unit tests read no setting.
        UnitTestConfig.install(Map.of());
    }

    @Test
    void aForwardedRequestCarriesTheMarkerTheSecretAndTheCallersCredentials() throws Exception {
        String url = startPeer(trustedStore, new Answer(200, Map.of("Content-Type", "text/plain; charset=UTF-8",
                "Content-Disposition", "attachment; filename=\"joblog.txt\""), "line 1\nline 2\n"))
                + "/ibm/api/batch/jobexecutions/7/joblogs?type=text&part=part.2.log";
        PeerClient client = client(inRequest(Map.of("Authorization", "Basic YWRtaW46YWRtaW4=",
                "Cookie", "LtpaToken2=abc123", "Accept", "text/plain", "X-Request-Id", "not forwarded")));

        HttpResponse<InputStream> answer = client.send("GET", url);

        assertEquals(200, answer.statusCode());
        assertEquals(Optional.of("text/plain; charset=UTF-8"), answer.headers().firstValue("Content-Type"));
        assertEquals(Optional.of("attachment; filename=\"joblog.txt\""),
                answer.headers().firstValue("Content-Disposition"));
        assertEquals("line 1\nline 2\n", read(answer));

        assertEquals(1, received.size());
        Received request = received.get(0);
        assertEquals("GET", request.method());
        assertEquals("/ibm/api/batch/jobexecutions/7/joblogs", request.path());
        assertEquals("type=text&part=part.2.log", request.query());
        assertEquals(new TreeSet<>(Set.of("x-batchrest-forwarded-by", "x-batchrest-peer-secret", "authorization",
                "cookie", "accept")), request.forwardedHeaderNames());
        assertEquals(List.of(SERVER_ID), request.headers().get(PeerClient.FORWARDED_BY));
        assertEquals(List.of(SECRET), request.headers().get(PeerSecret.HEADER));
        assertEquals(List.of("Basic YWRtaW46YWRtaW4="), request.headers().get("Authorization"));
        assertEquals(List.of("LtpaToken2=abc123"), request.headers().get("Cookie"));
        assertEquals(List.of("text/plain"), request.headers().get("Accept"));
        assertArrayEquals(new byte[0], request.body());
    }

    @Test
    void theMethodIsSentAsGivenWithoutABody() throws Exception {
        String url = startPeer(trustedStore, new Answer(204, Map.of(), ""));
        PeerClient client = client(inRequest(Map.of("Authorization", "Bearer token-1")));

        HttpResponse<InputStream> answer = client.send("DELETE", url + "/ibm/api/batch/jobinstances/12/joblogs");

        assertEquals(204, answer.statusCode());
        assertEquals("", read(answer));
        Received request = received.get(0);
        assertEquals("DELETE", request.method());
        assertEquals("/ibm/api/batch/jobinstances/12/joblogs", request.path());
        assertNull(request.query());
        assertEquals(new TreeSet<>(Set.of("x-batchrest-forwarded-by", "x-batchrest-peer-secret", "authorization")),
                request.forwardedHeaderNames());
        assertArrayEquals(new byte[0], request.body());
    }

    @Test
    void backgroundWorkSendsTheMarkerAndTheSecretButNoCredentials() throws Exception {
        String url = startPeer(trustedStore, new Answer(200, Map.of("Content-Type", "application/json"), "[]"));
        PeerClient client = client(outsideRequests());

        HttpResponse<InputStream> answer = client.send("GET", url + "/ibm/api/batch/jobinstances");

        assertEquals("[]", read(answer));
        Received request = received.get(0);
        assertEquals(new TreeSet<>(Set.of("x-batchrest-forwarded-by", "x-batchrest-peer-secret")),
                request.forwardedHeaderNames());
        assertEquals(List.of(SERVER_ID), request.headers().get(PeerClient.FORWARDED_BY));
        assertEquals(List.of(SECRET), request.headers().get(PeerSecret.HEADER));
    }

    @Test
    void anErrorOfThePeerIsPassedBackAsItCame() throws Exception {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}";
        String url = startPeer(trustedStore, new Answer(500, Map.of("Content-Type", "application/problem+json"),
                problem));
        PeerClient client = client(inRequest(Map.of()));

        HttpResponse<InputStream> answer = client.send("GET", url + "/ibm/api/batch/jobexecutions/7/joblogs");

        assertEquals(500, answer.statusCode());
        assertEquals(Optional.of("application/problem+json"), answer.headers().firstValue("Content-Type"));
        assertEquals(problem, read(answer));
        assertEquals(1, received.size());
    }

    @Test
    void aRedirectIsReturnedNotFollowed() throws Exception {
        String url = startPeer(trustedStore, new Answer(302, Map.of("Location", "/ibm/api/batch/elsewhere"), ""));
        PeerClient client = client(inRequest(Map.of()));

        HttpResponse<InputStream> answer = client.send("GET", url + "/ibm/api/batch/jobinstances/3");

        assertEquals(302, answer.statusCode());
        assertEquals(Optional.of("/ibm/api/batch/elsewhere"), answer.headers().firstValue("Location"));
        read(answer);
        assertEquals(List.of("/ibm/api/batch/jobinstances/3"), received.stream().map(Received::path).toList());
    }

    @Test
    void aPeerThatDoesNotListenIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PeerClient client = client(inRequest(Map.of()));
        String root = "https://127.0.0.1:" + closedPort + "/";

        PeerUnreachableException e = assertThrows(PeerUnreachableException.class,
                () -> client.send("GET", root + "ibm/api/batch/jobexecutions/7/joblogs?type=zip"));

        assertEquals(root, e.restUrl());
        assertInstanceOf(ConnectException.class, e.getCause());
        assertEquals("The server at " + root + " cannot be reached (" + e.getCause() + ").", e.getMessage());
    }

    @Test
    void aPeerWithAnUntrustedCertificateIsUnreachableAndGetsNoRequest() throws Exception {
        String url = startPeer(untrustedStore, new Answer(200, Map.of(), "secret data"));
        PeerClient client = client(inRequest(Map.of("Authorization", "Basic YWRtaW46YWRtaW4=")));

        PeerUnreachableException e = assertThrows(PeerUnreachableException.class,
                () -> client.send("GET", url + "/ibm/api/batch/jobinstances"));

        assertEquals(url + "/", e.restUrl());
        assertInstanceOf(SSLHandshakeException.class, e.getCause());
        assertEquals(List.of(), received);
    }

    @Test
    void withoutASecretNothingIsSent() throws Exception {
        String url = startPeer(trustedStore, new Answer(200, Map.of(), ""));
        for (String secret : new String[] {null, "   "}) {
            Map<String, String> settings = new HashMap<>(settings(trustedStore));
            settings.remove(PeerSecret.VARIABLE);
            if (secret != null) {
                settings.put(PeerSecret.VARIABLE, secret);
            }
            UnitTestConfig.install(settings);
            PeerClient client = peerClient(inRequest(Map.of("Authorization", "Basic YWRtaW46YWRtaW4=")));

            PeerSecretMissingException e = assertThrows(PeerSecretMissingException.class,
                    () -> client.send("GET", url + "/ibm/api/batch/jobexecutions/7/joblogs"));

            assertEquals("Part of the answer is on the server at " + url + "/, but this server cannot send it "
                    + "requests: the server variable batchrest.peer.secret, the secret that the servers of a cluster "
                    + "share, is not set here.", e.getMessage(), "secret " + secret);
        }
        assertEquals(List.of(), received);
    }

    @Test
    void aRequestIsForwardedOnlyWhenItsMarkerComesWithTheSecret() {
        UnitTestConfig.install(settings(trustedStore));
        Map<String, String> marked = Map.of(PeerClient.FORWARDED_BY, "server-2", PeerSecret.HEADER, SECRET);
        assertTrue(peerClient(inRequest(marked)).isForwardedRequest());
        assertFalse(PeerClient.hasForgedMarker(marked::get));

        Map<String, String> forged = Map.of(PeerClient.FORWARDED_BY, "server-2", PeerSecret.HEADER, SECRET + "0");
        assertFalse(peerClient(inRequest(forged)).isForwardedRequest());
        assertTrue(PeerClient.hasForgedMarker(forged::get));

        Map<String, String> unsigned = Map.of(PeerClient.FORWARDED_BY, "server-2");
        assertFalse(peerClient(inRequest(unsigned)).isForwardedRequest());
        assertTrue(PeerClient.hasForgedMarker(unsigned::get));

        Map<String, String> plain = Map.of(PeerSecret.HEADER, SECRET);
        assertFalse(peerClient(inRequest(plain)).isForwardedRequest());
        assertFalse(PeerClient.hasForgedMarker(plain::get));

        assertFalse(peerClient(outsideRequests()).isForwardedRequest());
    }

    @Test
    void aRestUrlEndsWithASlashAsARoot() {
        String root = "https://server-2:9443/ibm/api/batch/";
        assertEquals(root, PeerClient.restRoot("https://server-2:9443/ibm/api/batch"));
        assertEquals(root, PeerClient.restRoot(root));
    }

    /** A client configured as a server of a cluster: its id, the secret, and the trust store of the peers. */
    private static PeerClient client(Caller caller) {
        UnitTestConfig.install(settings(trustedStore));
        return peerClient(caller);
    }

    private static Map<String, String> settings(Path trustStore) {
        return Map.of("batchrest.server.id", SERVER_ID, PeerSecret.VARIABLE, SECRET,
                "batchrest.peer.truststore", trustStore.toString(), "batchrest.peer.truststorePassword",
                STORE_PASSWORD);
    }

    /** Wired as CDI wires it: the caller's headers, this server's identity, and the request context. */
    private static PeerClient peerClient(Caller caller) {
        PeerClient client = new PeerClient();
        client.headers = name -> Optional.ofNullable(caller.headers().get(name));
        client.identity = new ServerIdentity();
        client.beans = caller.beanManager();
        return client;
    }

    /** The thread's request, if it serves one, and its headers. */
    private record Caller(boolean inRequest, Map<String, String> headers) {

        /** Answers only {@code getContext(RequestScoped.class)}, as CDI does: active, or not active at all. */
        BeanManager beanManager() {
            Context requestContext = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
                    new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "isActive" -> true;
                        case "getScope" -> RequestScoped.class;
                        default -> throw new UnsupportedOperationException("Context." + method.getName());
                    });
            return (BeanManager) Proxy.newProxyInstance(BeanManager.class.getClassLoader(),
                    new Class<?>[] {BeanManager.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getContext") && args[0] == RequestScoped.class) {
                            if (!inRequest) {
                                throw new ContextNotActiveException("No active contexts for scope type "
                                        + RequestScoped.class.getName());
                            }
                            return requestContext;
                        }
                        throw new UnsupportedOperationException("BeanManager." + method.getName());
                    });
        }
    }

    private static Caller inRequest(Map<String, String> headers) {
        return new Caller(true, headers);
    }

    private static Caller outsideRequests() {
        return new Caller(false, Map.of());
    }

    /** Starts the peer on a free port of 127.0.0.1 with the certificate of {@code keyStore}; returns its root. */
    private String startPeer(Path keyStore, Answer answer) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        peer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.setHttpsConfigurator(new HttpsConfigurator(tls));
        peer.createContext("/", exchange -> answer(exchange, answer));
        peer.start();
        return "https://127.0.0.1:" + peer.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, Answer answer) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), copy(exchange.getRequestHeaders()), body));
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] content = answer.body().getBytes(StandardCharsets.UTF_8);
            boolean empty = content.length == 0;
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : content.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        copy.putAll(headers);
        return copy;
    }

    private static String read(HttpResponse<InputStream> answer) throws IOException {
        try (InputStream body = answer.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A PKCS12 key store with a new self-signed certificate for 127.0.0.1, made by the JDK's keytool: what a server's
     * own keystore holds, and, as the peers' trust store, what a server trusts.
     */
    private static Path selfSignedKeyStore(Path file, String alias) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", STORE_PASSWORD, "-keypass",
                STORE_PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool ends");
        assertEquals(0, process.exitValue(), output);
        return file;
    }
}
