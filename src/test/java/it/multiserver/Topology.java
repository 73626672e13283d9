package it.multiserver;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The topology that {@code scripts/topology up} starts for these tests: nginx in front of batch-rest servers
 * {@code batchrest1..N} sharing one PostgreSQL job repository. URLs come from the build (system properties).
 */
final class Topology {

    /** nginx, the address users call. */
    static final String BALANCER = System.getProperty("batchrest.topology.url", BatchApi.ROOT);
    /** The API roots of the servers behind it, in the order of their names: batchrest{i} on HTTPS port base + i. */
    static final List<String> SERVERS = java.util.stream.IntStream
            .rangeClosed(1, Integer.getInteger("batchrest.topology.servers", 3))
            .mapToObj(i -> "https://localhost:" + (Integer.getInteger("batchrest.topology.https.base", 9450) + i)
                    + BatchApi.CONTEXT_ROOT + "/")
            .toList();
    private static final Path SCRIPT = Path.of("scripts", "topology").toAbsolutePath();

    static final BatchApi ADMIN = BatchApi.as("admin");

    private Topology() {
    }

    /** The name of server {@code index} (0-based): batchrest1, batchrest2, … */
    static String serverName(int index) {
        return "batchrest" + (index + 1);
    }

    /** The index of the server with this REST root, as an execution records it (no trailing slash). */
    static int indexOf(String restUrl) {
        String root = restUrl.endsWith("/") ? restUrl : restUrl + "/";
        int index = SERVERS.indexOf(root);
        if (index < 0) {
            throw new AssertionError("Not a server of the topology: " + restUrl + " (servers: " + SERVERS + ")");
        }
        return index;
    }

    /** GET /health/ready of the server with this API root, without credentials (Liberty serves it outside the API). */
    static ApiResponse readiness(String root) {
        java.net.URI api = java.net.URI.create(root);
        return BatchApi.anonymous().getUrl(api.getScheme() + "://" + api.getAuthority() + "/health/ready");
    }

    /** Submits a sample job through {@code root} and returns its instance id. */
    static long submit(String root, String jobXmlName, Map<String, String> parameters) {
        ApiResponse response = ADMIN.postJson(root + "jobinstances", Jobs.submission(jobXmlName, parameters));
        assertEquals(201, response.status(), () -> "submit through " + root + ": " + response);
        return response.object().getJsonNumber("instanceId").longValue();
    }

    static JsonObject instance(String root, long instanceId) {
        ApiResponse response = ADMIN.get(root + "jobinstances/" + instanceId);
        assertEquals(200, response.status(), response::toString);
        return response.object();
    }

    /** The latest execution of an instance once it has the given batch status. */
    static JsonObject awaitLatestExecution(String root, long instanceId, String batchStatus, int seconds) {
        return awaitFor(seconds, () -> {
            ApiResponse executions = ADMIN.get(root + "jobinstances/" + instanceId + "/jobexecutions");
            if (executions.status() != 200 || executions.array().isEmpty()) {
                return null;
            }
            JsonObject latest = executions.array().getJsonObject(0);
            return batchStatus.equals(latest.getString("batchStatus")) ? latest : null;
        }, "instance " + instanceId + " to have a latest execution " + batchStatus);
    }

    static JsonObject awaitFinal(String root, long instanceId) {
        return awaitFor(90, () -> {
            JsonObject instance = ADMIN.get(root + "jobinstances/" + instanceId).object();
            return Jobs.FINAL_STATES.contains(instance.getString("instanceState")) ? instance : null;
        }, "instance " + instanceId + " to reach a final state");
    }

    static <T> T awaitFor(int seconds, java.util.function.Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            T value;
            try {
                value = probe.get();
            } catch (RuntimeException notYet) {
                value = null;
            }
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + seconds + " s waiting for " + what);
            }
            sleep(250);
        }
    }

    /**
     * Kills server {@code index} the hard way (SIGKILL), as a crash would: the process in the pid file Liberty keeps
     * for it in this checkout's install, not a server of the same name of another checkout.
     */
    static void kill(int index) {
        Path pidFile = SCRIPT.getParent().getParent()
                .resolve(Path.of("target", "liberty", "wlp", "usr", "servers", ".pid", serverName(index) + ".pid"));
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("No pid of server " + serverName(index) + " in " + pidFile, e);
        }
        ProcessHandle server = ProcessHandle.of(pid)
                .filter(process -> process.info().commandLine().map(line -> line.contains("ws-server.jar"))
                        .orElse(false))
                .orElseThrow(() -> new AssertionError("Server " + serverName(index) + " (pid " + pid + ") is not "
                        + "running"));
        server.destroyForcibly();
        awaitFor(30, () -> server.isAlive() ? null : true, serverName(index) + " to die");
    }

    /** Starts server {@code index} again and waits until it answers. */
    static void start(int index) {
        run("start-server", Integer.toString(index + 1));
    }

    /** Stops or starts the PostgreSQL server of the topology. */
    static void database(String action) {
        run("database", action);
    }

    private static void run(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(command + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError(command + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(command + " interrupted", e);
        }
    }

    /** A GET as admin whose body is kept as bytes (logs, zips). */
    static java.net.http.HttpResponse<byte[]> sendForBytes(String url) {
        try {
            return java.net.http.HttpClient.newBuilder().sslContext(BatchApi.tls())
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(ADMIN.request(url).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
