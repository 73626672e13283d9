package io.batchrest.api;

import io.batchrest.UnitTestConfig;
import io.batchrest.cluster.PeerClient;
import io.batchrest.cluster.PeerSecret;
import io.batchrest.security.CallerScope;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which requests another server may send without a user: the deletion of an instance's log files, nothing else. */
class ClusterLogDeletionTest {

    private static final String SECRET = "the-cluster-secret-0123456789";

    @BeforeEach
    void aClusterSecret() {
        UnitTestConfig.install(Map.of(PeerSecret.VARIABLE, SECRET));
    }

    @AfterEach
    void noSettings() {
        UnitTestConfig.install(Map.of());
    }

    @Test
    void aMarkedDeleteOfAnInstancesLogsWithTheSecretAndNoCredentialsIsAdmittedInEveryVersion() {
        for (String path : new String[] {"/jobinstances/42/joblogs", "/v1/jobinstances/42/joblogs",
                "/v4/jobinstances/42/joblogs", "/jobinstances/42/joblogs/"}) {
            HttpServletRequest request = request("DELETE", path, peerHeaders(SECRET));
            assertTrue(ClusterLogDeletion.admit(request), path);
            assertTrue(ClusterLogDeletion.admitted(request), path);
        }
    }

    @Test
    void everythingElseNeedsAUser() {
        Map<String, String> peer = peerHeaders(SECRET);
        assertRefused("GET", "/jobinstances/42/joblogs", peer);
        assertRefused("DELETE", "/jobinstances/42", peer);
        assertRefused("DELETE", "/jobinstances", peer);
        assertRefused("DELETE", "/jobinstances/abc/joblogs", peer);
        assertRefused("DELETE", "/jobinstances/42/joblogs/x", peer);
        assertRefused("DELETE", "/v5/jobinstances/42/joblogs", peer);
        assertRefused("PUT", "/jobinstances/42/joblogs", peer);

        assertRefused("DELETE", "/jobinstances/42/joblogs", peerHeaders("another-secret-0123456789"));
        assertRefused("DELETE", "/jobinstances/42/joblogs", Map.of(PeerSecret.HEADER, SECRET));
        assertRefused("DELETE", "/jobinstances/42/joblogs", Map.of(PeerClient.FORWARDED_BY, "server-2"));

        Map<String, String> withCredentials = new HashMap<>(peer);
        withCredentials.put("Authorization", "Basic YWRtaW46YWRtaW5wd2Q=");
        assertRefused("DELETE", "/jobinstances/42/joblogs", withCredentials);
        Map<String, String> withCookie = new HashMap<>(peer);
        withCookie.put("Cookie", "LtpaToken2=abc");
        assertRefused("DELETE", "/jobinstances/42/joblogs", withCookie);
    }

    @Test
    void aServerWithoutASecretAdmitsNothing() {
        UnitTestConfig.install(Map.of());
        assertRefused("DELETE", "/jobinstances/42/joblogs", peerHeaders(SECRET));
        assertRefused("DELETE", "/jobinstances/42/joblogs", peerHeaders(""));
    }

    @Test
    void theClusterMayActOnEveryInstanceAndNamesItselfInMessages() {
        CallerScope cluster = CallerScope.cluster();
        cluster.requireAct("purge", 42, "someone");
        assertEquals("(another server of the cluster)", cluster.user());
    }

    private static void assertRefused(String method, String path, Map<String, String> headers) {
        HttpServletRequest request = request(method, path, headers);
        assertFalse(ClusterLogDeletion.admit(request), method + " " + path + " " + headers.keySet());
        assertFalse(ClusterLogDeletion.admitted(request), method + " " + path);
    }

    private static Map<String, String> peerHeaders(String secret) {
        return Map.of(PeerClient.FORWARDED_BY, "server-2", PeerSecret.HEADER, secret);
    }

    /** A request of the API's servlet (mapped to /*): an empty servlet path, the path below the root as path info. */
    private static HttpServletRequest request(String method, String pathInfo, Map<String, String> headers) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> "";
                    case "getPathInfo" -> pathInfo;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }
}
