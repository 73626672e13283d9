package io.batchrest.service;

import io.batchrest.model.Refusal;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.repository.IdempotencyKeyStore;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Submissions with an {@code Idempotency-Key} (docs/contract.md §11): the same key from the same user within the
 * retention window ({@code batchrest.idempotency.retention}, ISO-8601, default PT24H) returns the instance the key
 * started instead of starting another; the same key with a different request is a 409.
 */
@ApplicationScoped
public class IdempotentSubmissions {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(IdempotentSubmissions.class.getName());

    /** The instance of a submission, and whether it was started by an earlier request with the same key. */
    public record Outcome(JobInstanceRecord instance, boolean replayed) {
    }

    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** How long an identical request waits for the first one, which holds the key, to start its job. */
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);

    @Inject
    JobSubmissionService submissions;

    @Inject
    IdempotencyKeyStore keys;

    @Inject
    JobLookup lookup;

    public Outcome submit(Optional<String> key, JobSubmission submission, CallerScope caller) {
        if (key.isEmpty()) {
            return new Outcome(submissions.submit(submission, caller), false);
        }
        caller.requireSubmit();
        String value = key.get();
        if (!VISIBLE_ASCII.matcher(value).matches()) {
            throw Refusal.invalidParameter("Idempotency-Key", "The Idempotency-Key header must be 1 to 255 visible "
                    + "ASCII characters.");
        }
        String user = caller.user();
        String hash = hash(submission);
        Duration retention = retention();
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        while (true) {
            Instant now = Instant.now();
            if (keys.claim(user, value, hash, now)) {
                return startClaimed(user, value, submission, caller);
            }
            Optional<IdempotencyKeyStore.Claim> claim = keys.find(user, value);
            if (claim.isEmpty()) {
                continue;
            }
            Instant expired = now.minus(retention);
            if (claim.get().created().isBefore(expired)) {
                keys.expire(user, value, expired);
                continue;
            }
            if (!claim.get().requestHash().equals(hash)) {
                throw Refusal.conflict("The Idempotency-Key " + value + " was already used by " + user
                        + " for a different request.");
            }
            if (claim.get().instanceId().isPresent()) {
                return new Outcome(lookup.instance(claim.get().instanceId().get()), true);
            }
            Instant abandoned = now.minus(WAIT_FOR_FIRST.multipliedBy(2));
            if (claim.get().created().isBefore(abandoned)) {
                // The request that claimed the key died before starting its job: the key is free again.
                keys.expirePending(user, value, abandoned);
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw Refusal.conflict("A request with the Idempotency-Key " + value
                        + " is still being processed; retry it later.");
            }
            pause();
        }
    }

    private Outcome startClaimed(String user, String key, JobSubmission submission, CallerScope caller) {
        JobInstanceRecord instance;
        try {
            instance = submissions.submit(submission, caller);
        } catch (RuntimeException refused) {
            keys.release(user, key);
            throw refused;
        }
        keys.complete(user, key, instance.instanceId());
        return new Outcome(instance, false);
    }

    /** The request as it matters for a job: target, JSL and parameters, independent of how it was encoded. */
    static String hash(JobSubmission submission) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {submission.applicationName(), submission.moduleName(),
                submission.componentName(), submission.inlineJsl().isPresent() ? null : submission.jobXmlName()}) {
            canonical.append(field == null ? "-" : field.length() + ":" + field).append('\n');
        }
        Map<String, String> parameters = new TreeMap<>(submission.jobParameters());
        parameters.forEach((name, value) -> canonical.append(name.length()).append(':').append(name)
                .append('=').append(value.length()).append(':').append(value).append('\n'));
        submission.inlineJsl().ifPresent(jsl -> canonical.append(new String(jsl.bytes(), StandardCharsets.UTF_8)));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long a key is remembered unless {@link #RETENTION} says otherwise. */
    static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    static final String RETENTION = "batchrest.idempotency.retention";

    /** Read at the first keyed submission. */
    private volatile Duration retention;

    private Duration retention() {
        Duration read = retention;
        if (read == null) {
            read = retentionOf(ConfigProvider.getConfig().getOptionalValue(RETENTION, String.class));
            retention = read;
        }
        return read;
    }

    /**
     * The retention window a setting asks for. A setting that is not a positive ISO-8601 duration is logged once and
     * the default applies: a typo in server.xml must not turn every keyed submission into a 500.
     */
    static Duration retentionOf(Optional<String> setting) {
        if (setting.isEmpty()) {
            return DEFAULT_RETENTION;
        }
        try {
            Duration parsed = Duration.parse(setting.get().trim());
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // logged below
        }
        LOG.warning(RETENTION + " is \"" + setting.get() + "\", which is not a positive ISO-8601 duration such as "
                + "PT48H; keys are kept for the default " + DEFAULT_RETENTION + ".");
        return DEFAULT_RETENTION;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refusal.conflict("Interrupted while waiting for a request with the same Idempotency-Key.");
        }
    }
}
