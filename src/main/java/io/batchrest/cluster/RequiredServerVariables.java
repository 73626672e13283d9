package io.batchrest.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server variables without which this server cannot run a single job, checked once when the application starts
 * ({@link ServerVariablesCheck}). Every execution records {@code batchrest.server.restUrl} and
 * {@code batchrest.server.id} as it starts; without them every job would fail as it starts, with one failure report
 * per job, instead of the server saying once what is missing.
 *
 * <p>The other settings are not required: the job-log and idempotency settings have defaults in the code, and the
 * trust store for other servers ({@code batchrest.peer.truststore}) and the secret they share
 * ({@link PeerSecret}) are needed only when requests travel between servers, which a single server never does.
 */
public final class RequiredServerVariables {

    public static final String REST_URL = "batchrest.server.restUrl";
    public static final String SERVER_ID = "batchrest.server.id";

    private RequiredServerVariables() {
    }

    /**
     * What is wrong with the required variables, as one line that names each variable and says how to set it;
     * empty when nothing is. {@code lookup} answers a variable's value (empty when it is not set); it may throw
     * {@link NoSuchElementException} for a value that refers to a variable that is not set.
     */
    public static Optional<String> problem(Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        check(lookup, REST_URL, "this server's REST root as other servers and clients reach it",
                "https://host:9443/ibm/api/batch", problems);
        check(lookup, SERVER_ID, "this server's id among the servers that share the job repository",
                "host//opt/wlp/usr/batchServer", problems);
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("batch-rest is not started: " + String.join(" ", problems));
    }

    /** The message for a required variable that is missing after start-up after all (an override removed it). */
    public static String missing(String name) {
        return "The server variable " + name + " is not set. " + howToSet(name);
    }

    private static void check(Function<String, Optional<String>> lookup, String name, String meaning,
            String example, List<String> problems) {
        String what = "The server variable " + name + " (" + meaning + ", e.g. " + example + ")";
        Optional<String> value;
        try {
            value = lookup.apply(name);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            problems.add(what + " refers to a variable that is not set. " + howToSet(name));
            return;
        }
        if (value.isEmpty() || value.get().isBlank()) {
            problems.add(what + " is not set. " + howToSet(name));
        } else if (value.get().contains("${")) {
            problems.add(what + " refers to a variable that is not set: " + value.get() + ". " + howToSet(name));
        } else if (name.equals(REST_URL) && !isServerUrl(value.get())) {
            problems.add(what + " is " + value.get() + ", not an absolute https or http URL with a host. "
                    + howToSet(name));
        }
    }

    static String howToSet(String name) {
        return "Set it with <variable name=\"" + name + "\" value=\"…\"/> in server.xml (the defaults are in "
                + "config/server/batch-rest.xml), with " + name + "=… in bootstrap.properties, or with the "
                + "environment variable " + environmentName(name) + ".";
    }

    private static boolean isServerUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The environment variable that Liberty and MicroProfile Config both read for a server variable. */
    static String environmentName(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
