package io.batchrest.service;

import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.RetentionCriteria;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which instances a rule set selects at a given moment (README, "Retention"). */
class RetentionCriteriaTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void eachFinalStateIsKeptForItsOwnDurationAfterItsLastUpdate() {
        RetentionRules rules = RetentionRules.parse("*: COMPLETED=P1D, FAILED=P7D");
        List<JobInstanceRecord> instances = List.of(
                instance(1, "payroll", InstanceState.COMPLETED, NOW.minusSeconds(86_400)), // exactly 1 day: due
                instance(2, "payroll", InstanceState.COMPLETED, NOW.minusSeconds(86_399)),
                instance(3, "payroll", InstanceState.FAILED, NOW.minusSeconds(2 * 86_400)),
                instance(4, "payroll", InstanceState.FAILED, NOW.minusSeconds(8 * 86_400)),
                instance(5, "payroll", InstanceState.STOPPED, NOW.minusSeconds(365 * 86_400)),
                instance(6, "payroll", InstanceState.DISPATCHED, NOW.minusSeconds(365 * 86_400)));

        assertEquals(List.of(1L, 4L), selected(rules, instances));
    }

    @Test
    void keepLastKeepsTheNewestFinishedInstancesOfEachJobNameWhateverTheirAge() {
        RetentionRules rules = RetentionRules.parse("*: COMPLETED=PT0S, FAILED=PT0S, keepLast=2");
        Instant old = NOW.minusSeconds(3600);
        List<JobInstanceRecord> instances = List.of(
                instance(1, "payroll", InstanceState.COMPLETED, old),
                instance(2, "billing", InstanceState.COMPLETED, old),
                instance(3, "payroll", InstanceState.FAILED, old),
                instance(4, "payroll", InstanceState.COMPLETED, old),
                instance(5, "billing", InstanceState.FAILED, old),
                instance(6, "payroll", InstanceState.DISPATCHED, old),
                instance(7, "payroll", InstanceState.STOPPED, old));

        // payroll keeps 7 and 4 (6 is not finished and does not count); billing keeps both of its own.
        assertEquals(List.of(1L, 3L), selected(rules, instances));
    }

    @Test
    void aJobNameRuleReplacesTheGeneralOneForThatJobName() {
        RetentionRules rules = RetentionRules.parse("*: COMPLETED=PT0S, FAILED=PT0S; payroll: FAILED=P30D, keepLast=1");
        Instant old = NOW.minusSeconds(40L * 86_400);
        List<JobInstanceRecord> instances = List.of(
                instance(1, "payroll", InstanceState.COMPLETED, old), // payroll's rule keeps COMPLETED forever
                instance(2, "payroll", InstanceState.FAILED, old),
                instance(3, "payroll", InstanceState.FAILED, old), // the newest finished payroll instance
                instance(4, "billing", InstanceState.COMPLETED, NOW),
                instance(5, "billing", InstanceState.FAILED, old));

        assertEquals(List.of(2L, 4L, 5L), selected(rules, instances));
    }

    @Test
    void anInstanceWithoutALastUpdateIsNeverSelected() {
        RetentionCriteria criteria = RetentionRules.parse("*: COMPLETED=PT0S").general().orElseThrow()
                .criteria("payroll", NOW);

        assertEquals(false, criteria.selects(instance(1, "payroll", InstanceState.COMPLETED, null), 0));
    }

    /** What the rules select among {@code instances}, lowest id first: per job name its criteria at {@link #NOW}. */
    private static List<Long> selected(RetentionRules rules, List<JobInstanceRecord> instances) {
        List<Long> ids = new ArrayList<>();
        for (JobInstanceRecord instance : instances) {
            int newerFinished = (int) instances.stream()
                    .filter(other -> other.jobName().equals(instance.jobName()))
                    .filter(other -> !other.instanceState().isActive())
                    .filter(other -> other.instanceId() > instance.instanceId()).count();
            rules.ruleFor(instance.jobName())
                    .filter(rule -> rule.criteria(instance.jobName(), NOW).selects(instance, newerFinished))
                    .ifPresent(rule -> ids.add(instance.instanceId()));
        }
        return ids;
    }

    private static JobInstanceRecord instance(long id, String jobName, InstanceState state, Instant lastUpdated) {
        return new JobInstanceRecord(id, jobName, "batch-rest", "admin", BatchStatus.COMPLETED, jobName, state, "",
                lastUpdated, lastUpdated, 1);
    }
}
