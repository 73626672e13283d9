package io.batchrest.service;

import io.batchrest.model.InstanceState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The syntax of {@code batchrest.retention.rules} and the other retention settings (README, "Retention"). */
class RetentionRulesTest {

    @Test
    void aGeneralRuleAndAJobNameRuleAreParsedWithTheirDurationsAndKeepLast() {
        RetentionRules rules = RetentionRules.parse(
                " *: COMPLETED=P7D, FAILED=P30D, STOPPED=PT12H, ABANDONED=PT0S, keepLast=10 ;payroll:COMPLETED=P400D,"
                        + "keepLast=100");

        assertEquals(List.of(
                new RetentionRules.Rule("*", Map.of(InstanceState.COMPLETED, Duration.ofDays(7),
                        InstanceState.FAILED, Duration.ofDays(30), InstanceState.STOPPED, Duration.ofHours(12),
                        InstanceState.ABANDONED, Duration.ZERO), 10),
                new RetentionRules.Rule("payroll", Map.of(InstanceState.COMPLETED, Duration.ofDays(400)), 100)),
                rules.rules());
        assertEquals(List.of("payroll"), rules.namedJobs());
    }

    @Test
    void aJobNameRuleReplacesTheGeneralOneAndOtherJobNamesGetTheGeneralOne() {
        RetentionRules rules = RetentionRules.parse("*: COMPLETED=P7D, keepLast=3; payroll: FAILED=P1D");

        assertEquals(Map.of(InstanceState.FAILED, Duration.ofDays(1)), rules.ruleFor("payroll").orElseThrow().keep());
        assertEquals(0, rules.ruleFor("payroll").orElseThrow().keepLast());
        assertEquals("*", rules.ruleFor("billing").orElseThrow().jobName());
        assertEquals(Optional.empty(), RetentionRules.parse("payroll: FAILED=P1D").ruleFor("billing"));
    }

    @Test
    void aRuleWithoutSettingsKeepsItsJobNameForever() {
        RetentionRules rules = RetentionRules.parse("*: COMPLETED=P1D; payroll:");

        assertEquals(new RetentionRules.Rule("payroll", Map.of(), 0), rules.ruleFor("payroll").orElseThrow());
    }

    @Test
    void noTextOrOnlySeparatorsMeansNoRules() {
        assertTrue(RetentionRules.parse("").isEmpty());
        assertTrue(RetentionRules.parse(" ; ;").isEmpty());
    }

    @Test
    void everyMistakeIsRefusedWithAMessageNamingIt() {
        assertRefused("COMPLETED=P1D", "The retention rule \"COMPLETED=P1D\" has no job name: write <jobName>: "
                + "<settings>, or *: <settings> for every job name.");
        assertRefused(": COMPLETED=P1D", "The retention rule \": COMPLETED=P1D\" does not start with a job name or *.");
        assertRefused("pay*: COMPLETED=P1D", "The retention rule \"pay*: COMPLETED=P1D\" does not start with a job "
                + "name or *.");
        assertRefused("payroll: DONE=P1D", "The retention rule for payroll names \"DONE\", which is not a final "
                + "state: use COMPLETED, FAILED, STOPPED, ABANDONED or keepLast.");
        assertRefused("payroll: completed=P1D", "The retention rule for payroll names \"completed\", which is not a "
                + "final state: use COMPLETED, FAILED, STOPPED, ABANDONED or keepLast.");
        assertRefused("payroll: DISPATCHED=P1D", "The retention rule for payroll names \"DISPATCHED\", which is not "
                + "a final state: use COMPLETED, FAILED, STOPPED, ABANDONED or keepLast.");
        assertRefused("payroll: COMPLETED=7 days", "The retention rule for payroll keeps COMPLETED for \"7 days\", "
                + "which is not an ISO-8601 duration of zero or more such as PT12H or P30D.");
        assertRefused("payroll: COMPLETED=-P1D", "The retention rule for payroll keeps COMPLETED for \"-P1D\", "
                + "which is not an ISO-8601 duration of zero or more such as PT12H or P30D.");
        assertRefused("payroll: COMPLETED=P1D, COMPLETED=P2D", "The retention rule for payroll sets COMPLETED "
                + "twice.");
        assertRefused("payroll: keepLast=-1", "The retention rule for payroll has keepLast=-1, which is not a count "
                + "of zero or more.");
        assertRefused("payroll: keepLast=3, keepLast=4", "The retention rule for payroll sets keepLast twice.");
        assertRefused("payroll: COMPLETED=P1D,", "The retention rule for payroll has a setting \"\" that is not "
                + "<final state>=<duration> or keepLast=<count>.");
        assertRefused("payroll: COMPLETED=P1D; payroll: FAILED=P1D", "There are two retention rules for job name "
                + "payroll; give each job name one rule.");
        assertRefused("*: COMPLETED=P1D; *: FAILED=P1D", "There are two retention rules for job name *; give each "
                + "job name one rule.");
    }

    @Test
    void settingsDefaultToAnHourlyRunOfBatchesOf100AndNoRulesMeansOff() {
        RetentionSettings settings = RetentionSettings.read(name -> Optional.empty());

        assertFalse(settings.enabled());
        assertEquals(Optional.empty(), settings.problem());
        assertEquals(Duration.ofHours(1), settings.interval());
        assertEquals(100, settings.batchSize());
    }

    @Test
    void settingsWithRulesAreEnabledWithTheirIntervalAndBatchSize() {
        RetentionSettings settings = RetentionSettings.read(settingsOf(Map.of(RetentionSettings.RULES,
                "*: COMPLETED=P1D", RetentionSettings.INTERVAL, "PT5M", RetentionSettings.BATCH_SIZE, "20")));

        assertTrue(settings.enabled());
        assertEquals(Duration.ofMinutes(5), settings.interval());
        assertEquals(20, settings.batchSize());
    }

    @Test
    void aBadSettingTurnsRetentionOffAndSaysWhy() {
        assertOff(Map.of(RetentionSettings.RULES, "payroll: DONE=P1D"), "The retention rule for payroll names "
                + "\"DONE\", which is not a final state: use COMPLETED, FAILED, STOPPED, ABANDONED or keepLast.");
        assertOff(Map.of(RetentionSettings.RULES, "*: COMPLETED=P1D", RetentionSettings.INTERVAL, "PT0S"),
                "batchrest.retention.interval is \"PT0S\", which is not a positive ISO-8601 duration such as PT1H.");
        assertOff(Map.of(RetentionSettings.RULES, "*: COMPLETED=P1D", RetentionSettings.BATCH_SIZE, "1001"),
                "batchrest.retention.batchSize is \"1001\", which is not a number from 1 to 1000.");
    }

    private static void assertOff(Map<String, String> values, String problem) {
        RetentionSettings settings = RetentionSettings.read(settingsOf(values));
        assertFalse(settings.enabled());
        assertEquals(Optional.of(problem), settings.problem());
    }

    private static java.util.function.Function<String, Optional<String>> settingsOf(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static void assertRefused(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> RetentionRules.parse(text))
                .getMessage(), text);
    }
}
