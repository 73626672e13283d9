package io.batchrest.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The secret that the servers of one cluster share (server variable {@code batchrest.peer.secret}, README "Several
 * servers"): a server sends it with every request it forwards ({@link PeerClient}), and a request marked as forwarded
 * is answered from this server's own files only when it carries the same secret. Without it, any client that reaches
 * a server directly could mark its request and, for example, have a purge leave the other servers' log files behind.
 *
 * <p>Not required: a single server never forwards, so it needs none, and it refuses every marked request. A secret
 * that is set must be at least {@value #MINIMUM_LENGTH} characters long ({@link #problem}, checked at start-up).
 */
public final class PeerSecret {

    public static final String VARIABLE = "batchrest.peer.secret";
    /** The header that carries the secret from server to server. */
    public static final String HEADER = "X-BatchRest-Peer-Secret";
    static final int MINIMUM_LENGTH = 16;

    private PeerSecret() {
    }

    /** This server's secret; empty when none is set (a single server). */
    public static Optional<String> configured() {
        return ServerIdentity.configured(VARIABLE).filter(secret -> !secret.isBlank());
    }

    /** Whether {@code presented} (a header's value, may be null) is this server's secret. */
    public static boolean accepts(String presented) {
        return configured().map(secret -> matches(secret, presented)).orElse(false);
    }

    /**
     * Compares in constant time: both sides are hashed first, so neither the position of the first difference nor
     * the secret's length shows in how long the comparison takes.
     */
    static boolean matches(String secret, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * What is wrong with the secret, if one is set, as one line for the start-up check ({@link ServerVariablesCheck});
     * empty when it is fine or not set. {@code lookup} answers a variable's value, as for
     * {@link RequiredServerVariables#problem}.
     */
    public static Optional<String> problem(Function<String, Optional<String>> lookup) {
        String what = "The server variable " + VARIABLE + " (the secret that the servers of a cluster share)";
        Optional<String> value;
        try {
            value = lookup.apply(VARIABLE);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            return Optional.of(refusal(what + " refers to a variable that is not set."));
        }
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        if (value.get().contains("${")) {
            return Optional.of(refusal(what + " refers to a variable that is not set."));
        }
        if (value.get().length() < MINIMUM_LENGTH) {
            return Optional.of(refusal(what + " has " + value.get().length() + " characters; it needs at least "
                    + MINIMUM_LENGTH + ", e.g. the output of: openssl rand -hex 32."));
        }
        return Optional.empty();
    }

    private static String refusal(String problem) {
        return "batch-rest is not started: " + problem + " Set the same value on every server of the cluster, or "
                + "leave it unset on a single server. " + RequiredServerVariables.howToSet(VARIABLE);
    }
}
