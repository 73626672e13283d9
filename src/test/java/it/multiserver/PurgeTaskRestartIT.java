package it.multiserver;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static it.multiserver.Topology.ADMIN;
import static it.multiserver.Topology.BALANCER;
import static it.multiserver.Topology.SERVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An asynchronous bulk purge survives a crash of the server that runs it (docs/contract.md §7, "Restart"): the task
 * stays RUNNING while its server is down, and once the server is back it resumes with the instances it had not
 * purged, and ends COMPLETED with every instance purged exactly once.
 *
 * <p>The cut-off is certain, however fast or slow the machine: the test holds the repository row of one instance in
 * the middle of the task's order (a purge locks it), so the task purges the instances before it and then waits; the
 * server is killed while it waits, and the held row is released afterwards, which rolls the dead server's purge of
 * that instance back.
 */
class PurgeTaskRestartIT {

    private static final int VICTIM = 1;
    private static final int INSTANCES = 60;
    private static final int PAGE_SIZE = 25;

    @Test
    void aTaskCutOffByACrashOfItsServerIsResumedWhenTheServerStartsAgainAndPurgesEveryInstanceOnce() {
        String victim = SERVERS.get(VICTIM);
        String other = SERVERS.get(0);
        String jobName = "purgeRestart" + System.currentTimeMillis();
        Map<Long, Path> logFolders = finishedInstancesWithLogs(victim, jobName);
        // The victim's first search creates the repository's search indexes if they are missing, which would wait for
        // the held row: it comes before the hold.
        assertEquals(logFolders.keySet(), ids(ADMIN.get(victim + "v4/jobinstances?jobName=" + jobName
                + "&pageSize=" + (INSTANCES + 1))));
        long held = logFolders.keySet().stream().sorted().skip(INSTANCES / 2).findFirst().orElseThrow();

        String taskUrl;
        int purgedBeforeCrash;
        JobRepositoryFixture.HeldRow heldRow = JobRepositoryFixture.holdInstanceRow(held);
        try {
            ApiResponse accepted = BatchApi.send(ADMIN.request(victim + "v4/jobinstances?jobName=" + jobName).DELETE()
                    .header("Prefer", "respond-async"));
            assertEquals(202, accepted.status(), accepted::toString);
            String taskId = accepted.object().getString("taskId");
            assertEquals(victim + "v4/purges/" + taskId, accepted.header("Location").orElseThrow());
            assertEquals(INSTANCES, accepted.object().getInt("matched"));
            taskUrl = "v4/purges/" + taskId;

            // the task purges the instances before the held one, in its order, and waits on the held one
            purgedBeforeCrash = results(other + taskUrl).stream().map(PurgeTaskRestartIT::instanceId).toList()
                    .indexOf(held);
            assertTrue(purgedBeforeCrash >= 0, "the held instance is one of the task's");
            JsonObject waiting = Topology.awaitFor(120, () -> {
                JsonObject task = ADMIN.get(other + taskUrl).object();
                return task.getInt("purged") == purgedBeforeCrash ? task : null;
            }, "the task to purge the " + purgedBeforeCrash + " instances before instance " + held);
            assertEquals("RUNNING", waiting.getString("state"), waiting::toString);

            Topology.kill(VICTIM);
        } finally {
            heldRow.close();
        }
        try {
            JsonObject cutOff = ADMIN.get(other + taskUrl).object();
            assertEquals("RUNNING", cutOff.getString("state"), cutOff::toString);
            assertEquals(INSTANCES, cutOff.getInt("matched"));
            assertEquals(purgedBeforeCrash, cutOff.getInt("purged"), cutOff::toString);
            assertEquals(0, cutOff.getInt("failed"), cutOff::toString);
            assertEquals(INSTANCES - purgedBeforeCrash, cutOff.getInt("remaining"), cutOff::toString);
            assertTrue(purgedBeforeCrash < INSTANCES);
            assertEquals("PENDING", results(other + taskUrl).stream()
                    .filter(result -> instanceId(result) == held).findFirst().orElseThrow().getString("purgeStatus"));
        } finally {
            Topology.start(VICTIM);
        }

        JsonObject ended = Topology.awaitFor(180, () -> {
            JsonObject task = ADMIN.get(BALANCER + taskUrl).object();
            return task.getString("state").equals("RUNNING") ? null : task;
        }, "the resumed task to end");
        assertEquals("COMPLETED", ended.getString("state"), ended::toString);
        assertEquals(INSTANCES, ended.getInt("matched"));
        assertEquals(INSTANCES, ended.getInt("purged"), ended::toString);
        assertEquals(0, ended.getInt("failed"), ended::toString);
        assertEquals(0, ended.getInt("remaining"), ended::toString);
        assertEquals("", ended.getString("message"));

        List<JsonObject> results = results(BALANCER + taskUrl);
        assertEquals(INSTANCES, results.size());
        Set<Long> reported = new HashSet<>();
        for (JsonObject result : results) {
            assertTrue(reported.add(instanceId(result)), () -> "reported twice: " + result);
            assertEquals("COMPLETED", result.getString("purgeStatus"), result::toString);
            assertEquals("Successful purge.", result.getString("message"), result::toString);
            assertEquals("", result.getString("redirectUrl"), result::toString);
        }
        assertEquals(logFolders.keySet(), reported);

        assertEquals(Set.of(), ids(ADMIN.get(BALANCER + "v4/jobinstances?jobName=" + jobName)));
        logFolders.forEach((instanceId, folder) -> assertFalse(Files.exists(folder),
                () -> "the job logs of instance " + instanceId + " are deleted: " + folder));
    }

    /** Finished instances of the job run on {@code root}, with the folder of each one's job logs there. */
    private static Map<Long, Path> finishedInstancesWithLogs(String root, String jobName) {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            created.add(Jobs.submitInline(ADMIN.at(root), jobName, Map.of("sleepSeconds", "0", "logLines", "2")));
        }
        Map<Long, Path> logFolders = new HashMap<>();
        for (long instanceId : created) {
            assertEquals("COMPLETED", Topology.awaitFinal(root, instanceId).getString("instanceState"));
            JsonObject execution = ADMIN.get(root + "jobinstances/" + instanceId + "/jobexecutions/0").object();
            assertEquals(root, execution.getString("restUrl"));
            Path folder = Path.of(execution.getString("logpath")).getParent();
            assertEquals("instance." + instanceId, folder.getFileName().toString());
            assertTrue(Files.isDirectory(folder), folder::toString);
            logFolders.put(instanceId, folder);
        }
        return logFolders;
    }

    /** Every per-instance result of the task, page after page, in purge order. */
    private static List<JsonObject> results(String taskUrl) {
        List<JsonObject> results = new ArrayList<>();
        for (int page = 0; ; page++) {
            ApiResponse response = ADMIN.get(taskUrl + "?page=" + page + "&pageSize=" + PAGE_SIZE);
            assertEquals(200, response.status(), response::toString);
            List<JsonObject> shown = response.object().getJsonArray("results").getValuesAs(JsonObject.class);
            results.addAll(shown);
            boolean hasNext = response.header("Link").map(link -> link.contains("rel=\"next\"")).orElse(false);
            assertEquals(hasNext, shown.size() == PAGE_SIZE && results.size() < INSTANCES, response::toString);
            if (!hasNext) {
                return results;
            }
        }
    }

    /** The instance ids a search answered. */
    private static Set<Long> ids(ApiResponse search) {
        assertEquals(200, search.status(), search::toString);
        Set<Long> ids = new HashSet<>();
        search.array().getValuesAs(JsonObject.class).forEach(instance -> ids.add(instanceId(instance)));
        return ids;
    }

    private static long instanceId(JsonObject result) {
        return result.getJsonNumber("instanceId").longValue();
    }
}
