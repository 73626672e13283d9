package io.batchrest.service;

import io.batchrest.UnitTestConfig;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.Refusal;
import io.batchrest.repository.IdempotencyKeyStore.Claim;
import io.batchrest.repository.StoredTextLimits.StoredText;
import io.batchrest.service.Fakes.Gateway.Start;
import io.batchrest.service.Fakes.Keys.UserKey;
import io.batchrest.service.IdempotentSubmissions.Outcome;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static io.batchrest.service.Fakes.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Submissions with an {@code Idempotency-Key} (docs/contract.md §11): the same key from the same user within the
 * retention window answers the instance the first request started; the same key with another request is a 409; a
 * refused submission leaves the key unused.
 */
class IdempotentSubmissionsTest {

    private static final String KEY = "nightly-2026-11-21";
    private static final String INVALID_KEY = "The Idempotency-Key header must be 1 to 255 visible ASCII characters.";

    private final Fakes fakes = new Fakes();
    private final IdempotentSubmissions submissions = fakes.idempotentSubmissions();

    private static JobSubmission chunkCopy(Map<String, String> parameters) {
        return new JobSubmission("batch-rest", null, null, "chunkCopy", parameters, Optional.empty());
    }

    /** What the runtime records when it is next asked to start a job: an instance of the submitter, its execution. */
    private void nextStartRecords(long instanceId, String submitter) {
        fakes.addInstance(instanceId, submitter, InstanceState.SUBMITTED);
        fakes.addExecution(instanceId * 10, instanceId, BatchStatus.STARTING, Map.of());
        fakes.gateway.startedExecutionId = instanceId * 10;
    }

    /** A key the user claimed {@code age} ago for this request, with the instance it started (if it did). */
    private void claimed(String user, JobSubmission submission, Optional<Long> instanceId, Duration age) {
        fakes.keys.claims.put(new UserKey(user, KEY), new Claim(IdempotentSubmissions.hash(submission), instanceId,
                Instant.now().minus(age)));
    }

    // ---- without a key

    @Test
    void withoutAKeyEverySubmissionStartsAJobAndNoKeyIsRecorded() {
        nextStartRecords(5, "submitter1");

        Outcome outcome = submissions.submit(Optional.empty(), chunkCopy(parameters("items", "5")), SUBMITTER);

        assertEquals(5, outcome.instance().instanceId());
        assertFalse(outcome.replayed());
        assertEquals(List.of(), fakes.keys.calls);
    }

    // ---- first use and replay

    @Test
    void theFirstUseOfAKeyStartsTheJobAndRecordsItsInstanceUnderTheKey() {
        nextStartRecords(5, "submitter1");

        Outcome outcome = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);

        assertEquals(5, outcome.instance().instanceId());
        assertFalse(outcome.replayed());
        assertEquals(List.of(new Start("chunkCopy", parameters("items", "5"))), fakes.gateway.packagedStarts);
        assertEquals(List.of("claim submitter1 " + KEY, "complete submitter1 " + KEY + " 5"), fakes.keys.calls);
        assertEquals(Optional.of(5L), fakes.keys.claims.get(new UserKey("submitter1", KEY)).instanceId());
    }

    @Test
    void theSameRequestWithTheSameKeyAnswersTheSameInstanceReplayedWithoutStartingAnother() {
        nextStartRecords(5, "submitter1");
        Outcome first = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);
        nextStartRecords(6, "submitter1");

        Outcome again = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);

        assertEquals(new Outcome(first.instance(), true), again);
        assertEquals(1, fakes.gateway.packagedStarts.size());
    }

    @Test
    void theOrderOfTheParametersDoesNotMakeAnotherRequest() {
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("items", "5");
        oneOrder.put("failAt", "3");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("failAt", "3");
        otherOrder.put("items", "5");
        nextStartRecords(5, "submitter1");
        submissions.submit(Optional.of(KEY), chunkCopy(oneOrder), SUBMITTER);

        Outcome again = submissions.submit(Optional.of(KEY), chunkCopy(otherOrder), SUBMITTER);

        assertEquals(5, again.instance().instanceId());
        assertEquals(true, again.replayed());
    }

    @Test
    void anotherRequestWithTheSameKeyIsAConflictNamingTheKeyAndTheUser() {
        nextStartRecords(5, "submitter1");
        submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);

        assertRefused(Refusal.Kind.CONFLICT, "The Idempotency-Key nightly-2026-11-21 was already used by submitter1 "
                        + "for a different request.",
                () -> submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "6")), SUBMITTER));
        assertRefused(Refusal.Kind.CONFLICT, "The Idempotency-Key nightly-2026-11-21 was already used by submitter1 "
                        + "for a different request.",
                () -> submissions.submit(Optional.of(KEY), new JobSubmission("batch-rest", null, null, "other",
                        parameters("items", "5"), Optional.empty()), SUBMITTER));
        assertEquals(1, fakes.gateway.packagedStarts.size());
    }

    @Test
    void keysArePerUser() {
        nextStartRecords(5, "submitter1");
        Outcome submitters = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);
        nextStartRecords(6, "admin");

        Outcome admins = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), ADMIN);

        assertEquals(5, submitters.instance().instanceId());
        assertEquals(6, admins.instance().instanceId());
        assertFalse(admins.replayed());
        assertEquals(2, fakes.gateway.packagedStarts.size());
        assertEquals(List.of(new UserKey("submitter1", KEY), new UserKey("admin", KEY)),
                List.copyOf(fakes.keys.claims.keySet()));
    }

    // ---- refusals

    @Test
    void aRefusedSubmissionDoesNotUseTheKeyUp() {
        fakes.limits.sizes.put(StoredText.JOB_PARAMETER_VALUE, 3);

        assertRefused(Refusal.Kind.INVALID, "The value of job parameter items has 4 characters: the job repository "
                + "stores at most 3.",
                () -> submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "1000")), SUBMITTER));
        assertEquals(List.of("claim submitter1 " + KEY, "release submitter1 " + KEY), fakes.keys.calls);
        assertEquals(Map.of(), fakes.keys.claims);

        nextStartRecords(5, "submitter1");
        Outcome corrected = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "100")), SUBMITTER);
        assertEquals(5, corrected.instance().instanceId());
        assertFalse(corrected.replayed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\tkey", "line\nbreak", "caf\u00e9", "del\u007f", "nul\u0000"})
    void aKeyThatIsNotVisibleAsciiIsInvalid(String key) {
        Refusal refusal = assertRefused(Refusal.Kind.INVALID, INVALID_KEY,
                () -> submissions.submit(Optional.of(key), chunkCopy(Map.of()), SUBMITTER));
        assertEquals(List.of(new Refusal.InvalidParameter("Idempotency-Key", INVALID_KEY)),
                refusal.invalidParameters());
        assertEquals(List.of(), fakes.keys.calls);
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void aKeyOfMoreThan255CharactersIsInvalid() {
        assertRefused(Refusal.Kind.INVALID, INVALID_KEY,
                () -> submissions.submit(Optional.of("k".repeat(256)), chunkCopy(Map.of()), SUBMITTER));
        assertEquals(List.of(), fakes.keys.calls);
    }

    @Test
    void aKeyOf255VisibleCharactersIsAccepted() {
        String key = "!" + "k".repeat(253) + "~";
        nextStartRecords(5, "submitter1");

        submissions.submit(Optional.of(key), chunkCopy(Map.of()), SUBMITTER);

        assertEquals(List.of("claim submitter1 " + key, "complete submitter1 " + key + " 5"), fakes.keys.calls);
    }

    @Test
    void aCallerWhoMayNotSubmitIsRefusedBeforeTheKeyIsClaimed() {
        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to start batch jobs.",
                () -> submissions.submit(Optional.of(KEY), chunkCopy(Map.of()), MONITOR));
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.",
                () -> submissions.submit(Optional.of(KEY), chunkCopy(Map.of()), NOBODY));
        assertEquals(List.of(), fakes.keys.calls);
    }

    // ---- the retention window, and a key another request holds

    @Test
    void aKeyWithinTheRetentionWindowIsReplayed() {
        nextStartRecords(4, "submitter1");
        claimed("submitter1", chunkCopy(parameters("items", "5")), Optional.of(4L), Duration.ofHours(23));

        Outcome outcome = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);

        assertEquals(new Outcome(fakes.lookup().instance(4), true), outcome);
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void aKeyOlderThanTheRetentionWindowIsForgottenAndStartsAnotherJob() {
        claimed("submitter1", chunkCopy(parameters("items", "5")), Optional.of(4L), Duration.ofHours(25));
        nextStartRecords(5, "submitter1");

        Outcome outcome = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "6")), SUBMITTER);

        assertEquals(5, outcome.instance().instanceId());
        assertFalse(outcome.replayed());
        assertEquals(List.of("claim submitter1 " + KEY, "find submitter1 " + KEY, "expire submitter1 " + KEY,
                "claim submitter1 " + KEY, "complete submitter1 " + KEY + " 5"), fakes.keys.calls);
    }

    @Test
    void theRetentionWindowIsConfigurable() {
        UnitTestConfig.install(Map.of("batchrest.idempotency.retention", "PT1H"));
        try {
            claimed("submitter1", chunkCopy(parameters("items", "5")), Optional.of(4L), Duration.ofMinutes(61));
            nextStartRecords(5, "submitter1");

            Outcome outcome = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);

            assertEquals(5, outcome.instance().instanceId());
            assertFalse(outcome.replayed());
        } finally {
            UnitTestConfig.install(Map.of());
        }
    }

    @Test
    void aRetentionSettingThatIsNotAPositiveDurationLeavesTheDefault() {
        assertEquals(Duration.ofHours(48), IdempotentSubmissions.retentionOf(Optional.of("PT48H")));
        assertEquals(Duration.ofDays(2), IdempotentSubmissions.retentionOf(Optional.of(" P2D ")));
        assertEquals(Duration.ofHours(24), IdempotentSubmissions.retentionOf(Optional.empty()));
        assertEquals(Duration.ofHours(24), IdempotentSubmissions.retentionOf(Optional.of("48 hours")));
        assertEquals(Duration.ofHours(24), IdempotentSubmissions.retentionOf(Optional.of("-PT1H")));
        assertEquals(Duration.ofHours(24), IdempotentSubmissions.retentionOf(Optional.of("PT0S")));
    }

    @Test
    void aKeyClaimedByARequestThatDiedBeforeStartingItsJobIsFreeAgain() {
        claimed("submitter1", chunkCopy(parameters("items", "5")), Optional.empty(), Duration.ofSeconds(61));
        nextStartRecords(5, "submitter1");

        Outcome outcome = submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "5")), SUBMITTER);

        assertEquals(5, outcome.instance().instanceId());
        assertFalse(outcome.replayed());
        assertEquals(List.of("claim submitter1 " + KEY, "find submitter1 " + KEY,
                "expirePending submitter1 " + KEY, "claim submitter1 " + KEY,
                "complete submitter1 " + KEY + " 5"), fakes.keys.calls);
    }

    @Test
    void anIdenticalRequestWaitsForTheOneHoldingTheKeyAndAnswersItsInstance() {
        JobSubmission submission = chunkCopy(parameters("items", "5"));
        claimed("submitter1", submission, Optional.empty(), Duration.ZERO);
        nextStartRecords(4, "submitter1");
        fakes.keys.afterFind = () -> fakes.keys.complete("submitter1", KEY, 4); // the first request starts its job

        Outcome outcome = submissions.submit(Optional.of(KEY), submission, SUBMITTER);

        assertEquals(new Outcome(fakes.lookup().instance(4), true), outcome);
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void anotherRequestWithAKeyStillBeingProcessedIsAConflictAtOnce() {
        claimed("submitter1", chunkCopy(parameters("items", "5")), Optional.empty(), Duration.ZERO);

        assertRefused(Refusal.Kind.CONFLICT, "The Idempotency-Key nightly-2026-11-21 was already used by submitter1 "
                        + "for a different request.",
                () -> submissions.submit(Optional.of(KEY), chunkCopy(parameters("items", "6")), SUBMITTER));
        assertFalse(fakes.gateway.calledAtAll());
    }

    @Test
    void aKeyReleasedByTheRequestHoldingItIsClaimedAgain() {
        JobSubmission submission = chunkCopy(parameters("items", "5"));
        claimed("submitter1", submission, Optional.empty(), Duration.ZERO);
        fakes.keys.afterFind = () -> fakes.keys.claims.clear(); // the first request was refused meanwhile
        nextStartRecords(5, "submitter1");

        Outcome outcome = submissions.submit(Optional.of(KEY), submission, SUBMITTER);

        assertEquals(5, outcome.instance().instanceId());
        assertFalse(outcome.replayed());
    }

    // ---- the request hash

    @Test
    void theRequestHashSeparatesFieldsUnambiguously() {
        assertFalse(IdempotentSubmissions.hash(chunkCopy(parameters("a", "b=c")))
                .equals(IdempotentSubmissions.hash(chunkCopy(parameters("a=b", "c")))));
        assertFalse(IdempotentSubmissions.hash(chunkCopy(Map.of()))
                .equals(IdempotentSubmissions.hash(new JobSubmission("batch-rest", "batch-rest.war", null,
                        "chunkCopy", Map.of(), Optional.empty()))));
    }
}
