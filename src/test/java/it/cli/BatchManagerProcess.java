package it.cli;

import it.support.BatchApi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real command-line client run as a process of its own against the test server, with its standard output and error
 * collected line by line: this project's ({@code java -jar target/batch-rest-cli.jar …}) or Open Liberty's own
 * {@code bin/batchManager} script of the Liberty install the build creates.
 */
final class BatchManagerProcess {

    static final Path JAR = Path.of(System.getProperty("batchrest.cli.jar", "target/batch-rest-cli.jar"));
    /** Open Liberty's batchManager script, in the Liberty install of the test server. */
    static final Path LIBERTY_SCRIPT = Path.of(System.getProperty("batchrest.liberty.batchManager",
            "target/liberty/wlp/bin/batchManager"));
    /** The test server as --batchManager names it. */
    static final String SERVER = "localhost:" + BatchApi.HTTPS_PORT;
    /** The prefix of every message line: Liberty's timestamp. */
    static final String TIMESTAMP = "\\[\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [+-]\\d{4}] ";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final Thread outReader;
    private final Thread errReader;

    private BatchManagerProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out);
        this.errReader = collect(process.getErrorStream(), err);
    }

    /** What a finished run printed, and its exit code. */
    record Result(int exitCode, List<String> out, List<String> err) {
        String outText() {
            return String.join("\n", out);
        }

        @Override
        public String toString() {
            return "exit code " + exitCode + "\n--- stdout\n" + String.join("\n", out) + "\n--- stderr\n"
                    + String.join("\n", err);
        }
    }

    /** The options that connect to the test server as the given development user. */
    static List<String> connectAs(String user) {
        return List.of("--batchManager=" + SERVER, "--user=" + user, "--password=" + user + "pwd",
                "--trustSslCertificates");
    }

    /** Runs the client with these arguments to its end. */
    static Result run(List<String> args) {
        return start(args, null).finish();
    }

    /** Starts the client in the given working directory (null: the build's). */
    static BatchManagerProcess start(List<String> args, Path workingDirectory) {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(args);
        return launch(command, workingDirectory);
    }

    /** Runs Open Liberty's batchManager with these arguments to its end. */
    static Result runLiberty(List<String> args) {
        return startLiberty(args, null).finish();
    }

    /** Starts Open Liberty's batchManager in the given working directory (null: the build's). */
    static BatchManagerProcess startLiberty(List<String> args, Path workingDirectory) {
        assertTrue(Files.isExecutable(LIBERTY_SCRIPT), LIBERTY_SCRIPT + " comes with the Liberty install that the "
                + "build creates for the test server");
        List<String> command = new ArrayList<>();
        command.add(LIBERTY_SCRIPT.toAbsolutePath().toString());
        command.addAll(args);
        return launch(command, workingDirectory);
    }

    private static BatchManagerProcess launch(List<String> command, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command);
        // Liberty's script starts the Java named by JAVA_HOME: the tests' own Java 17, not whatever the PATH has.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            return new BatchManagerProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a standard output line that matches, and answers the match. */
    Matcher awaitOutLine(Pattern pattern) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (out) {
                for (String line : out) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.matches()) {
                        return matcher;
                    }
                }
            }
            if (!process.isAlive() && !outReader.isAlive()) {
                fail("The client ended without printing a line matching " + pattern + ":\n" + snapshot());
            }
            pause();
        }
        throw new AssertionError("No line matching " + pattern + " within " + TIMEOUT + ":\n" + snapshot());
    }

    /** Waits until some standard error line satisfies the condition. */
    void awaitErrLine(Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (err) {
                if (err.stream().anyMatch(condition)) {
                    return;
                }
            }
            pause();
        }
        throw new AssertionError("No stderr line " + what + ":\n" + snapshot());
    }

    /**
     * Sends SIGTERM, as a scheduler or Ctrl-C would end the client. Through the process handle: {@link Process#destroy}
     * would also close this side's pipes, and the lines the client prints while it shuts down would be lost. A
     * launcher script's children get it instead of the script: Liberty's script runs its Java as a child, which a
     * signal to the script would not reach, and ends with that Java's exit code.
     */
    void terminate() {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        if (children.isEmpty()) {
            process.toHandle().destroy();
        } else {
            children.forEach(ProcessHandle::destroy);
        }
    }

    /** Waits for the end of the process and of its output. */
    Result finish() {
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("The client did not end within " + TIMEOUT + ":\n" + snapshot());
            }
            outReader.join(TIMEOUT.toMillis());
            errReader.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Result(process.exitValue(), List.copyOf(out), List.copyOf(err));
    }

    private String snapshot() {
        return "--- stdout\n" + String.join("\n", List.copyOf(out)) + "\n--- stderr\n"
                + String.join("\n", List.copyOf(err));
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "batchManager-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A localhost port that nothing listens on: bound once, then released. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
