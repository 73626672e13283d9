package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import it.support.JsonShapes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search grammar of docs/contract.md §6 (v2–v4 GET {@code jobinstances}) against real instances whose create and
 * last-updated times and exit statuses are known, with exact id lists in the exact order.
 *
 * <p>Seven instances carry the job parameter {@code tag=<unique>} (so a v3/v4 search restricted with
 * {@code jobParameter.tag} sees exactly them, whatever else the shared database holds); v2 searches are restricted
 * with the id list of the seven. Days are days of the server's zone (Asia/Kolkata in the build, which the test JVM
 * shares); D is today:
 * <pre>
 *  name  job             submitter   state      exitStatus  createTime            lastUpdatedTime       parameters
 *  a1    sleepyBatchlet  admin       COMPLETED  A_B         D-3 23:59:59.999      = create              color=Blue size=L
 *  a2    sleepyBatchlet  admin       COMPLETED  AxB         D-3 00:00:00.000      = create              color=blue-green
 *  a3    sleepyBatchlet  admin       COMPLETED  A%B         D-4 23:59:59.999      D-1 23:59:59.999      size=L
 *  f1    sleepyBatchlet  submitter1  FAILED     FAILED      D-1 10:00             = create              forceFailure=true
 *  c1    chunkCopy       submitter1  COMPLETED  COMPLETED   D-2 00:00:00.000      = create
 *  s2    sleepyBatchlet  submitter2  COMPLETED  Mixed.Case  D-1 10:00 (= f1)      = create
 *  r1    sleepyBatchlet  submon      COMPLETED  COMPLETED   D-5 12:00             D 00:00:00.000        forceFailure=true, then
 *                                                                                                       restarted with restartMark
 * </pre>
 * Ids ascend in that order (a1 lowest, r1 highest), so the default order, newest create time first with the
 * higher id first on equal times, is s2, f1, c1, a1, a2, a3, r1 (not the id order). An eighth instance, st1
 * (STOPPED, created now), has another tag and is only used for the instanceState filter.
 */
class JobInstanceSearchIT {

    private static final ZoneId SERVER_ZONE = ZoneId.systemDefault();
    private static final LocalDate TODAY = LocalDate.now(SERVER_ZONE);
    private static final String TAG = "search-" + UUID.randomUUID();
    private static final String RESTART_MARK = TAG + "-restart";
    private static final String MINE = "jobParameter.tag=" + TAG;
    private static final String INVALID_STATE_MESSAGE = "An invalid instanceState parameter was used: BOGUS. Valid "
            + "instanceState parameters are: SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED, FAILED, STOPPED, "
            + "COMPLETED, ABANDONED";

    private static long a1;
    private static long a2;
    private static long a3;
    private static long f1;
    private static long c1;
    private static long s2;
    private static long r1;
    private static long st1;
    /** The seven tagged instances as an id list, for v2 searches. */
    private static String sevenIds;

    @BeforeAll
    static void createTheInstancesOfTheTable() {
        a1 = submit("admin", "sleepyBatchlet", "exitStatus", "A_B", "color", "Blue", "size", "L");
        a2 = submit("admin", "sleepyBatchlet", "exitStatus", "AxB", "color", "blue-green");
        a3 = submit("admin", "sleepyBatchlet", "exitStatus", "A%B", "size", "L");
        f1 = submit("submitter1", "sleepyBatchlet", "forceFailure", "true");
        c1 = submit("submitter1", "chunkCopy", "items", "3");
        s2 = submit("submitter2", "sleepyBatchlet", "exitStatus", "Mixed.Case");
        r1 = submit("submon", "sleepyBatchlet", "forceFailure", "true");
        long[] seven = {a1, a2, a3, f1, c1, s2, r1};
        assertEquals(Arrays.stream(seven).sorted().boxed().toList(), Arrays.stream(seven).boxed().toList());
        sevenIds = Arrays.stream(seven).mapToObj(Long::toString).collect(Collectors.joining(","));

        st1 = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "30", "logLines", "0",
                "tag", TAG + "-stopped"));
        try {
            Jobs.awaitLatestExecution(st1, "STARTED");
            ApiResponse stop = BatchApi.as("admin").put("jobinstances/" + st1 + "?action=stop");
            assertEquals(200, stop.status(), stop::toString);
        } finally {
            assertEquals("STOPPED", Jobs.awaitFinal(st1).getString("instanceState"));
        }

        for (long id : new long[] {a1, a2, a3, c1, s2}) {
            assertEquals("COMPLETED", Jobs.awaitFinal(id).getString("instanceState"), "instance " + id);
        }
        assertEquals("FAILED", Jobs.awaitFinal(f1).getString("instanceState"));
        assertEquals("FAILED", Jobs.awaitFinal(r1).getString("instanceState"));
        ApiResponse restart = BatchApi.as("submon").putJson("jobinstances/" + r1 + "?action=restart",
                "{\"jobParameters\":{\"forceFailure\":\"false\",\"sleepSeconds\":\"0\",\"logLines\":\"0\","
                        + "\"restartMark\":\"" + RESTART_MARK + "\"}}");
        assertEquals(200, restart.status(), restart::toString);
        Jobs.awaitState(r1, "COMPLETED");
        assertEquals(2, BatchApi.as("admin").get("jobinstances/" + r1 + "/jobexecutions").array().size());

        createdAt(a1, TODAY.minusDays(3), LocalTime.of(23, 59, 59, 999_000_000));
        createdAt(a2, TODAY.minusDays(3), LocalTime.MIDNIGHT);
        createdAt(a3, TODAY.minusDays(4), LocalTime.of(23, 59, 59, 999_000_000));
        createdAt(f1, TODAY.minusDays(1), LocalTime.of(10, 0));
        createdAt(c1, TODAY.minusDays(2), LocalTime.MIDNIGHT);
        createdAt(s2, TODAY.minusDays(1), LocalTime.of(10, 0));
        createdAt(r1, TODAY.minusDays(5), LocalTime.of(12, 0));
        JobRepositoryFixture.setLastUpdatedTime(a3, at(TODAY.minusDays(1), LocalTime.of(23, 59, 59, 999_000_000)));
        JobRepositoryFixture.setLastUpdatedTime(r1, at(TODAY, LocalTime.MIDNIGHT));
    }

    @AfterAll
    static void purgeTheInstances() {
        for (long id : new long[] {a1, a2, a3, f1, c1, s2, r1, st1}) {
            if (id > 0) {
                BatchApi.as("admin").delete("jobinstances/" + id);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ default order

    @Test
    void theDefaultOrderIsNewestCreateTimeFirstWithTheHigherIdFirstOnEqualTimes() {
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4(""));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v3(""));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v2(""));
    }

    @Test
    void theIndexesTheSearchesNeedExistOnTheRepository() {
        assertEquals(200, BatchApi.as("admin").get("v4/jobinstances?jobName=x").status()); // a search ensures them
        java.util.Set<String> names = JobRepositoryFixture.indexNames("JOBINSTANCE");
        for (String field : List.of("SUBMITTER", "APP", "JOBXMLNAME", "BATCHSTATUS", "EXITSTATUS")) {
            assertTrue(names.containsAll(List.of("BATCHREST_JI_BY_" + field, "BATCHREST_JI_BY_" + field + "_DESC")),
                    names::toString);
        }
        assertTrue(names.containsAll(List.of("BATCHREST_JI_CREATED", "BATCHREST_JI_CREATED_ASC",
                "BATCHREST_JI_UPDATED_STATE", "BATCHREST_JI_UPDATED_ASC_CREATED", "BATCHREST_JI_SUBMITTER_CREATED",
                "BATCHREST_JI_SUBMITTER_UPDATED_STATE",
                "BATCHREST_JI_JOBNAME_CREATED", "BATCHREST_JI_JOBNAME_STATE_CREATED",
                "BATCHREST_JI_STATE_CREATED_JOB_SUBMITTER_EXIT", "BATCHREST_JI_EXITSTATUS_CREATED_JOB_SUBMITTER",
                "BATCHREST_JI_APP_CREATED", "BATCHREST_JI_ID_CREATED")), names::toString);
        assertTrue(names.stream().noneMatch(List.of("BATCHREST_JI_SUBMITTER", "BATCHREST_JI_JOBNAME",
                "BATCHREST_JI_STATE", "BATCHREST_JI_UPDATED", "BATCHREST_JI_SUBMITTER_UPDATED",
                "BATCHREST_JI_STATE_CREATED", "BATCHREST_JI_UPDATED_ASC", "BATCHREST_JI_STATE_CREATED_JOB_SUBMITTER",
                "BATCHREST_JI_EXITSTATUS_CREATED")::contains),
                () -> "indexes of earlier versions are dropped: " + names);
        assertTrue(JobRepositoryFixture.indexNames("JOBPARAMETER").contains("BATCHREST_JP_NAMEVALUE"),
                () -> JobRepositoryFixture.indexNames("JOBPARAMETER").toString());
        assertTrue(JobRepositoryFixture.triggerNames().containsAll(List.of("BATCHREST_JI_UPDATED_BEFORE_CREATED_INSERT",
                "BATCHREST_JI_UPDATED_BEFORE_CREATED_UPDATE")), () -> JobRepositoryFixture.triggerNames().toString());
        assertTrue(JobRepositoryFixture.recordedAsUpdatedBeforeCreated().contains(0L), "the table is complete");
    }

    // ------------------------------------------------------------------------------------------------ jobInstanceId

    @Test
    void anIdRangeIncludesBothEnds() {
        assertEquals(List.of(f1, a2, a3), v4("jobInstanceId=" + a2 + ":" + f1));
        assertEquals(List.of(a1), v4("jobInstanceId=" + a1 + ":" + a1));
        assertEquals(List.of(f1, a2, a3), ids(admin("v2/jobinstances?jobInstanceId=" + a2 + ":" + f1)));
    }

    /**
     * A range of few instances is sorted in the index of ids and create times, in the search's order (by create time
     * here, not by id), page after page; its probe's count is the exact total of every page.
     */
    @Test
    void aRangeOfFewInstancesIsPagedInTheSearchOrderWithItsExactTotal() {
        String range = "v4/jobinstances?jobInstanceId=" + a2 + ":" + f1 + "&pageSize=2";
        ApiResponse first = admin(range);
        assertEquals(List.of(f1, a2), ids(first));
        assertEquals(Optional.of("3"), first.header("X-Total-Count"));
        assertEquals(Optional.empty(), first.header("X-Total-Count-Lower-Bound"));
        ApiResponse second = admin(range + "&page=1");
        assertEquals(List.of(a3), ids(second));
        assertEquals(Optional.of("3"), second.header("X-Total-Count"));
        ApiResponse failedOnly = admin("v4/jobinstances?jobInstanceId=" + a2 + ":" + f1 + "&instanceState=FAILED");
        assertEquals(List.of(f1), ids(failedOnly));
        assertEquals(Optional.of("1"), failedOnly.header("X-Total-Count"));
    }

    @Test
    void greaterThanAnIdMeansAtLeastThatId() {
        assertEquals(List.of(s2, c1, r1), v4("jobInstanceId=" + enc(">" + c1)));
        assertEquals(List.of(s2, c1, r1), v3("jobInstanceId=" + enc(">" + c1)));
    }

    @Test
    void lessThanAnIdMeansAtMostThatId() {
        assertEquals(List.of(a1, a2), v4("jobInstanceId=" + enc("<" + a2)));
        assertEquals(List.of(f1, a1, a2, a3), v3("jobInstanceId=" + enc("<" + f1)));
    }

    @Test
    void anIdListReturnsExactlyThoseInstances() {
        assertEquals(List.of(s2, a1, r1), v4("jobInstanceId=" + a1 + "," + s2 + "," + r1));
        assertEquals(List.of(s2, a1, r1), ids(admin("v2/jobinstances?jobInstanceId=" + r1 + "," + a1 + "," + s2)));
    }

    @Test
    void aSingleIdReturnsExactlyThatInstance() {
        assertEquals(List.of(f1), v4("jobInstanceId=" + f1));
        assertEquals(List.of(f1), ids(admin("v2/jobinstances?jobInstanceId=" + f1)));
    }

    // ------------------------------------------------------------------------------------------------ createTime

    @Test
    void oneDayOfCreateTimeMeansThatWholeServerDay() {
        assertEquals(List.of(a1, a2), v2("createTime=" + TODAY.minusDays(3)));
        assertEquals(List.of(c1), v4("createTime=" + TODAY.minusDays(2)));
        assertEquals(List.of(), v4("createTime=" + TODAY));
    }

    @Test
    void aCreateTimeDayRangeIncludesItsFirstAndLastDay() {
        assertEquals(List.of(c1, a1, a2, a3), v2("createTime=" + TODAY.minusDays(4) + ":" + TODAY.minusDays(2)));
        assertEquals(List.of(s2, f1, c1), v4("createTime=" + TODAY.minusDays(2) + ":" + TODAY.minusDays(1)));
        assertEquals(List.of(s2, f1), v4("createTime=" + TODAY.minusDays(1) + ":" + TODAY));
        assertEquals(List.of(r1), v3("createTime=" + TODAY.minusDays(5) + ":" + TODAY.minusDays(5)));
    }

    @Test
    void createdAfterNDaysIncludesMidnightOfThatDayAndExcludesTheSecondBefore() {
        // a3 at 23:59:59.999 of the day 4 days ago is out; a2 at 00:00:00 of the day 3 days ago is in.
        assertEquals(List.of(s2, f1, c1, a1, a2), v2("createTime=" + enc(">3d")));
        // a1 at 23:59:59.999 of the day 3 days ago is out; c1 at 00:00:00 of the day 2 days ago is in.
        assertEquals(List.of(s2, f1, c1), v4("createTime=" + enc(">2d")));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3), v3("createTime=" + enc(">4d")));
        assertEquals(List.of(), v4("createTime=" + enc(">0d")));
    }

    @Test
    void createdBeforeNDaysIncludesTheLastSecondOfThatDayAndExcludesTheNextMidnight() {
        // a1 at 23:59:59.999 of the day 3 days ago is in; c1 at 00:00:00 of the day 2 days ago is out.
        assertEquals(List.of(a1, a2, a3, r1), v2("createTime=" + enc("<3d")));
        // a3 at 23:59:59.999 of the day 4 days ago is in; a2 at 00:00:00 of the day 3 days ago is out.
        assertEquals(List.of(a3, r1), v4("createTime=" + enc("<4d")));
        assertEquals(List.of(c1, a1, a2, a3, r1), v3("createTime=" + enc("<2d")));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4("createTime=" + enc("<0d")));
    }

    @Test
    void validDaysAtTheEndsOfTheCalendarAreSearchedLikeAnyOther() {
        List<Long> all = List.of(s2, f1, c1, a1, a2, a3, r1);
        assertAll(
                () -> assertEquals(List.of(), v4("createTime=9999-12-31")),
                () -> assertEquals(List.of(), v3("lastUpdatedTime=9999-12-31")),
                () -> assertEquals(all, v4("createTime=0001-01-01:9999-12-31")),
                () -> assertEquals(all, v4("createTime=0001-01-01:" + TODAY)),
                () -> assertEquals(all, v2("createTime=" + enc(">99999999d"))),
                () -> assertEquals(List.of(), v4("createTime=" + enc("<99999999d"))));
    }

    // ------------------------------------------------------------------------------------------------ lastUpdatedTime

    @Test
    void lastUpdatedTimeTakesTheSameDayForms() {
        assertEquals(List.of(s2, f1, a3), v4("lastUpdatedTime=" + TODAY.minusDays(1)));
        assertEquals(List.of(c1, a1, a2), v3("lastUpdatedTime=" + TODAY.minusDays(3) + ":" + TODAY.minusDays(2)));
        // r1 was last updated at 00:00:00 today, a3 at 23:59:59.999 yesterday.
        assertEquals(List.of(r1), v4("lastUpdatedTime=" + enc(">0d")));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3), v4("lastUpdatedTime=" + enc("<1d")));
        assertEquals(List.of(s2, f1, a3, r1), v3("lastUpdatedTime=" + enc(">1d")));
        assertEquals(List.of(c1, a1, a2), v4("lastUpdatedTime=" + enc("<2d") + "&createTime=" + enc(">3d")));
    }

    // ------------------------------------------------------------------------------------------------ instanceState

    @Test
    void instanceStateIsACaseInsensitiveList() {
        String eight = "jobInstanceId=" + sevenIds + "," + st1;
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), ids(admin("v2/jobinstances?" + eight
                + "&instanceState=completed,FAILED")));
        assertEquals(List.of(st1, f1), ids(admin("v4/jobinstances?" + eight + "&instanceState=Stopped,failed")));
        assertEquals(List.of(st1), ids(admin("v3/jobinstances?" + eight + "&instanceState=STOPPED")));
        assertEquals(List.of(s2, c1, a1, a2, a3, r1), v4("instanceState=COMPLETED"));
        assertEquals(List.of(), v4("instanceState=SUBMITTED,DISPATCHED,ABANDONED"));
    }

    // ------------------------------------------------------------------------------------------------ exitStatus

    @Test
    void exitStatusWildcardsMatchAtTheStartInTheMiddleAndAtTheEnd() {
        assertEquals(List.of(a1, a2, a3), v4("exitStatus=A*B"));
        assertEquals(List.of(f1, c1, r1), v4("exitStatus=*ED"));
        assertEquals(List.of(c1, r1), v2("exitStatus=COMP*"));
        assertEquals(List.of(s2, a2), v3("exitStatus=*x*"));
        assertEquals(List.of(s2), v4("exitStatus=M*d.*e"));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4("exitStatus=*"));
        assertEquals(List.of(c1, r1), v4("exitStatus=COMPLETED"));
        assertEquals(List.of(), v4("exitStatus=COMPLETE"));
    }

    @Test
    void underscoreAndPercentInAnExitStatusMatchOnlyThemselves() {
        assertEquals(List.of(a1), v4("exitStatus=A_B"));
        assertEquals(List.of(a3), v4("exitStatus=A%25B"));
        assertEquals(List.of(a1), v2("exitStatus=A_B"));
        assertEquals(List.of(a3), v2("exitStatus=A%25B"));
        assertEquals(List.of(a1), v4("exitStatus=A_*"));
        assertEquals(List.of(a3), v3("exitStatus=*%25B"));
        assertEquals(List.of(), v4("exitStatus=A_"));
        assertEquals(List.of(), v4("exitStatus=%25"));
        assertEquals(List.of(), v4("exitStatus=___"));
    }

    @Test
    void v4ExitStatusIsRepeatableAndItsValuesOr() {
        assertEquals(List.of(f1, a1), v4("exitStatus=A_B&exitStatus=FAILED"));
        assertEquals(List.of(s2, a3), v4("exitStatus=A%25B&exitStatus=Mixed*"));
    }

    @Test
    void v2AndV3UseOnlyTheFirstExitStatus() {
        assertEquals(List.of(a1), v3("exitStatus=A_B&exitStatus=FAILED"));
        assertEquals(List.of(a1), v2("exitStatus=A_B&exitStatus=FAILED"));
        assertEquals(List.of(f1), v2("exitStatus=FAILED&exitStatus=A_B"));
    }

    // ------------------------------------------------------------------------------------------------ v4 text filters

    @Test
    void v4JobNameMatchesExactlyWithWildcardsAndRepeatedValuesOr() {
        assertEquals(List.of(c1), v4("jobName=chunkCopy"));
        assertEquals(List.of(s2, f1, a1, a2, a3, r1), v4("jobName=sleepyBatchlet"));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4("jobName=sleepyBatchlet&jobName=chunkCopy"));
        assertEquals(List.of(c1), v4("jobName=*Copy"));
        assertEquals(List.of(s2, f1, a1, a2, a3, r1), v4("jobName=sle*let&jobName=noSuchJob"));
        assertEquals(List.of(), v4("jobName=sleepy"));
    }

    @Test
    void v4SubmitterMatchesExactlyWithWildcardsAndRepeatedValuesOr() {
        assertEquals(List.of(f1, c1), v4("submitter=submitter1"));
        assertEquals(List.of(s2, f1, c1), v4("submitter=submitter1&submitter=submitter2"));
        assertEquals(List.of(s2, f1, c1), v4("submitter=submitter*"));
        assertEquals(List.of(s2, f1, c1, r1), v4("submitter=sub*"));
        assertEquals(List.of(f1, c1), v4("submitter=*1"));
        assertEquals(List.of(a1, a2, a3, r1), v4("submitter=admin&submitter=submon"));
        assertEquals(List.of(), v4("submitter=submitter"));
    }

    @Test
    void v4AppNameWithoutHashMatchesTheApplicationAndWithHashTheFullName() {
        List<Long> all = List.of(s2, f1, c1, a1, a2, a3, r1);
        assertEquals(all, v4("appName=batch-rest"));
        assertEquals(all, v4("appName=" + enc("batch-rest#batch-rest.war")));
        assertEquals(all, v4("appName=batch*"));
        assertEquals(all, v4("appName=" + enc("*#batch-rest.war")));
        assertEquals(List.of(), v4("appName=batch"));
        assertEquals(List.of(), v4("appName=batch-rest.war"));
        assertEquals(List.of(), v4("appName=" + enc("batch-rest#other.war")));
        assertEquals(all, v4("appName=other&appName=batch-rest"));
    }

    @Test
    void differentParametersAndTogether() {
        assertEquals(List.of(a1, a2, a3), v4("instanceState=COMPLETED&submitter=admin"));
        assertEquals(List.of(f1), v4("submitter=submitter1&jobName=sleepyBatchlet"));
        assertEquals(List.of(a2), v4("jobName=sleepyBatchlet&exitStatus=A*&createTime=" + TODAY.minusDays(3)
                + "&jobInstanceId=" + enc(">" + a2)));
    }

    // ------------------------------------------------------------------------------------------------ jobParameter

    @Test
    void jobParameterMatchesExactlyOrWithWildcards() {
        assertEquals(List.of(a1), v4("jobParameter.color=Blue"));
        assertEquals(List.of(a2), v4("jobParameter.color=blue*"));
        assertEquals(List.of(a1), v3("jobParameter.color=*ue"));
        assertEquals(List.of(a1, a2), v4("jobParameter.color=*u*"));
        assertEquals(List.of(a1, a3), v3("jobParameter.size=L"));
        assertEquals(List.of(), v4("jobParameter.color=blue"));
        assertEquals(List.of(), v4("jobParameter.noSuchParameter=*"));
    }

    @Test
    void severalJobParametersAndTogether() {
        assertEquals(List.of(a1), v4("jobParameter.color=Blue&jobParameter.size=L"));
        assertEquals(List.of(), v4("jobParameter.color=blue*&jobParameter.size=L"));
        assertEquals(List.of(a1, a3), v3("jobParameter.size=L&jobParameter.exitStatus=A*"));
    }

    @Test
    void jobParameterMatchesIfAnyExecutionOfTheInstanceHadIt() {
        assertEquals(List.of(r1), v4("jobParameter.restartMark=" + RESTART_MARK));
        assertEquals(List.of(r1), v3("jobParameter.restartMark=*-restart"));
        assertEquals(List.of(f1, r1), v4("jobParameter.forceFailure=true"));
        assertEquals(List.of(r1), v4("jobParameter.forceFailure=false"));
        // The first execution had forceFailure=true, the restart restartMark: both names match the one instance.
        assertEquals(List.of(r1), v4("jobParameter.forceFailure=true&jobParameter.restartMark=" + RESTART_MARK));
    }

    // ------------------------------------------------------------------------------------------------ ignoreCase

    @Test
    void textMatchingIsCaseSensitiveWithoutIgnoreCase() {
        assertEquals(List.of(), v4("jobName=CHUNKCOPY"));
        assertEquals(List.of(), v4("exitStatus=a_b"));
        assertEquals(List.of(), v4("exitStatus=mixed.case"));
        assertEquals(List.of(), v4("submitter=SUBMITTER1"));
        assertEquals(List.of(), v4("appName=BATCH-REST"));
        assertEquals(List.of(), v4("jobParameter.color=BLUE"));
        assertEquals(List.of(), v4("jobName=CHUNKCOPY&ignoreCase=false"));
    }

    @Test
    void ignoreCaseTrueMatchesJobNameExitStatusSubmitterAppNameAndJobParameterInAnyCase() {
        assertEquals(List.of(c1), v4("jobName=CHUNKCOPY&ignoreCase=true"));
        assertEquals(List.of(s2, f1, a1, a2, a3, r1), v4("jobName=SLEEPY*&ignoreCase=TRUE"));
        assertEquals(List.of(a1), v4("exitStatus=a_b&ignoreCase=true"));
        assertEquals(List.of(s2), v4("exitStatus=mixed.CASE&ignoreCase=true"));
        assertEquals(List.of(a3), v4("exitStatus=a%25b&ignoreCase=true"));
        assertEquals(List.of(f1, c1), v4("submitter=SUBMITTER1&ignoreCase=true"));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4("appName=BATCH-REST&ignoreCase=true"));
        assertEquals(List.of(a1), v4("jobParameter.color=BLUE&ignoreCase=true"));
        assertEquals(List.of(a1, a2), v4("jobParameter.color=blue*&ignoreCase=true"));
    }

    @Test
    void v3IgnoresIgnoreCaseWithoutReportingIt() {
        ApiResponse response = admin("v3/jobinstances?" + MINE + "&exitStatus=a_b&ignoreCase=true");
        assertEquals(List.of(), ids(response));
        assertEquals(Optional.empty(), response.header("X-IBM-Unrecognized-Fields"));
        ApiResponse notAFlag = admin("v3/jobinstances?" + MINE + "&exitStatus=A_B&ignoreCase=maybe");
        assertEquals(List.of(a1), ids(notAFlag));
        assertEquals(Optional.empty(), notAFlag.header("X-IBM-Unrecognized-Fields"));
    }

    // ------------------------------------------------------------------------------------------------ sort

    @Test
    void sortByCreateTimeAscendingAndDescending() {
        assertEquals(List.of(r1, a3, a2, a1, c1, s2, f1), v4("sort=createTime"));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4("sort=-createTime"));
        assertEquals(List.of(r1, a3, a2, a1, c1, s2, f1), v3("sort=createTime"));
    }

    @Test
    void sortByLastUpdatedTimeAscendingAndDescending() {
        assertEquals(List.of(a2, a1, c1, s2, f1, a3, r1), v4("sort=lastUpdatedTime"));
        assertEquals(List.of(r1, a3, s2, f1, c1, a1, a2), v3("sort=-lastUpdatedTime"));
    }

    @Test
    void sortBySubmitterBreaksTiesByDescendingId() {
        assertEquals(List.of(a3, a2, a1, c1, f1, s2, r1), v4("sort=submitter"));
        assertEquals(List.of(r1, s2, c1, f1, a3, a2, a1), v4("sort=-submitter"));
    }

    @Test
    void sortBySeveralKeysAppliesThemInTurn() {
        assertEquals(List.of(a1, a2, a3, f1, c1, s2, r1), v4("sort=submitter,-createTime"));
        assertEquals(List.of(r1, s2, c1, f1, a3, a2, a1), v4("sort=-submitter,createTime"));
        assertEquals(List.of(c1, r1, a3, s2, f1, a1, a2), v3("sort=jobXMLName,-lastUpdatedTime"));
    }

    @Test
    void sortByAmcNameBreaksTheTiesOfOneApplicationByDescendingId() {
        ApiResponse response = admin("v4/jobinstances?" + MINE + "&sort=amcName");
        assertEquals(List.of(r1, s2, c1, f1, a3, a2, a1), ids(response));
        assertEquals(Optional.empty(), response.header("X-IBM-Unrecognized-Fields"));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4("sort=-amcName,-createTime"));
    }

    @Test
    void sortByExitStatusComparesTheText() {
        // "A%B" < "A_B" < "AxB" < "COMPLETED" < "FAILED" < "Mixed.Case"
        assertEquals(List.of(a3, a1, a2, r1, c1, f1, s2), v4("sort=exitStatus"));
        assertEquals(List.of(s2, f1, r1, c1, a2, a1, a3), v3("sort=-exitStatus"));
    }

    @Test
    void sortByBatchStatusFollowsTheStatusModel() {
        // docs/contract.md §5 order (Liberty stores the ordinal): ... STOPPED, FAILED, COMPLETED, ...
        assertEquals(List.of(f1, r1, s2, c1, a3, a2, a1), v4("sort=batchStatus"));
        assertEquals(List.of(r1, s2, c1, a3, a2, a1, f1), v4("sort=-batchStatus"));
        String eight = "jobInstanceId=" + sevenIds + "," + st1;
        assertEquals(List.of(st1, f1, r1, s2, c1, a3, a2, a1), ids(admin("v4/jobinstances?" + eight
                + "&sort=batchStatus")));
    }

    @Test
    void sortByJobXmlName() {
        assertEquals(List.of(c1, r1, s2, f1, a3, a2, a1), v4("sort=jobXMLName"));
        assertEquals(List.of(r1, s2, f1, a3, a2, a1, c1), v4("sort=-jobXMLName"));
    }

    // ------------------------------------------------------------------------------------------------ paging

    @Test
    void pagesOfASearchNeitherRepeatNorSkipAndCarryTheTotalAndLinks() {
        String query = "v4/jobinstances?" + MINE + "&pageSize=2";
        List<Long> concatenated = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            ApiResponse response = admin(query + "&page=" + page);
            assertEquals("7", response.header("X-Total-Count").orElse(null), "page " + page);
            concatenated.addAll(ids(response));
            List<String> links = new ArrayList<>();
            if (page < 3) {
                links.add("<" + BatchApi.ROOT + query + "&after=<cursor>>; rel=\"next\"");
            }
            if (page > 0) {
                links.add("<" + BatchApi.ROOT + query + "&page=" + (page - 1) + ">; rel=\"prev\"");
            }
            assertEquals(String.join(", ", links), response.header("Link").orElse("")
                    .replaceAll("after=[A-Za-z0-9_-]+", "after=<cursor>"), "page " + page);
        }
        assertEquals(v4(""), concatenated);
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), concatenated);

        ApiResponse beyond = admin(query + "&page=4");
        assertEquals(List.of(), ids(beyond));
        assertEquals("7", beyond.header("X-Total-Count").orElse(null));
        assertEquals("<" + BatchApi.ROOT + query + "&page=3>; rel=\"prev\"", beyond.header("Link").orElse(""));

        ApiResponse onePage = admin("v4/jobinstances?" + MINE + "&pageSize=1000");
        assertEquals("7", onePage.header("X-Total-Count").orElse(null));
        assertEquals(Optional.empty(), onePage.header("Link"));
    }

    @Test
    void pagesOfASortWithTiesNeitherRepeatNorSkip() {
        for (String sort : List.of("amcName", "submitter", "-batchStatus", "jobXMLName")) {
            List<Long> concatenated = new ArrayList<>();
            for (int page = 0; page < 4; page++) {
                concatenated.addAll(ids(admin("v3/jobinstances?" + MINE + "&sort=" + sort + "&pageSize=2&page=" + page)));
            }
            assertEquals(v3("sort=" + sort), concatenated, sort);
        }
        List<Long> v2Pages = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            ApiResponse response = admin("v2/jobinstances?jobInstanceId=" + sevenIds + "&pageSize=3&page=" + page);
            assertEquals("7", response.header("X-Total-Count").orElse(null));
            v2Pages.addAll(ids(response));
        }
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v2Pages);
    }

    // ------------------------------------------------------------------------------------------------ versions

    @Test
    void v2IgnoresTheParametersOfLaterVersionsWithoutReportingThem() {
        ApiResponse response = admin("v2/jobinstances?jobInstanceId=" + sevenIds + "&jobName=chunkCopy"
                + "&submitter=admin&appName=nothing&lastUpdatedTime=" + enc(">0d") + "&sort=submitter"
                + "&jobParameter.color=Blue&ignoreCase=maybe&foo=bar");
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), ids(response));
        assertEquals(Optional.empty(), response.header("X-IBM-Unrecognized-Fields"));
        assertEquals("7", response.header("X-Total-Count").orElse(null));
    }

    @Test
    void v3IgnoresAndReportsTheV4OnlyParameters() {
        ApiResponse response = admin("v3/jobinstances?" + MINE + "&jobName=chunkCopy&submitter=admin"
                + "&appName=nothing&permitRedirect=true&purgeJobStoreOnly=true&ignoreCase=true");
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), ids(response));
        assertEquals(List.of("appName", "jobName", "submitter"), unrecognized(response));

        ApiResponse one = admin("v3/jobinstances?" + MINE + "&jobName=chunkCopy");
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), ids(one));
        assertEquals("jobName", one.header("X-IBM-Unrecognized-Fields").orElse(null));
    }

    @Test
    void v3AppliesLastUpdatedTimeSortAndJobParameters() {
        ApiResponse response = admin("v3/jobinstances?" + MINE + "&lastUpdatedTime=" + enc(">1d")
                + "&sort=-submitter&jobParameter.tag=" + TAG);
        assertEquals(List.of(r1, s2, f1, a3), ids(response));
        assertEquals(Optional.empty(), response.header("X-IBM-Unrecognized-Fields"));
    }

    @Test
    void v4ReportsUnknownNamesAndInvalidSortFieldsButNeverTheAlwaysKnownOnes() {
        ApiResponse response = admin("v4/jobinstances?" + MINE + "&foo=bar&sort=-jobInstanceId&permitRedirect=false"
                + "&purgeJobStoreOnly=false&ignoreCase=false&jobParameter.size=L");
        assertEquals(List.of(a1, a3), ids(response));
        assertEquals(List.of("foo", "sort=-jobInstanceId"), unrecognized(response));

        ApiResponse sort = admin("v4/jobinstances?" + MINE + "&sort=-jobInstanceId");
        assertEquals("sort=-jobInstanceId", sort.header("X-IBM-Unrecognized-Fields").orElse(null));
        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), ids(sort));

        ApiResponse mixed = admin("v4/jobinstances?" + MINE + "&sort=bogus,submitter");
        assertEquals("sort=bogus", mixed.header("X-IBM-Unrecognized-Fields").orElse(null));
        assertEquals(List.of(a3, a2, a1, c1, f1, s2, r1), ids(mixed));

        ApiResponse clean = admin("v4/jobinstances?" + MINE + "&sort=submitter&permitRedirect=true");
        assertEquals(Optional.empty(), clean.header("X-IBM-Unrecognized-Fields"));
    }

    @Test
    void v1AndTheUnversionedListIgnoreEveryFilter() {
        for (String path : List.of("jobinstances", "v1/jobinstances")) {
            String filters = path + "?jobInstanceId=" + a1 + "&jobName=chunkCopy&exitStatus=nothing"
                    + "&instanceState=BOGUS&createTime=yesterday&" + MINE + "&sort=submitter&pageSize=1000";
            ApiResponse response = admin(filters);
            assertEquals(200, response.status(), response::toString);
            assertEquals(Optional.empty(), response.header("X-IBM-Unrecognized-Fields"));
            long total = Long.parseLong(response.header("X-Total-Count").orElse("0"));
            assertTrue(total >= 8, response::toString);
            // The fixtures' create times lie days back: on a large repository they are beyond the first page.
            List<Long> all = new ArrayList<>(ids(response));
            for (int page = 1; page * 1000L < total; page++) {
                all.addAll(ids(admin(filters + "&page=" + page)));
            }
            List<Long> mine = all.stream().filter(List.of(a1, a2, a3, f1, c1, s2, r1)::contains).toList();
            assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), mine, path);
        }
    }

    // ------------------------------------------------------------------------------------------------ security

    @Test
    void aSubmitterSearchesOnlyTheirOwnInstances() {
        assertEquals(List.of(f1, c1), ids(BatchApi.as("submitter1").get("v4/jobinstances?" + MINE)));
        assertEquals(List.of(s2), ids(BatchApi.as("submitter2").get("v2/jobinstances?jobInstanceId=" + sevenIds)));
        ApiResponse others = BatchApi.as("submitter1").get("v4/jobinstances?" + MINE + "&submitter=submitter2");
        assertEquals(List.of(), ids(others));
        assertEquals("0", others.header("X-Total-Count").orElse(null));
        ApiResponse byId = BatchApi.as("submitter1").get("v4/jobinstances?jobInstanceId=" + s2);
        assertEquals(List.of(), ids(byId));
        assertEquals("0", byId.header("X-Total-Count").orElse(null));
    }

    @Test
    void aMonitorAndASubmitterMonitorSeeEveryInstance() {
        for (String user : List.of("monitor", "submon")) {
            ApiResponse response = BatchApi.as(user).get("v4/jobinstances?" + MINE);
            assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), ids(response), user);
            assertEquals("7", response.header("X-Total-Count").orElse(null));
            assertEquals(List.of(s2), ids(BatchApi.as(user).get("v4/jobinstances?" + MINE + "&submitter=submitter2")));
        }
    }

    @Test
    void aUserWithoutABatchRoleCannotSearch() {
        JsonShapes.assertProblem(BatchApi.as("nobody").get("v4/jobinstances?" + MINE), 403);
    }

    // ------------------------------------------------------------------------------------------------ bad values

    @Test
    void invalidInstanceIdsAre400NamingJobInstanceId() {
        for (String value : List.of("abc", "-1", "1,,2", "%EF%BC%95", "5:3", "1:", enc(">"), "1.5",
                "99999999999999999999")) {
            assertBadParameter(admin("v4/jobinstances?jobInstanceId=" + value), "jobInstanceId");
            assertBadParameter(admin("v2/jobinstances?jobInstanceId=" + value), "jobInstanceId");
        }
        assertEquals("The jobInstanceId value 5:3 is not valid: the start of the range is after its end.",
                assertBadParameter(admin("v3/jobinstances?jobInstanceId=5:3"), "jobInstanceId"));
        assertTrue(assertBadParameter(admin("v4/jobinstances?jobInstanceId=%EF%BC%95"), "jobInstanceId")
                .contains("\uFF15"));
    }

    @Test
    void aListOfMoreIdsThanAPageIs400() {
        // ids no instance has: a purge that went through would delete nothing
        String thousand = java.util.stream.LongStream.rangeClosed(900_000_001L, 900_001_000L)
                .mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(","));
        assertEquals(List.of(), ids(admin("v4/jobinstances?jobInstanceId=" + thousand)));
        String tooMany = thousand + ",900001001";
        assertEquals("The jobInstanceId list has 1001 ids: give at most 1000, or a range a:b.",
                assertBadParameter(admin("v4/jobinstances?jobInstanceId=" + tooMany), "jobInstanceId"));
        assertBadParameter(BatchApi.as("admin").delete("v4/jobinstances?jobInstanceId=" + tooMany), "jobInstanceId");
    }

    @Test
    void invalidDaysAre400NamingTheTimeParameter() {
        for (String value : List.of("2015-13-45", "2015-02-30", enc("<-1d"), enc(">xd"), "yesterday",
                "2015-11-05:2015-11-04", "2015-11-05:", "15-11-05")) {
            assertBadParameter(admin("v2/jobinstances?createTime=" + value), "createTime");
            assertBadParameter(admin("v4/jobinstances?createTime=" + value), "createTime");
            assertBadParameter(admin("v3/jobinstances?lastUpdatedTime=" + value), "lastUpdatedTime");
        }
    }

    @Test
    void anUnknownInstanceStateIs400ListingTheValidStates() {
        assertEquals(INVALID_STATE_MESSAGE, assertBadParameter(admin("v4/jobinstances?instanceState=BOGUS"),
                "instanceState"));
        assertEquals(INVALID_STATE_MESSAGE, assertBadParameter(admin("v2/jobinstances?instanceState=COMPLETED,BOGUS"),
                "instanceState"));
        assertBadParameter(admin("v4/jobinstances?instanceState=COMPLETED,"), "instanceState");
        assertBadParameter(admin("v3/jobinstances?instanceState=,COMPLETED"), "instanceState");
    }

    @Test
    void otherInvalidValuesAre400NamingTheParameter() {
        assertBadParameter(admin("v4/jobinstances?" + MINE + "&ignoreCase=maybe"), "ignoreCase");
        assertBadParameter(admin("v4/jobinstances?pageSize=1001"), "pageSize");
        assertBadParameter(admin("v2/jobinstances?pageSize=0"), "pageSize");
        assertBadParameter(admin("v3/jobinstances?pageSize=abc"), "pageSize");
        assertBadParameter(admin("v4/jobinstances?page=-1"), "page");
        assertEquals(200, admin("v4/jobinstances?" + MINE + "&pageSize=1000").status());
    }

    @Test
    void sqlMetacharactersInFilterValuesAreMatchedLiterally() {
        ApiResponse injection = admin("v4/jobinstances?jobName=" + enc("x' OR '1'='1"));
        assertEquals(List.of(), ids(injection));
        assertEquals("0", injection.header("X-Total-Count").orElse(null));
        ApiResponse drop = admin("v4/jobinstances?exitStatus=%27;DROP%20TABLE%20JBATCH.JOBINSTANCE");
        assertEquals(List.of(), ids(drop));
        assertEquals("0", drop.header("X-Total-Count").orElse(null));
        assertEquals(List.of(), ids(admin("v2/jobinstances?exitStatus=" + enc("' OR 1=1 --"))));
        assertEquals(List.of(), ids(admin("v4/jobinstances?submitter=" + enc("admin' --"))));
        assertEquals(List.of(), v4("jobParameter.color=" + enc("Blue' OR 'a'='a")));
        assertEquals(List.of(), ids(admin("v4/jobinstances?appName=" + enc("batch-rest') OR ('1'='1"))));
        assertEquals(List.of(), ids(admin("v4/jobinstances?" + enc("jobParameter.x' OR '1'='1") + "=1")));

        assertEquals(List.of(s2, f1, c1, a1, a2, a3, r1), v4(""));
        assertEquals(200, BatchApi.as("admin").get("jobinstances/" + a1).status());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Ids of a v4 search restricted to the seven tagged instances, in response order. */
    private static List<Long> v4(String query) {
        return ids(admin("v4/jobinstances?" + MINE + (query.isEmpty() ? "" : "&" + query) + "&pageSize=1000"));
    }

    private static List<Long> v3(String query) {
        return ids(admin("v3/jobinstances?" + MINE + (query.isEmpty() ? "" : "&" + query) + "&pageSize=1000"));
    }

    /** v2 has no jobParameter filter: it is restricted with the id list of the seven. */
    private static List<Long> v2(String query) {
        return ids(admin("v2/jobinstances?jobInstanceId=" + sevenIds + (query.isEmpty() ? "" : "&" + query)
                + "&pageSize=1000"));
    }

    private static ApiResponse admin(String path) {
        return BatchApi.as("admin").get(path);
    }

    private static List<Long> ids(ApiResponse response) {
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        JsonArray array = response.array();
        for (JsonValue value : array) {
            JsonShapes.assertFields(JsonShapes.INSTANCE_FIELDS, value.asJsonObject());
        }
        return array.stream().map(JsonValue::asJsonObject)
                .map(instance -> instance.getJsonNumber("instanceId").longValue()).toList();
    }

    private static List<String> unrecognized(ApiResponse response) {
        String header = response.header("X-IBM-Unrecognized-Fields").orElse(null);
        assertNotNull(header, response::toString);
        return Arrays.stream(header.split(",")).sorted().toList();
    }

    /** Asserts a 400 problem whose invalidParams names exactly {@code name}; returns the detail. */
    private static String assertBadParameter(ApiResponse response, String name) {
        String detail = JsonShapes.assertProblem(response, 400);
        JsonArray invalid = response.object().getJsonArray("invalidParams");
        assertNotNull(invalid, response::toString);
        assertEquals(1, invalid.size(), response::toString);
        JsonObject param = invalid.getJsonObject(0);
        assertEquals(name, param.getString("name"), response::toString);
        assertEquals(detail, param.getString("reason"), response::toString);
        assertTrue(detail.contains(name), () -> "the detail does not name " + name + ": " + detail);
        return detail;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long submit(String user, String job, String... extra) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("tag", TAG);
        if (job.equals("sleepyBatchlet")) {
            parameters.put("sleepSeconds", "0");
            parameters.put("logLines", "0");
        }
        for (int i = 0; i < extra.length; i += 2) {
            parameters.put(extra[i], extra[i + 1]);
        }
        return Jobs.submit(user, job, parameters);
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(SERVER_ZONE).toInstant();
    }

    private static void createdAt(long id, LocalDate day, LocalTime time) {
        JobRepositoryFixture.setCreateTime(id, at(day, time));
    }
}
