package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worked example of Liberty's documentation (docs/contract.md §6), reproduced with real instances whose create
 * times are moved to the example's days. The documentation's "today" is 2015-11-11 and its instances were created 6, 3,
 * 1 and 0 days earlier; here "today" is the real day of the server's zone, so the relative filters ({@code >2d},
 * {@code <2d}) are exercised as they are, and the absolute ones are written with the same offsets.
 */
class SearchWorkedExampleIT {

    private static final ZoneId SERVER_ZONE = ZoneId.systemDefault();
    private static final LocalDate TODAY = LocalDate.now(SERVER_ZONE);
    /** Tags this run's four instances, so that searches see only them, however large the repository is. */
    private static final String RUN = "worked-example-" + java.util.UUID.randomUUID();

    /** Instance ids standing for the documentation's 10, 11, 12 and 13. */
    private static long i10;
    private static long i11;
    private static long i12;
    private static long i13;

    @BeforeAll
    static void createTheFourInstancesOfTheExample() {
        i10 = finished("SUCCESS", false, TODAY.minusDays(6), LocalTime.of(1, 10));
        i11 = finished("SUCCESS", false, TODAY.minusDays(3), LocalTime.of(2, 20));
        i12 = finished("FAILURE", true, TODAY.minusDays(1), LocalTime.of(3, 30));
        i13 = finished("SUCCESS", false, TODAY, LocalTime.of(0, 0, 1));
    }

    @Test
    void anInclusiveIdRangeReturnsBothEnds() {
        assertEquals(List.of(i11, i12, i13), search("jobInstanceId=" + i11 + ":" + i13));
    }

    @Test
    void greaterThanMeansAtLeastAndLessThanMeansAtMost() {
        assertEquals(List.of(i12, i13), search("jobInstanceId=%3E" + i12));
        assertEquals(List.of(i10, i11, i12), search("jobInstanceId=%3C" + i12));
    }

    @Test
    void anIdListReturnsExactlyThoseInstances() {
        assertEquals(List.of(i11, i12), search("jobInstanceId=" + i11 + "," + i12));
    }

    @Test
    void instanceStateAndExitStatusSelectTheFailedAndTheSuccessfulOnes() {
        assertEquals(List.of(i12), search("instanceState=FAILED"));
        assertEquals(List.of(i10, i11, i13), search("exitStatus=SUCCESS"));
    }

    @Test
    void createdAtOrAfterTheDayTwoDaysAgo() {
        assertEquals(List.of(i12, i13), search("createTime=%3E2d"));
    }

    @Test
    void createdAtOrBeforeTheEndOfTheDayTwoDaysAgo() {
        assertEquals(List.of(i10, i11), search("createTime=%3C2d"));
    }

    @Test
    void aDayRangeIncludesItsFirstAndLastDay() {
        assertEquals(List.of(i11, i12, i13), search("createTime=" + TODAY.minusDays(3) + ":" + TODAY));
    }

    @Test
    void oneDayMeansThatWholeDay() {
        assertEquals(List.of(i12), search("createTime=" + TODAY.minusDays(1)));
    }

    /**
     * Instance ids of a search restricted to the four instances of the example (by a job parameter of this run, which
     * needs v3; v3 reads every v2 filter the same way), in ascending order.
     */
    private static List<Long> search(String filter) {
        ApiResponse response = BatchApi.as("admin").get("v3/jobinstances?" + filter + "&jobParameter.example=" + RUN
                + "&pageSize=1000");
        assertEquals(200, response.status(), response::toString);
        return response.array().stream().map(JsonValue::asJsonObject)
                .map(instance -> instance.getJsonNumber("instanceId").longValue())
                .filter(id -> id >= i10 && id <= i13).sorted().toList();
    }

    private static long finished(String exitStatus, boolean fail, LocalDate day, LocalTime time) {
        long id = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "0",
                "forceFailure", Boolean.toString(fail), "exitStatus", exitStatus, "example", RUN));
        Jobs.awaitFinal(id);
        JobRepositoryFixture.setCreateTime(id, day.atTime(time).atZone(SERVER_ZONE).toInstant());
        JobRepositoryFixture.setExitStatus(id, exitStatus);
        return id;
    }
}
