package io.batchrest.repository;

import io.batchrest.query.InstanceIdFilter;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.SortKey;
import io.batchrest.query.TimeRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;
import java.util.Arrays;
import java.time.Instant;

/**
 * Turns a {@link JobInstanceSearch} into SQL over JOBINSTANCE. Every value is a bound parameter; the only text
 * that reaches the statement comes from the column constants and the sort allow-list. A submitter-only caller's
 * scope is one more condition, applied before paging.
 */
final class JobInstanceSearchSql {

    /** A statement and its parameters, in order. */
    record Sql(String text, List<Object> parameters) {
    }

    private static final String ALIAS = "i.";
    private static final char ESCAPE = '\\';

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();
    private final JobInstanceSearch search;

    private JobInstanceSearchSql(JobInstanceSearch search, Optional<String> ownerOnly) {
        this(search, ownerOnly, null);
    }

    /** {@code drivingParameter}: a job parameter the count joins from instead of testing it per instance. */
    private JobInstanceSearchSql(JobInstanceSearch search, Optional<String> ownerOnly, String drivingParameter) {
        this.search = search;
        if (drivingParameter != null) {
            conditions.add("p." + JobParameter.NAME + " = ?");
            parameters.add(drivingParameter);
            conditions.add(match("p." + JobParameter.VALUE, search.jobParameters().get(drivingParameter)));
        }
        search.instanceIds().ifPresent(this::instanceIds);
        search.createTime().ifPresent(range -> time(JobInstance.CREATE_TIME, range));
        search.lastUpdatedTime().ifPresent(range -> time(JobInstance.UPDATE_TIME, range));
        if (!search.states().isEmpty()) {
            conditions.add(ALIAS + JobInstance.INSTANCE_STATE + " IN (" + search.states().stream()
                    .map(state -> "?").collect(Collectors.joining(", ")) + ")");
            search.states().forEach(state -> parameters.add(state.ordinal()));
        }
        anyOf(JobInstance.EXIT_STATUS, search.exitStatuses());
        anyOf(JobInstance.SUBMITTER, search.submitters());
        anyOf(JobInstance.JOB_NAME, search.jobNames());
        anyOf(JobInstance.AMC_NAME, search.appNames().stream()
                .map(name -> name.contains("#") ? name : name + "#*").toList());
        search.jobParameters().forEach((name, value) -> {
            if (!name.equals(drivingParameter)) {
                jobParameter(name, value);
            }
        });
        ownerOnly.ifPresent(user -> {
            conditions.add(ALIAS + JobInstance.SUBMITTER + " = ?");
            parameters.add(user);
        });
    }

    /** One page of matches, in the search's order. */
    static Sql page(JobInstanceSearch search, Optional<String> ownerOnly) {
        JobInstanceSearchSql sql = new JobInstanceSearchSql(search, ownerOnly);
        List<Object> parameters = new ArrayList<>(sql.parameters);
        parameters.add(search.page().offset());
        parameters.add(search.page().pageSize());
        return new Sql("SELECT " + columns() + " FROM " + JobInstance.TABLE + " i" + sql.where() + sql.orderBy()
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", parameters);
    }

    /**
     * The number of matches before paging. With a job-parameter filter the count starts from the matching parameter
     * rows (an index lookup on NAME, VALUE) and joins their executions and instances by key: testing the parameter
     * once per instance, as the page query may (it stops after one page), would visit every instance.
     */
    static Sql count(JobInstanceSearch search, Optional<String> ownerOnly) {
        if (search.jobParameters().isEmpty()) {
            JobInstanceSearchSql sql = new JobInstanceSearchSql(search, ownerOnly);
            return new Sql("SELECT COUNT(*) FROM " + JobInstance.TABLE + " i" + sql.where(), sql.parameters);
        }
        String driving = search.jobParameters().keySet().iterator().next();
        JobInstanceSearchSql sql = new JobInstanceSearchSql(search, ownerOnly, driving);
        return new Sql("SELECT COUNT(DISTINCT i." + JobInstance.ID + ") FROM " + JobParameter.TABLE + " p JOIN "
                + JobExecution.TABLE + " e ON e." + JobExecution.ID + " = p." + JobParameter.EXECUTION_ID + " JOIN "
                + JobInstance.TABLE + " i ON i." + JobInstance.ID + " = e." + JobExecution.INSTANCE_ID + sql.where(),
                sql.parameters);
    }

    private static String columns() {
        return Arrays.stream(JobInstanceRepository.COLUMNS.split(", "))
                .map(column -> ALIAS + column).collect(Collectors.joining(", "));
    }

    private String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The requested keys, then newest first, then the id, so that equal keys never change places between pages. */
    private String orderBy() {
        List<String> keys = new ArrayList<>();
        for (SortKey key : search.sort()) {
            keys.add(ALIAS + column(key.field()) + (key.descending() ? " DESC" : " ASC"));
        }
        if (search.sort().isEmpty()) {
            keys.add(ALIAS + JobInstance.CREATE_TIME + " DESC");
        }
        keys.add(ALIAS + JobInstance.ID + " DESC");
        return " ORDER BY " + String.join(", ", keys);
    }

    private static String column(SortKey.Field field) {
        return switch (field) {
            case CREATE_TIME -> JobInstance.CREATE_TIME;
            case LAST_UPDATED_TIME -> JobInstance.UPDATE_TIME;
            case SUBMITTER -> JobInstance.SUBMITTER;
            case APP_NAME -> JobInstance.AMC_NAME;
            case JOB_XML_NAME -> JobInstance.JOB_XML_NAME;
            case BATCH_STATUS -> JobInstance.BATCH_STATUS;
            case EXIT_STATUS -> JobInstance.EXIT_STATUS;
        };
    }

    private void instanceIds(InstanceIdFilter filter) {
        String id = ALIAS + JobInstance.ID;
        if (filter instanceof InstanceIdFilter.Between between) {
            conditions.add(id + " BETWEEN ? AND ?");
            parameters.add(between.from());
            parameters.add(between.to());
        } else if (filter instanceof InstanceIdFilter.AtLeast atLeast) {
            conditions.add(id + " >= ?");
            parameters.add(atLeast.from());
        } else if (filter instanceof InstanceIdFilter.AtMost atMost) {
            conditions.add(id + " <= ?");
            parameters.add(atMost.to());
        } else if (filter instanceof InstanceIdFilter.AnyOf anyOf) {
            conditions.add(id + " IN (" + BatchDatabase.placeholders(anyOf.ids().size()) + ")");
            parameters.addAll(anyOf.ids());
        }
    }

    private void time(String column, TimeRange range) {
        range.from().ifPresent(from -> {
            conditions.add(ALIAS + column + " >= ?");
            parameters.add(storable(from));
        });
        range.until().ifPresent(until -> {
            conditions.add(ALIAS + column + " < ?");
            parameters.add(storable(until));
        });
    }

    /**
     * A bound moved into a window that every database can store and that holds every job ever run. A valid day
     * such as 9999-12-31 (whose end is in year 10000) or {@code >99999999d} would otherwise fail in the database;
     * moved to the window's edge it selects what it means: everything, or nothing.
     */
    static Instant storable(Instant bound) {
        if (bound.isBefore(EARLIEST)) {
            return EARLIEST;
        }
        return bound.isAfter(LATEST) ? LATEST : bound;
    }

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    /** Values of one text filter OR together. */
    private void anyOf(String column, List<String> patterns) {
        if (patterns.isEmpty()) {
            return;
        }
        List<String> alternatives = new ArrayList<>();
        for (String pattern : patterns) {
            alternatives.add(match(ALIAS + column, pattern));
        }
        conditions.add(alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")");
    }

    /** Instances any of whose executions had the parameter. */
    private void jobParameter(String name, String valuePattern) {
        conditions.add("EXISTS (SELECT 1 FROM " + JobExecution.TABLE + " e JOIN " + JobParameter.TABLE
                + " p ON p." + JobParameter.EXECUTION_ID + " = e." + JobExecution.ID + " WHERE e."
                + JobExecution.INSTANCE_ID + " = " + ALIAS + JobInstance.ID + " AND p." + JobParameter.NAME
                + " = ? AND " + match("p." + JobParameter.VALUE, valuePattern, name) + ")");
    }

    private String match(String column, String pattern) {
        return match(column, pattern, null);
    }

    /**
     * {@code column = ?} for a plain value (so an index can serve it), {@code column LIKE ? ESCAPE '\'} when the
     * value has a {@code *}; {@code leadingParameter} is bound before the pattern.
     */
    private String match(String column, String pattern, String leadingParameter) {
        if (leadingParameter != null) {
            parameters.add(leadingParameter);
        }
        boolean ignoreCase = search.ignoreCase();
        String subject = ignoreCase ? "UPPER(" + column + ")" : column;
        String value = ignoreCase ? pattern.toUpperCase(Locale.ROOT) : pattern;
        if (value.indexOf('*') < 0) {
            parameters.add(value);
            return subject + " = ?";
        }
        parameters.add(likePattern(value));
        return subject + " LIKE ? ESCAPE '" + ESCAPE + "'";
    }

    /** {@code *} becomes {@code %}; a literal {@code %}, {@code _} or escape character matches itself. */
    static String likePattern(String pattern) {
        StringBuilder like = new StringBuilder(pattern.length() + 8);
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '%', '_', ESCAPE -> like.append(ESCAPE).append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }
}
