package io.batchrest.service;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Retention's server variables (or any MicroProfile Config source; README, "Retention"):
 * {@code batchrest.retention.rules} ({@link RetentionRules}; unset or empty: retention is off),
 * {@code batchrest.retention.interval} (ISO-8601 duration between runs, default {@value #DEFAULT_INTERVAL}) and
 * {@code batchrest.retention.batchSize} (instances selected and purged per step of a run, between renewals of the
 * lease, default {@value #DEFAULT_BATCH_SIZE}). A setting that cannot be understood turns retention off, with
 * {@link #problem()} saying why: purging on a misread rule could not be undone.
 */
public record RetentionSettings(RetentionRules rules, Duration interval, int batchSize, Optional<String> problem) {

    public static final String RULES = "batchrest.retention.rules";
    public static final String INTERVAL = "batchrest.retention.interval";
    public static final String BATCH_SIZE = "batchrest.retention.batchSize";
    static final String DEFAULT_INTERVAL = "PT1H";
    static final int DEFAULT_BATCH_SIZE = 100;
    static final int MAX_BATCH_SIZE = 1000;

    /** Reads the settings from {@code lookup}, which answers a variable's value if it is set. */
    public static RetentionSettings read(Function<String, Optional<String>> lookup) {
        RetentionRules rules = new RetentionRules(List.of());
        Duration interval = Duration.parse(DEFAULT_INTERVAL);
        int batchSize = DEFAULT_BATCH_SIZE;
        try {
            rules = RetentionRules.parse(lookup.apply(RULES).orElse(""));
            interval = lookup.apply(INTERVAL).map(RetentionSettings::interval).orElse(interval);
            batchSize = lookup.apply(BATCH_SIZE).map(RetentionSettings::batchSize).orElse(batchSize);
            return new RetentionSettings(rules, interval, batchSize, Optional.empty());
        } catch (IllegalArgumentException e) {
            return new RetentionSettings(rules, interval, batchSize, Optional.of(e.getMessage()));
        }
    }

    /** ISO-8601, in days where it is a whole number of them (P30D rather than Java's PT720H). */
    public static String iso(Duration duration) {
        return !duration.isZero() && duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /** Retention runs only with rules and without a problem in any setting. */
    public boolean enabled() {
        return problem.isEmpty() && !rules.isEmpty();
    }

    private static Duration interval(String value) {
        try {
            Duration interval = Duration.parse(value.strip());
            if (!interval.isNegative() && !interval.isZero()) {
                return interval;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException(INTERVAL + " is \"" + value + "\", which is not a positive ISO-8601 "
                + "duration such as PT1H.");
    }

    private static int batchSize(String value) {
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= MAX_BATCH_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(BATCH_SIZE + " is \"" + value + "\", which is not a number from 1 to "
                + MAX_BATCH_SIZE + ".");
    }
}
