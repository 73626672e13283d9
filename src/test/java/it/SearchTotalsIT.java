package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Totals of long lists (docs/api.md, "Totals"): 1,050 instances of one job name, more than the count limit of
 * 1,000, so that an ordinary page says only how many exist at least, and the client can ask for the exact total.
 */
class SearchTotalsIT {

    private static final String JOB = "totals-" + UUID.randomUUID();
    private static final int COPIES = 1050;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private final BatchApi admin = BatchApi.as("admin");

    @BeforeAll
    static void manyInstancesOfOneJob() {
        long original = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        Jobs.awaitFinal(original);
        JobRepositoryFixture.copyInstance(original, JOB, COPIES);
    }

    @AfterAll
    static void deleteThem() {
        JobRepositoryFixture.deleteCopies(JOB);
    }

    @Test
    void aPageOfMoreMatchesThanTheCountLimitCarriesALowerBoundInsteadOfTheTotal() {
        ApiResponse page = admin.get("v4/jobinstances?jobName=" + JOB);

        assertEquals(200, page.status(), page::toString);
        assertEquals(50, page.array().size());
        assertEquals(Optional.empty(), page.header("X-Total-Count"));
        assertEquals(Optional.of("1001"), page.header("X-Total-Count-Lower-Bound"));
        assertEquals(Optional.empty(), page.header("Preference-Applied"));
    }

    /**
     * One filter with more matches than the count limit, whether the search walks its range in the order of the
     * page (a create time) or counts its matches first (a range of ids): the page of an exact count, and the same
     * lower bound.
     */
    @Test
    void oneFilterOfMoreMatchesThanTheCountLimitHasTheSameLowerBoundWhetherWalkedOrCountedFirst() {
        List<Long> copies = new ArrayList<>(ids(admin.get("v4/jobinstances?jobName=" + JOB + "&pageSize=525")));
        copies.addAll(ids(admin.get("v4/jobinstances?jobName=" + JOB + "&pageSize=525&page=1")));
        assertEquals(COPIES, copies.size());
        for (String filter : List.of("jobInstanceId=" + Collections.min(copies) + ":" + Collections.max(copies),
                "createTime=%3E1d")) {
            ApiResponse bounded = admin.get("v4/jobinstances?" + filter);
            ApiResponse exact = admin.get("v4/jobinstances?" + filter + "&count=exact");

            assertEquals(200, bounded.status(), bounded::toString);
            assertEquals(50, bounded.array().size(), filter);
            assertEquals(ids(exact), ids(bounded), filter);
            assertEquals(Optional.empty(), bounded.header("X-Total-Count"), filter);
            assertEquals(Optional.of("1001"), bounded.header("X-Total-Count-Lower-Bound"), filter);
            assertTrue(Long.parseLong(exact.header("X-Total-Count").orElseThrow()) >= COPIES, filter);
        }
    }

    /**
     * A page past the last match shows none: it answers the exact total, not a lower bound at its own offset, which
     * would claim more matches than exist.
     */
    @Test
    void aPagePastTheEndOfMoreMatchesThanTheCountLimitAnswersTheirExactTotal() {
        for (String page : List.of("page=21&pageSize=50", "page=30&pageSize=50", "page=2&pageSize=1000")) {
            ApiResponse past = admin.get("v4/jobinstances?jobName=" + JOB + "&" + page);

            assertEquals(200, past.status(), past::toString);
            assertEquals(0, past.array().size(), page);
            assertEquals(Optional.of(Integer.toString(COPIES)), past.header("X-Total-Count"), page);
            assertEquals(Optional.empty(), past.header("X-Total-Count-Lower-Bound"), page);
        }
    }

    private static List<Long> ids(ApiResponse page) {
        assertEquals(200, page.status(), page::toString);
        return page.array().stream().map(value -> ((JsonObject) value).getJsonNumber("instanceId").longValue())
                .toList();
    }

    @Test
    void countExactAsAParameterOrAPreferenceGivesTheTotal() {
        ApiResponse byParameter = admin.get("v4/jobinstances?jobName=" + JOB + "&count=exact");
        assertEquals(Optional.of(Integer.toString(COPIES)), byParameter.header("X-Total-Count"));
        assertEquals(Optional.empty(), byParameter.header("X-Total-Count-Lower-Bound"));
        assertEquals(Optional.of("count=exact"), byParameter.header("Preference-Applied"));

        ApiResponse byPreference = BatchApi.send(admin.request("v4/jobinstances?jobName=" + JOB)
                .header("Prefer", "respond-async, count=exact").GET());
        assertEquals(Optional.of(Integer.toString(COPIES)), byPreference.header("X-Total-Count"));
        assertEquals(Optional.of("count=exact"), byPreference.header("Preference-Applied"));
    }

    @Test
    void aDeepPageSaysHowManyMatchesItHasShown() {
        ApiResponse page = admin.get("v4/jobinstances?jobName=" + JOB + "&page=2&pageSize=400");

        assertEquals(250, page.array().size());
        assertEquals(Optional.of(Integer.toString(COPIES)), page.header("X-Total-Count"), "the last page tells it");
        ApiResponse middle = admin.get("v4/jobinstances?jobName=" + JOB + "&page=1&pageSize=600");
        assertEquals(450, middle.array().size());
        assertEquals(Optional.of(Integer.toString(COPIES)), middle.header("X-Total-Count"));
        ApiResponse first = admin.get("v4/jobinstances?jobName=" + JOB + "&pageSize=1000");
        assertEquals(Optional.of("1001"), first.header("X-Total-Count-Lower-Bound"));
    }

    @Test
    void theNextLinksLeadThroughEveryInstanceOnce() {
        List<Long> ids = new ArrayList<>();
        ApiResponse page = admin.get("v4/jobinstances?jobName=" + JOB + "&pageSize=300");
        for (int pages = 1; ; pages++) {
            assertEquals(200, page.status(), page::toString);
            page.array().forEach(value -> ids.add(((JsonObject) value).getJsonNumber("instanceId").longValue()));
            Matcher next = NEXT.matcher(page.header("Link").orElse(""));
            if (!next.find()) {
                assertEquals(4, pages);
                break;
            }
            assertTrue(next.group(1).contains("after="), next.group(1));
            page = admin.getUrl(next.group(1));
        }
        assertEquals(COPIES, ids.size());
        assertEquals(COPIES, new HashSet<>(ids).size());
        List<Long> newestFirst = new ArrayList<>(ids);
        newestFirst.sort((a, b) -> Long.compare(b, a));
        assertEquals(newestFirst, ids, "copies made later have later create times and higher ids");
    }

    /**
     * A bounded count that reached its bound is reused for a moment (docs/api.md, "Totals"), but a purge through
     * batch-rest forgets it: the page right after the purge has the exact total again. A deletion batch-rest does not
     * see (here in SQL) shows once the reuse time (1 s) has passed.
     */
    @Test
    void aPurgeEndsTheReuseOfALargeCountAtOnceAndAnyDeletionWithinASecond() throws InterruptedException {
        String job = "totals-purged-" + UUID.randomUUID();
        long original = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        Jobs.awaitFinal(original);
        JobRepositoryFixture.copyInstance(original, job, 1010);
        try {
            for (int call = 0; call < 3; call++) {
                assertEquals(Optional.of("1001"), admin.get("v4/jobinstances?jobName=" + job)
                        .header("X-Total-Count-Lower-Bound"), "call " + call);
            }
            List<Long> oldest = ids(admin.get("v4/jobinstances?jobName=" + job + "&sort=createTime&pageSize=20"));
            ApiResponse purged = admin.delete("v4/jobinstances?jobName=" + job + "&jobInstanceId="
                    + Collections.min(oldest) + ":" + Collections.max(oldest));
            assertEquals(200, purged.status(), purged::toString);
            assertEquals(20, purged.array().size());

            ApiResponse afterPurge = admin.get("v4/jobinstances?jobName=" + job);
            assertEquals(Optional.of("990"), afterPurge.header("X-Total-Count"));
            assertEquals(Optional.empty(), afterPurge.header("X-Total-Count-Lower-Bound"));

            JobRepositoryFixture.copyInstance(original, job, 20);
            assertEquals(Optional.of("1001"), admin.get("v4/jobinstances?jobName=" + job)
                    .header("X-Total-Count-Lower-Bound"));
            List<Long> newest = ids(admin.get("v4/jobinstances?jobName=" + job + "&pageSize=20"));
            JobRepositoryFixture.deleteInstances(newest);
            Thread.sleep(1100);
            ApiResponse afterDeletion = admin.get("v4/jobinstances?jobName=" + job);
            assertEquals(Optional.of("990"), afterDeletion.header("X-Total-Count"));
            assertEquals(ids(admin.get("v4/jobinstances?jobName=" + job + "&count=exact")), ids(afterDeletion));
        } finally {
            JobRepositoryFixture.deleteCopies(job);
        }
    }

    @Test
    void countTakesOnlyExact() {
        ApiResponse response = admin.get("v4/jobinstances?jobName=" + JOB + "&count=estimated");

        assertEquals(400, response.status(), response::toString);
        assertEquals("count", response.object().getJsonArray("invalidParams").getJsonObject(0).getString("name"));
    }
}
