package io.batchrest.service;

import io.batchrest.model.InstanceState;
import io.batchrest.model.RetentionCriteria;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The retention rules of {@code batchrest.retention.rules} (README, "Retention"), e.g.
 * {@code *: COMPLETED=P7D, FAILED=P30D, keepLast=10; payroll: COMPLETED=P400D, keepLast=100}. Rules are separated by
 * {@code ;}; each names a job name (or {@code *} for every job name without a rule of its own), a colon, and
 * comma-separated settings: {@code <final state>=<ISO-8601 duration>} keeps finished instances of that state for
 * that long after their last update, {@code keepLast=<n>} keeps the n newest finished instances of each job name
 * whatever their age. A job name's rule replaces the general one entirely: a final state it does not name is kept
 * forever. Parsing refuses anything it does not understand, so that a mistyped rule never purges what was meant to
 * stay.
 */
public record RetentionRules(List<Rule> rules) {

    /** The job name of the rule for every job name without one of its own. */
    public static final String EVERY_JOB = "*";

    /** One rule: how long each final state is kept, and how many of the newest finished instances always stay. */
    public record Rule(String jobName, Map<InstanceState, Duration> keep, int keepLast) {

        public Rule {
            EnumMap<InstanceState, Duration> copy = new EnumMap<>(InstanceState.class);
            copy.putAll(keep);
            keep = Collections.unmodifiableMap(copy);
        }

        public boolean general() {
            return EVERY_JOB.equals(jobName);
        }

        /** What the rule purges of {@code jobName} at {@code now}. */
        public RetentionCriteria criteria(String jobName, Instant now) {
            Map<InstanceState, Instant> cutoffs = new EnumMap<>(InstanceState.class);
            keep.forEach((state, duration) -> cutoffs.put(state, now.minus(duration)));
            return new RetentionCriteria(jobName, cutoffs, keepLast);
        }
    }

    public RetentionRules {
        rules = List.copyOf(rules);
    }

    /** An empty or blank text has no rules: retention is off. */
    public static RetentionRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        Map<String, Rule> byJobName = new LinkedHashMap<>();
        for (String ruleText : text.split(";", -1)) {
            if (ruleText.isBlank()) {
                continue;
            }
            Rule rule = parseRule(ruleText.strip());
            if (byJobName.putIfAbsent(rule.jobName(), rule) != null) {
                throw new IllegalArgumentException("There are two retention rules for job name " + rule.jobName()
                        + "; give each job name one rule.");
            }
            rules.add(rule);
        }
        return new RetentionRules(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public Optional<Rule> general() {
        return rules.stream().filter(Rule::general).findFirst();
    }

    /** The job names that have a rule of their own. */
    public List<String> namedJobs() {
        return rules.stream().filter(rule -> !rule.general()).map(Rule::jobName).toList();
    }

    /** The rule that applies to a job name: its own, else the general one. */
    public Optional<Rule> ruleFor(String jobName) {
        return rules.stream().filter(rule -> rule.jobName().equals(jobName)).findFirst().or(this::general);
    }

    private static Rule parseRule(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("The retention rule \"" + text + "\" has no job name: write "
                    + "<jobName>: <settings>, or *: <settings> for every job name.");
        }
        String jobName = text.substring(0, colon).strip();
        if (jobName.isEmpty() || jobName.chars().anyMatch(Character::isWhitespace)
                || (jobName.contains(EVERY_JOB) && !jobName.equals(EVERY_JOB))) {
            throw new IllegalArgumentException("The retention rule \"" + text + "\" does not start with a job name "
                    + "or *.");
        }
        Map<InstanceState, Duration> keep = new EnumMap<>(InstanceState.class);
        Integer keepLast = null;
        String settings = text.substring(colon + 1);
        // A rule without settings keeps every instance of its job name.
        for (String setting : settings.isBlank() ? new String[0] : settings.split(",", -1)) {
            String trimmed = setting.strip();
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("The retention rule for " + jobName + " has a setting \"" + trimmed
                        + "\" that is not <final state>=<duration> or keepLast=<count>.");
            }
            String name = trimmed.substring(0, equals).strip();
            String value = trimmed.substring(equals + 1).strip();
            if (name.equals("keepLast")) {
                if (keepLast != null) {
                    throw new IllegalArgumentException("The retention rule for " + jobName + " sets keepLast twice.");
                }
                keepLast = count(jobName, value);
            } else {
                InstanceState state = finalState(jobName, name);
                if (keep.put(state, duration(jobName, state, value)) != null) {
                    throw new IllegalArgumentException("The retention rule for " + jobName + " sets " + state
                            + " twice.");
                }
            }
        }
        return new Rule(jobName, keep, keepLast == null ? 0 : keepLast);
    }

    private static InstanceState finalState(String jobName, String name) {
        InstanceState state;
        try {
            state = InstanceState.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            state = null;
        }
        if (state == null || state.isActive() || !state.name().equals(name)) {
            throw new IllegalArgumentException("The retention rule for " + jobName + " names \"" + name + "\", "
                    + "which is not a final state: use COMPLETED, FAILED, STOPPED, ABANDONED or keepLast.");
        }
        return state;
    }

    private static Duration duration(String jobName, InstanceState state, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below, with what a duration looks like
        }
        throw new IllegalArgumentException("The retention rule for " + jobName + " keeps " + state + " for \"" + value
                + "\", which is not an ISO-8601 duration of zero or more such as PT12H or P30D.");
    }

    private static int count(String jobName, String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("The retention rule for " + jobName + " has keepLast=" + value
                + ", which is not a count of zero or more.");
    }
}
