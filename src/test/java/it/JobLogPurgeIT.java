package it;

import it.JobLogServingIT.Run;
import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.JsonShapes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static it.JobLogServingIT.executionLinks;
import static it.JobLogServingIT.fetch;
import static it.JobLogServingIT.filesOnDisk;
import static it.JobLogServingIT.finished;
import static it.JobLogServingIT.latestRun;
import static it.JobLogServingIT.linkLines;
import static it.JobLogServingIT.readBytes;
import static it.JobLogServingIT.zipEntries;
import static it.support.BatchApi.ROOT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What purge does to job log files (docs/contract.md §7, §8, §3): a purge deletes an instance's files and directories
 * before its rows, {@code purgeJobStoreOnly} leaves the files, {@code DELETE …/joblogs} deletes only the files, bulk
 * purge deletes the files of every purged instance, and whoever may not purge deletes nothing. The files are checked on
 * the server's disk, which the test JVM shares.
 */
class JobLogPurgeIT {

    private static final BatchApi ADMIN = BatchApi.as("admin");

    @Test
    void purgeRemovesTheInstanceDirectoryAndTheDateDirectoryOnlyOnceItIsEmpty() {
        // A job name of its own, so that this test alone decides what its date directory holds.
        String jobName = "logPurge" + UUID.randomUUID().toString().replace("-", "");
        long restarted = Jobs.submitInline(jobName, Map.of("forceFailure", "true", "logLines", "1"));
        long remaining = Jobs.submitInline(jobName, Map.of("logLines", "3"));
        Run failed = finished(restarted, "FAILED");
        ApiResponse restart = ADMIN.putJson("jobinstances/" + restarted + "?action=restart",
                "{\"jobParameters\":{\"forceFailure\":\"false\",\"sleepSeconds\":\"0\"}}");
        assertEquals(200, restart.status(), restart::toString);
        assertEquals("COMPLETED", Jobs.awaitFinal(restarted).getString("instanceState"));
        Run completed = latestRun(restarted);
        Run other = finished(remaining, "COMPLETED");
        Path instanceDirectory = failed.directory().getParent();
        Path dateDirectory = instanceDirectory.getParent();
        assertEquals(dateDirectory, other.directory().getParent().getParent(),
                "both instances started seconds apart, on the same server day (unless midnight fell in between)");
        assertEquals(instanceDirectory, completed.directory().getParent());
        assertEquals(List.of("execution." + completed.executionId() + "/part.1.log",
                "execution." + failed.executionId() + "/part.1.log").stream().sorted().toList(),
                filesOnDisk(instanceDirectory));
        assertEquals(Set.of("instance." + restarted, "instance." + remaining), children(dateDirectory));
        byte[] otherLog = readBytes(other.file("part.1.log"));

        ApiResponse purge = ADMIN.delete("jobinstances/" + restarted);

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertFalse(Files.exists(instanceDirectory), "the instance directory is removed");
        assertEquals(Set.of("instance." + remaining), children(dateDirectory), "the date directory stays");
        assertArrayEquals(otherLog, readBytes(other.file("part.1.log")), "the other instance's log is untouched");
        assertEquals(404, ADMIN.get("jobinstances/" + restarted).status());
        JsonShapes.assertProblem(fetch("admin", "jobexecutions/" + completed.executionId() + "/joblogs").api(), 404);

        ApiResponse last = ADMIN.delete("jobinstances/" + remaining);

        assertEquals(200, last.status(), last::toString);
        assertFalse(Files.exists(other.directory().getParent()), "the instance directory is removed");
        assertFalse(Files.exists(dateDirectory), "the date directory is removed once it is empty");
    }

    @Test
    void purgeJobStoreOnlyKeepsTheFilesButTheRowsAreGone() {
        Run run = finished(Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "2", "logLines", "1")),
                "COMPLETED");
        List<String> files = List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log");
        assertEquals(files, filesOnDisk(run));
        List<byte[]> contents = files.stream().map(run::file).map(JobLogServingIT::readBytes).toList();

        ApiResponse purge = ADMIN.delete("jobinstances/" + run.instanceId() + "?purgeJobStoreOnly=true");

        assertEquals(200, purge.status(), purge::toString);
        assertEquals("", purge.body());
        assertEquals(files, filesOnDisk(run));
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(contents.get(i), readBytes(run.file(files.get(i))), files.get(i));
        }
        for (String path : List.of("jobinstances/" + run.instanceId(), "jobexecutions/" + run.executionId(),
                "jobinstances/" + run.instanceId() + "/joblogs", "jobexecutions/" + run.executionId() + "/joblogs",
                "jobexecutions/" + run.executionId() + "/joblogs?part=part.1.log")) {
            JsonShapes.assertProblem(fetch("admin", path).api(), 404);
        }
    }

    @Test
    void deletingTheJobLogsOfAnInstanceRemovesItsFilesButKeepsTheInstance() throws IOException {
        Run run = finished(Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "2", "logLines", "1")),
                "COMPLETED");
        long i = run.instanceId();
        long e = run.executionId();
        assertEquals(List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log"), filesOnDisk(run));

        ApiResponse delete = ADMIN.delete("jobinstances/" + i + "/joblogs");

        assertEquals(200, delete.status(), delete::toString);
        assertEquals("", delete.body());
        assertFalse(Files.exists(run.directory()), "the execution directory is removed");
        assertFalse(Files.exists(run.directory().getParent()), "the instance directory is removed");
        JsonObject instance = ADMIN.get("jobinstances/" + i).object();
        assertEquals("COMPLETED", instance.getString("instanceState"));
        // The execution keeps the log path it recorded (Liberty's rows do too); the directory is just gone.
        assertEquals(run.execution().getString("logpath"), ADMIN.get("jobexecutions/" + e).object().getString("logpath"));
        // No part files are left: only the execution-level links (and, for the instance, its own two).
        assertEquals(executionLinks(run, List.of()), linkLines(ADMIN.get("jobexecutions/" + e + "/joblogs")));
        List<String> instanceLinks = new ArrayList<>(executionLinks(run, List.of()));
        instanceLinks.add("joblog text " + ROOT + "jobinstances/" + i + "/joblogs?type=text");
        instanceLinks.add("joblog zip " + ROOT + "jobinstances/" + i + "/joblogs?type=zip");
        assertEquals(instanceLinks, linkLines(ADMIN.get("jobinstances/" + i + "/joblogs")));
        for (String path : List.of("jobexecutions/" + e + "/joblogs?type=text", "jobinstances/" + i + "/joblogs?type=text")) {
            JobLogServingIT.Raw text = fetch("admin", path);
            assertEquals(200, text.status(), path);
            assertEquals("text/plain;charset=UTF-8", text.header("Content-Type").replace(" ", ""));
            assertEquals("", text.text(), path);
        }
        JobLogServingIT.Raw executionZip = fetch("admin", "jobexecutions/" + e + "/joblogs?type=zip");
        assertEquals(200, executionZip.status());
        assertEquals("attachment; filename=\"joblogs.execution." + e + ".zip\"", executionZip.header("Content-Disposition"));
        assertEquals(List.of(), List.copyOf(zipEntries(executionZip.body()).keySet()));
        JobLogServingIT.Raw instanceZip = fetch("admin", "jobinstances/" + i + "/joblogs?type=zip");
        assertEquals(200, instanceZip.status());
        assertEquals("attachment; filename=\"joblogs.partitionedBatchlet.instance." + i + ".zip\"",
                instanceZip.header("Content-Disposition"));
        assertEquals(List.of(), List.copyOf(zipEntries(instanceZip.body()).keySet()));
        JsonShapes.assertProblem(fetch("admin", "jobexecutions/" + e + "/joblogs?part=part.1.log").api(), 404);

        assertEquals(200, ADMIN.delete("jobinstances/" + i + "/joblogs").status(), "deleting again is harmless");
        assertEquals(200, ADMIN.delete("jobinstances/" + i).status());
        assertEquals(404, ADMIN.get("jobinstances/" + i).status());
    }

    @Test
    void onlyCallersWhoMayPurgeAnInstanceMayDeleteItsJobLogsAndARefusalDeletesNothing() {
        Run run = finished(Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "2")),
                "COMPLETED");
        long i = run.instanceId();
        byte[] log = readBytes(run.file("part.1.log"));

        for (String user : List.of("monitor", "submitter2", "nobody")) {
            for (String path : List.of("jobinstances/" + i + "/joblogs", "jobinstances/" + i)) {
                ApiResponse refused = BatchApi.as(user).delete(path);
                String detail = JsonShapes.assertProblem(refused, 403);
                assertTrue(detail.contains(user), detail);
                assertArrayEquals(log, readBytes(run.file("part.1.log")), user + " deleted " + path);
            }
        }
        ApiResponse bulk = BatchApi.as("monitor").delete("v2/jobinstances?jobInstanceId=" + i);
        JsonShapes.assertProblem(bulk, 403);
        assertEquals(401, BatchApi.anonymous().delete("jobinstances/" + i + "/joblogs").status());
        assertArrayEquals(log, readBytes(run.file("part.1.log")));
        assertEquals(List.of("part.1.log"), filesOnDisk(run));

        ApiResponse own = BatchApi.as("submitter1").delete("jobinstances/" + i + "/joblogs");

        assertEquals(200, own.status(), own::toString);
        assertFalse(Files.exists(run.directory().getParent()));
        assertEquals(200, ADMIN.get("jobinstances/" + i).status());
        assertEquals(200, BatchApi.as("submitter1").delete("jobinstances/" + i).status());
    }

    @Test
    void anActiveInstanceIsNeitherPurgedNorRidOfItsLogs() {
        long running = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "30", "logLines", "2"));
        try {
            Jobs.awaitLatestExecution(running, "STARTED");
            Run run = Jobs.await(() -> {
                Run latest = latestRun(running);
                Path log = latest.file("part.1.log");
                return Files.exists(log) && new String(readBytes(log)).contains("line 2 of 2") ? latest : null;
            }, "the running job's log");

            String detail = JsonShapes.assertProblem(ADMIN.delete("jobinstances/" + running), 409);

            assertEquals("The specified job instance, " + running + ", cannot be purged because it has active job "
                    + "executions.", detail);
            assertEquals(List.of("part.1.log"), filesOnDisk(run));
            String logsDetail = JsonShapes.assertProblem(ADMIN.delete("jobinstances/" + running + "/joblogs"), 409);
            assertEquals("The job logs of job instance " + running + " cannot be deleted while it has active job "
                    + "executions.", logsDetail);
            assertEquals(List.of("part.1.log"), filesOnDisk(run));
            JsonArray bulk = ADMIN.delete("v2/jobinstances?jobInstanceId=" + running).array();
            assertEquals("STILL_ACTIVE", bulk.getJsonObject(0).getString("purgeStatus"));
            assertEquals(List.of("part.1.log"), filesOnDisk(run));
            assertTrue(new String(readBytes(run.file("part.1.log"))).contains("sleepyBatchlet line 2 of 2"));
        } finally {
            Jobs.stopIfRunning(running);
        }
        assertEquals(200, ADMIN.delete("jobinstances/" + running).status());
    }

    @Test
    void aBulkPurgeRemovesTheLogFilesOfEveryPurgedInstance() {
        String tag = "bulkLogs" + UUID.randomUUID().toString().replace("-", "");
        long first = Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "2", "logLines", "1", "tag", tag));
        long second = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1", "tag", tag));
        Run partitioned = finished(first, "COMPLETED");
        Run sleepy = finished(second, "COMPLETED");
        assertEquals(List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log"), filesOnDisk(partitioned));
        assertEquals(List.of("part.1.log"), filesOnDisk(sleepy));
        // Nothing else may fall into the id range: the two were submitted one after the other.
        List<Long> inRange = ids(ADMIN.get("v2/jobinstances?jobInstanceId=" + first + ":" + second).array());
        assertEquals(Set.of(first, second), Set.copyOf(inRange));

        ApiResponse purge = ADMIN.delete("v2/jobinstances?jobInstanceId=" + first + ":" + second);

        assertEquals(200, purge.status(), purge::toString);
        JsonArray results = purge.array();
        assertEquals(inRange, ids(results), "one result per match, in search order");
        for (int r = 0; r < results.size(); r++) {
            assertEquals("COMPLETED", results.getJsonObject(r).getString("purgeStatus"), results::toString);
            assertEquals("Successful purge.", results.getJsonObject(r).getString("message"));
        }
        assertFalse(Files.exists(partitioned.directory().getParent()), "the partitioned instance's directory");
        assertFalse(Files.exists(sleepy.directory().getParent()), "the sleepy instance's directory");
        assertEquals(404, ADMIN.get("jobinstances/" + first).status());
        assertEquals(404, ADMIN.get("jobinstances/" + second).status());
    }

    @Test
    void aPurgeWhoseLogFilesCannotBeDeletedIs500AndLeavesTheRepositoryUntouched() {
        Run run = finished(Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1")),
                "COMPLETED");
        long i = run.instanceId();
        Path log = run.file("part.1.log");
        byte[] content = readBytes(log);
        assertTrue(pin(log), "the test must be able to make a file undeletable for the server (a read-only "
                + "directory, or chattr +i when running as root)");
        try {
            String detail = JsonShapes.assertProblem(ADMIN.delete("jobinstances/" + i), 500);
            assertTrue(detail.contains(Long.toString(i)), detail);
            assertEquals(200, ADMIN.get("jobinstances/" + i).status());
            assertEquals(200, ADMIN.get("jobexecutions/" + run.executionId()).status());
            assertArrayEquals(content, readBytes(log));

            JsonArray bulk = ADMIN.delete("v2/jobinstances?jobInstanceId=" + i).array();
            assertEquals(1, bulk.size(), bulk::toString);
            assertEquals(i, bulk.getJsonObject(0).getJsonNumber("instanceId").longValue());
            assertEquals("FAILED", bulk.getJsonObject(0).getString("purgeStatus"), bulk::toString);
            assertTrue(bulk.getJsonObject(0).getString("message").contains(Long.toString(i)), bulk::toString);
            assertEquals(200, ADMIN.get("jobinstances/" + i).status());

            JsonShapes.assertProblem(ADMIN.delete("jobinstances/" + i + "/joblogs"), 500);
            assertEquals(List.of("part.1.log"), filesOnDisk(run));
            assertArrayEquals(content, fetch("admin", "jobexecutions/" + run.executionId() + "/joblogs?part=part.1.log")
                    .body());
        } finally {
            unpin(log);
        }
        assertEquals(200, ADMIN.delete("jobinstances/" + i).status());
        assertFalse(Files.exists(run.directory().getParent()));
        assertEquals(404, ADMIN.get("jobinstances/" + i).status());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Makes a log file undeletable for the server, which runs as the same user on the same disk: a read-only
     * directory, or for root (whom permissions do not stop) the immutable attribute. False if neither works here.
     */
    private static boolean pin(Path file) {
        File directory = file.getParent().toFile();
        if (directory.setWritable(false, false)) {
            Path probe = file.resolveSibling("probe");
            try {
                Files.createFile(probe);
                Files.delete(probe);
            } catch (IOException refused) {
                return true;
            }
            directory.setWritable(true, false);
        }
        return command("chattr", "+i", file.toString()) == 0;
    }

    private static void unpin(Path file) {
        command("chattr", "-i", file.toString());
        file.getParent().toFile().setWritable(true, false);
    }

    private static int command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor();
        } catch (IOException notAvailable) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Set<String> children(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(child -> child.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> ids(JsonArray array) {
        return array.stream().map(value -> value.asJsonObject().getJsonNumber("instanceId").longValue()).toList();
    }
}
