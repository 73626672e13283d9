package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.RetentionCriteria;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.batchrest.repository.BatchTables.JobInstance.*;

/**
 * The instances that retention criteria select (README, "Retention"), oldest id first: the SQL form of
 * {@link RetentionCriteria#selects}.
 */
@ApplicationScoped
public class RetentionCandidates {

    private static final String FINAL_STATES = Arrays.stream(InstanceState.values())
            .filter(state -> !state.isActive())
            .map(state -> Integer.toString(state.ordinal()))
            .collect(Collectors.joining(", "));

    /** An instance has no job name until the runtime has read its JSL: a submission in progress, or one that failed. */
    private static final String JOB_NAMES = "SELECT DISTINCT " + JOB_NAME + " FROM " + TABLE + " WHERE " + JOB_NAME
            + " IS NOT NULL";

    /** The id of the keepLast-th newest finished instance of a job name: the instances kept by count start there. */
    private static final String OLDEST_KEPT_BY_COUNT = "SELECT " + ID + " FROM " + TABLE + " WHERE " + JOB_NAME
            + " = ? AND " + INSTANCE_STATE + " IN (" + FINAL_STATES + ") ORDER BY " + ID
            + " DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY";

    @Inject
    BatchDatabase database;

    /** Every job name of the repository. */
    public List<String> jobNames() {
        return database.query(JOB_NAMES, row -> row.getString(1)).stream().sorted().toList();
    }

    /** Up to {@code limit} selected instances with an id above {@code afterId}, lowest id first. */
    public List<JobInstanceRecord> page(RetentionCriteria criteria, long afterId, int limit) {
        return where(criteria).map(where -> {
            List<Object> parameters = new ArrayList<>(where.parameters());
            parameters.add(afterId);
            parameters.add(limit);
            return database.query("SELECT " + JobInstanceRepository.COLUMNS + " FROM " + TABLE + " WHERE "
                    + where.text() + " AND " + ID + " > ? ORDER BY " + ID + " FETCH FIRST ? ROWS ONLY",
                    JobInstanceRepository::map, parameters.toArray());
        }).orElse(List.of());
    }

    /** How many instances the criteria select. */
    public long count(RetentionCriteria criteria) {
        return where(criteria).map(where -> database.count("SELECT COUNT(*) FROM " + TABLE + " WHERE " + where.text(),
                where.parameters().toArray())).orElse(0L);
    }

    private record Where(String text, List<Object> parameters) {
    }

    /** Empty when the criteria select nothing at all: no state has a cutoff, or keepLast keeps every instance. */
    private Optional<Where> where(RetentionCriteria criteria) {
        if (criteria.cutoffs().isEmpty()) {
            return Optional.empty();
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder text = new StringBuilder(JOB_NAME + " = ?");
        parameters.add(criteria.jobName());
        if (criteria.keepLast() > 0) {
            Optional<Long> oldestKept = database.queryOne(OLDEST_KEPT_BY_COUNT, row -> row.getLong(1),
                    criteria.jobName(), criteria.keepLast() - 1);
            if (oldestKept.isEmpty()) {
                return Optional.empty(); // fewer finished instances than keepLast
            }
            text.append(" AND ").append(ID).append(" < ?");
            parameters.add(oldestKept.get());
        }
        List<String> byState = new ArrayList<>();
        for (Map.Entry<InstanceState, Instant> cutoff : criteria.cutoffs().entrySet()) {
            byState.add("(" + INSTANCE_STATE + " = ? AND " + UPDATE_TIME + " <= ?)");
            parameters.add(cutoff.getKey().ordinal());
            parameters.add(cutoff.getValue());
        }
        text.append(" AND (").append(String.join(" OR ", byState)).append(")");
        return Optional.of(new Where(text.toString(), parameters));
    }
}
