package io.batchrest.cli;

import picocli.CommandLine.Option;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** How to reach the batch manager: the options every command but {@code help} has. */
final class ConnectionOptions {

    @Option(names = "--batchManager", required = true, split = ",", paramLabel = "host:port[,host2:port2...]",
            hideParamSyntax = true,
            description = {"The host and port of the batch manager REST API. You can specify multiple targets for "
                    + "high availability and fail-over. Targets are delimited by a comma ','."})
    List<String> batchManagers = new ArrayList<>();

    @Option(names = "--user", paramLabel = "username",
            description = "The username for logging in to the batch manager.")
    String user;

    @Option(names = "--password", paramLabel = "pwd", arity = "0..1", fallbackValue = "",
            description = "The password for logging in to the batch manager. If no value is defined you will be "
                    + "prompted.")
    String password;

    @Option(names = "--httpTimeout_s", paramLabel = "seconds", defaultValue = "30",
            description = "The timeout in seconds applied to HTTP requests made from the utility to the batch "
                    + "manager REST API, for both connect and read. Default: ${DEFAULT-VALUE}.")
    int httpTimeoutSeconds;

    @Option(names = "--trustSslCertificates",
            description = "Trust all SSL certificates: the batch manager's certificate is not verified. Without it "
                    + "the JVM's trust store applies (e.g. JVM_ARGS=\"-Djavax.net.ssl.trustStore=…\").")
    boolean trustSslCertificates;

    BatchRestClient client(Output output) {
        List<String> targets = new ArrayList<>();
        for (String target : batchManagers) {
            String trimmed = target.strip();
            if (trimmed.isEmpty() || trimmed.contains("/") || trimmed.contains("@")) {
                throw CliException.invalidValue("--batchManager", String.join(",", batchManagers), "[host]:[port],…");
            }
            if (!targets.contains(trimmed)) {
                targets.add(trimmed);
            }
        }
        if (targets.isEmpty()) {
            throw CliException.missingArgument("--batchManager");
        }
        if (httpTimeoutSeconds <= 0) {
            throw CliException.invalidValue("--httpTimeout_s", String.valueOf(httpTimeoutSeconds),
                    "a positive number of seconds");
        }
        return new BatchRestClient(targets, authorization(), Duration.ofSeconds(httpTimeoutSeconds),
                trustSslCertificates, output);
    }

    /** HTTP Basic for {@code --user}; the password is asked for on the console when it is not given. */
    private String authorization() {
        if (user == null || user.isEmpty()) {
            return null;
        }
        String secret = password;
        if (secret == null || secret.isEmpty()) {
            Console console = System.console();
            if (console == null) {
                throw new CliException(ExitCodes.ERROR, Messages.CONSOLE_NOT_AVAILABLE);
            }
            char[] typed = console.readPassword("Password: ");
            secret = typed == null ? "" : new String(typed);
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
