package io.batchrest.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

import static io.batchrest.cluster.RequiredServerVariables.REST_URL;
import static io.batchrest.cluster.RequiredServerVariables.SERVER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequiredServerVariablesTest {

    private static Map<String, String> valid() {
        Map<String, String> variables = new HashMap<>();
        variables.put(REST_URL, "https://localhost:9443/ibm/api/batch");
        variables.put(SERVER_ID, "localhost//opt/wlp/usr/batchServer");
        return variables;
    }

    private static Optional<String> problem(Map<String, String> variables) {
        return RequiredServerVariables.problem(name -> Optional.ofNullable(variables.get(name)));
    }

    @Test
    void theDefaultsOfTheServerConfigurationPass() {
        assertEquals(Optional.empty(), problem(valid()));
    }

    @Test
    void aMissingRestUrlIsOneLineThatNamesTheVariableAndHowToSetIt() {
        Map<String, String> variables = valid();
        variables.remove(REST_URL);
        String message = problem(variables).orElseThrow();
        assertEquals("batch-rest is not started: The server variable batchrest.server.restUrl (this server's REST "
                + "root as other servers and clients reach it, e.g. https://host:9443/ibm/api/batch) is not set. "
                + "Set it with <variable name=\"batchrest.server.restUrl\" value=\"…\"/> in server.xml (the defaults "
                + "are in config/server/batch-rest.xml), with batchrest.server.restUrl=… in bootstrap.properties, or "
                + "with the environment variable BATCHREST_SERVER_RESTURL.", message);
        assertFalse(message.contains("\n"));
        assertFalse(message.contains(SERVER_ID));
    }

    @Test
    void aBlankValueIsMissing() {
        Map<String, String> variables = valid();
        variables.put(SERVER_ID, "  ");
        String message = problem(variables).orElseThrow();
        assertTrue(message.contains("The server variable batchrest.server.id ("), message);
        assertTrue(message.contains(") is not set."), message);
        assertTrue(message.contains("environment variable BATCHREST_SERVER_ID."), message);
        assertFalse(message.contains(REST_URL), message);
    }

    @Test
    void bothMissingAreNamedInOneLine() {
        String message = problem(Map.of()).orElseThrow();
        assertTrue(message.indexOf(REST_URL) < message.indexOf(SERVER_ID), message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void aValueThatRefersToAnUnsetVariableIsReported() {
        Map<String, String> variables = valid();
        variables.put(REST_URL, "https://${batchrest.server.host}:9443/ibm/api/batch");
        String message = problem(variables).orElseThrow();
        assertTrue(message.contains("batchrest.server.restUrl (") && message.contains("refers to a variable that is "
                + "not set: https://${batchrest.server.host}:9443/ibm/api/batch."), message);
    }

    @Test
    void aLookupThatCannotExpandTheValueIsReportedAsAnUnsetReference() {
        Function<String, Optional<String>> lookup = name -> {
            if (name.equals(SERVER_ID)) {
                throw new NoSuchElementException("cannot expand");
            }
            return Optional.ofNullable(valid().get(name));
        };
        String message = RequiredServerVariables.problem(lookup).orElseThrow();
        assertTrue(message.contains("batchrest.server.id (") && message.contains("refers to a variable that is not "
                + "set. Set it with"), message);
    }

    @Test
    void theRestUrlMustBeAnAbsoluteHttpUrlWithAHost() {
        for (String bad : new String[] {"localhost:9443/ibm/api/batch", "/ibm/api/batch", "ftp://host/x",
                "https:///ibm/api/batch", "https://host:94 43/"}) {
            Map<String, String> variables = valid();
            variables.put(REST_URL, bad);
            String message = problem(variables).orElseThrow(() -> new AssertionError(bad + " passed"));
            assertTrue(message.contains(" is " + bad + ", not an absolute https or http URL with a host."), message);
        }
        for (String good : new String[] {"https://host.example:9443/ibm/api/batch/", "http://10.0.0.1:9080/batch",
                "HTTPS://HOST/"}) {
            Map<String, String> variables = valid();
            variables.put(REST_URL, good);
            assertEquals(Optional.empty(), problem(variables), good);
        }
    }

    @Test
    void environmentNamesFollowLibertyAndMicroProfileConfig() {
        assertEquals("BATCHREST_SERVER_RESTURL", RequiredServerVariables.environmentName(REST_URL));
        assertEquals("BATCHREST_SERVER_ID", RequiredServerVariables.environmentName(SERVER_ID));
    }
}
