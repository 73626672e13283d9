package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submissions while bulk purges and searches run on the same embedded repository. What batch-rest guarantees: every
 * answer is a 201, or a 503 with {@code Retry-After} when the repository refused for now (never a 400 or a 500);
 * every accepted job ends; only a refused submission can leave an instance without an execution. Embedded Derby
 * can refuse an insert of the batch runtime when several need identity values at once (its SequenceUpdater gives up
 * with 40XL1: docs/api.md "Status codes"), so neither all 201s nor all COMPLETED can be promised on Derby.
 */
class ContentionIT {

    private static final int SUBMITTERS = 16;
    private static final int SUBMISSIONS_EACH = 6;

    @Test
    void sixteenSubmittersDuringBulkPurgesAndSearchesAreAcceptedOrRefusedForNowNeverRefusedAsInvalid() throws Exception {
        String purged = "contention-" + UUID.randomUUID();
        String submitted = "contention-" + UUID.randomUUID();
        List<Long> toPurge = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            toPurge.add(Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1",
                    "tag", purged)));
        }
        toPurge.forEach(Jobs::awaitFinal);
        JobRepositoryFixture.copyInstance(toPurge.get(0), purged, 500);
        long maxBefore = JobRepositoryFixture.size(toPurge.get(0)).maxInstanceId();

        ConcurrentLinkedQueue<ApiResponse> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> backgroundFailures = new ConcurrentLinkedQueue<>();
        AtomicBoolean submitting = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS + 2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> purges = pool.submit(() -> {
                await(start);
                while (submitting.get()) {
                    check(BatchApi.as("admin").delete("v4/jobinstances?jobParameter.tag=" + purged
                            + "&pageSize=1000"), backgroundFailures);
                    check(BatchApi.as("admin").delete("v4/jobinstances?jobName=" + purged + "&pageSize=1000"),
                            backgroundFailures);
                }
            });
            Future<?> searches = pool.submit(() -> {
                await(start);
                while (submitting.get()) {
                    check(BatchApi.as("admin").get("v4/jobinstances?jobName=sleepy*&instanceState=COMPLETED"
                            + "&sort=-lastUpdatedTime&pageSize=100"), backgroundFailures);
                    check(BatchApi.as("monitor").get("v4/jobinstances?jobParameter.tag=" + submitted),
                            backgroundFailures);
                }
            });
            List<Future<?>> submitters = new ArrayList<>();
            for (int s = 0; s < SUBMITTERS; s++) {
                submitters.add(pool.submit(() -> {
                    await(start);
                    for (int i = 0; i < SUBMISSIONS_EACH; i++) {
                        answers.add(BatchApi.as("submitter1").postJson("jobinstances", Jobs.submission(
                                "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1", "tag", submitted))));
                    }
                }));
            }
            start.countDown();
            for (Future<?> submitter : submitters) {
                submitter.get(5, TimeUnit.MINUTES);
            }
            submitting.set(false);
            purges.get(5, TimeUnit.MINUTES);
            searches.get(1, TimeUnit.MINUTES);
        } finally {
            submitting.set(false);
            pool.shutdownNow();
            purgeAll(purged);
        }

        List<String> wrong = answers.stream().filter(answer -> answer.status() != 201 && !(answer.status() == 503
                && answer.header("Retry-After").isPresent())).map(ApiResponse::toString).toList();
        assertEquals(List.of(), wrong, "answers other than 201 or 503 with Retry-After");
        assertEquals(SUBMITTERS * SUBMISSIONS_EACH, answers.size());
        assertEquals(List.of(), List.copyOf(backgroundFailures), "purges and searches that failed");
        List<Long> accepted = answers.stream().filter(answer -> answer.status() == 201)
                .map(answer -> answer.object().getJsonNumber("instanceId").longValue()).toList();
        long refused = answers.size() - accepted.size();
        assertTrue(refused <= SUBMITTERS, () -> refused + " submissions refused for now");
        accepted.forEach(id -> assertTrue(Jobs.FINAL_STATES.contains(Jobs.awaitFinal(id).getString("instanceState"))));
        List<Long> newInstances = JobRepositoryFixture.instancesAfter(maxBefore);
        assertTrue(newInstances.containsAll(accepted), newInstances::toString);
        List<Long> withoutExecution = JobRepositoryFixture.instancesWithoutExecution(maxBefore);
        assertTrue(withoutExecution.size() <= refused && accepted.stream().noneMatch(withoutExecution::contains),
                () -> "instances without an execution: " + withoutExecution + ", refused submissions: " + refused);
        purgeAll(submitted);
    }

    /** Purges what the purges left, through the API: one short transaction per instance, as a client would. */
    private static void purgeAll(String tag) {
        for (String filter : List.of("jobParameter.tag=" + tag, "jobName=" + tag)) {
            boolean purgedSome = true;
            while (purgedSome) {
                purgedSome = BatchApi.as("admin").delete("v4/jobinstances?" + filter + "&pageSize=1000").array()
                        .stream().anyMatch(result -> result.asJsonObject().getString("purgeStatus").equals("COMPLETED"));
            }
        }
    }

    private static void check(ApiResponse response, ConcurrentLinkedQueue<String> failures) {
        if (response.status() != 200) {
            failures.add(response.toString());
        }
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
