package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Submissions while bulk purges and searches run on the same embedded repository: every submission is accepted, every
 * accepted job completes, and no instance is left without an execution. Under such load embedded Derby used to
 * refuse inserts of the batch runtime (40XL1 from its identity generator, after a background refresh of index
 * statistics: docs/api.md "Searching a large repository"), which refused submissions and failed running jobs.
 */
class ContentionIT {

    private static final int SUBMITTERS = 16;
    private static final int SUBMISSIONS_EACH = 6;

    @Test
    void sixteenSubmittersDuringBulkPurgesAndSearchesAreAllAcceptedAndComplete() throws Exception {
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

        assertEquals(SUBMITTERS * SUBMISSIONS_EACH, answers.size());
        List<String> wrong = answers.stream().filter(answer -> answer.status() != 201).map(ApiResponse::toString)
                .toList();
        assertEquals(List.of(), wrong, "submissions not accepted");
        assertEquals(List.of(), List.copyOf(backgroundFailures), "purges and searches that failed");
        List<Long> accepted = answers.stream().map(answer -> answer.object().getJsonNumber("instanceId").longValue())
                .toList();
        List<String> notCompleted = accepted.stream().map(Jobs::awaitFinal)
                .filter(instance -> !instance.getString("instanceState").equals("COMPLETED"))
                .map(Object::toString).toList();
        assertEquals(List.of(), notCompleted, "accepted jobs that did not complete");
        assertEquals(Set.copyOf(accepted), Set.copyOf(JobRepositoryFixture.instancesAfter(maxBefore)),
                "the instances the runtime created are exactly those answered");
        assertEquals(List.of(), JobRepositoryFixture.instancesWithoutExecution(maxBefore),
                "instances without an execution");
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
