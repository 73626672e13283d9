package io.batchrest.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerSecretTest {

    private static final String SECRET = "3f9c2a7d1e5b8c0f4a6d2e9b7c1f3a5d";

    @Test
    void onlyTheSameSecretMatches() {
        assertTrue(PeerSecret.matches(SECRET, SECRET));
        assertTrue(PeerSecret.matches(SECRET, new String(SECRET.toCharArray())));
        assertFalse(PeerSecret.matches(SECRET, SECRET.substring(0, SECRET.length() - 1)), "a prefix");
        assertFalse(PeerSecret.matches(SECRET, SECRET + "0"), "longer");
        assertFalse(PeerSecret.matches(SECRET, SECRET.toUpperCase()), "case counts");
        assertFalse(PeerSecret.matches(SECRET, " " + SECRET), "no trimming");
        assertFalse(PeerSecret.matches(SECRET, ""));
        assertFalse(PeerSecret.matches(SECRET, null));
    }

    @Test
    void noSecretIsFineForASingleServer() {
        assertEquals(Optional.empty(), PeerSecret.problem(name -> Optional.empty()));
        assertEquals(Optional.empty(), PeerSecret.problem(name -> Optional.of("  ")));
        assertEquals(Optional.empty(), PeerSecret.problem(name -> Optional.ofNullable(Map.of(PeerSecret.VARIABLE,
                SECRET).get(name))));
    }

    @Test
    void aShortSecretStopsTheStartAndIsNotRepeated() {
        String message = PeerSecret.problem(name -> Optional.of("guessable")).orElseThrow();
        assertEquals("batch-rest is not started: The server variable batchrest.peer.secret (the secret that the "
                + "servers of a cluster share) has 9 characters; it needs at least 16, e.g. the output of: openssl "
                + "rand -hex 32. Set the same value on every server of the cluster, or leave it unset on a single "
                + "server. Set it with <variable name=\"batchrest.peer.secret\" value=\"…\"/> in server.xml (the "
                + "defaults are in config/server/batch-rest.xml), with batchrest.peer.secret=… in "
                + "bootstrap.properties, or with the environment variable BATCHREST_PEER_SECRET.", message);
        assertFalse(message.contains("guessable"));
        assertEquals(Optional.empty(), PeerSecret.problem(name -> Optional.of("0123456789abcdef")), "16 suffice");
    }

    @Test
    void aSecretThatRefersToAMissingVariableStopsTheStart() {
        assertTrue(PeerSecret.problem(name -> Optional.of("${cluster.secret}")).orElseThrow()
                .startsWith("batch-rest is not started: The server variable batchrest.peer.secret (the secret that "
                        + "the servers of a cluster share) refers to a variable that is not set. "));
        assertTrue(PeerSecret.problem(name -> {
            throw new NoSuchElementException(name);
        }).orElseThrow().contains("refers to a variable that is not set."));
    }
}
