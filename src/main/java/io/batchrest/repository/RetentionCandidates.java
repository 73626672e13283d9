package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.RetentionCriteria;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
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

    /**
     * The lowest and highest id among a job name's instances created up to a time, from the index of job name and
     * create time alone. An instance is created before it is last updated, so every instance that criteria select
     * lies in this range for the latest cutoff; bounding the walk of the ids by it spares each job name's last batch a
     * walk to the newest instance of the table, and every batch the entries at the oldest end that Derby keeps after
     * a purge (README, "Retention").
     */
    private static final String ID_RANGE = "SELECT MIN(" + ID + "), MAX(" + ID + ") FROM " + TABLE + "%s WHERE "
            + JOB_NAME + " = ? AND " + CREATE_TIME + " <= ?";

    /**
     * Added to the latest cutoff for the range of ids: the servers of a cluster stamp the create and last-updated
     * times of an instance with their own clocks, which may be this far apart.
     */
    static final Duration CLOCK_SKEW = Duration.ofHours(1);

    @Inject
    BatchDatabase database;

    @Inject
    RepositoryIndexes indexes;

    /** Every job name of the repository. */
    public List<String> jobNames() {
        return database.query(JOB_NAMES, row -> row.getString(1)).stream().sorted().toList();
    }

    /**
     * One job name's criteria as SQL: what a run (or a dry run) reads batch after batch. Made once per run, since
     * making it reads the database: an empty {@code where} selects nothing.
     */
    public record Selection(RetentionCriteria criteria, Optional<String> where, List<Object> parameters) {

        public Selection {
            parameters = List.copyOf(parameters);
        }

        /** The selection of criteria that select nothing as the repository stands. */
        static Selection none(RetentionCriteria criteria) {
            return new Selection(criteria, Optional.empty(), List.of());
        }
    }

    /** The selection of the criteria as the repository stands now. */
    public Selection select(RetentionCriteria criteria) {
        Optional<Instant> latestCutoff = criteria.cutoffs().values().stream().max(Instant::compareTo);
        if (latestCutoff.isEmpty()) {
            return Selection.none(criteria);
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder text = new StringBuilder(JOB_NAME + " = ?");
        parameters.add(criteria.jobName());
        String hint = indexes.complete() ? SearchIndex.JOBNAME_CREATED.hint() : "";
        // MIN and MAX are null when no instance of the job name is that old; no row at all before the first job,
        // while the repository's tables do not exist yet.
        Optional<List<Long>> range = database.queryOne(String.format(ID_RANGE, hint),
                row -> row.getObject(1) == null ? List.<Long>of() : List.of(row.getLong(1), row.getLong(2)),
                criteria.jobName(), latestCutoff.get().plus(CLOCK_SKEW)).filter(ids -> !ids.isEmpty());
        if (range.isEmpty()) {
            return Selection.none(criteria);
        }
        text.append(" AND ").append(ID).append(" >= ? AND ").append(ID).append(" <= ?");
        parameters.addAll(range.get());
        if (criteria.keepLast() > 0) {
            Optional<Long> oldestKept = database.queryOne(OLDEST_KEPT_BY_COUNT, row -> row.getLong(1),
                    criteria.jobName(), criteria.keepLast() - 1);
            if (oldestKept.isEmpty()) {
                return Selection.none(criteria); // fewer finished instances than keepLast
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
        return new Selection(criteria, Optional.of(text.toString()), parameters);
    }

    /** Up to {@code limit} selected instances with an id above {@code afterId}, lowest id first. */
    public List<JobInstanceRecord> page(Selection selection, long afterId, int limit) {
        return selection.where().map(where -> {
            List<Object> parameters = new ArrayList<>(selection.parameters());
            parameters.add(afterId);
            parameters.add(limit);
            return database.query("SELECT " + JobInstanceRepository.COLUMNS + " FROM " + TABLE + " WHERE "
                    + where + " AND " + ID + " > ? ORDER BY " + ID + " FETCH FIRST ? ROWS ONLY",
                    JobInstanceRepository::map, parameters.toArray());
        }).orElse(List.of());
    }

    /** How many instances the selection selects. */
    public long count(Selection selection) {
        return selection.where().map(where -> database.count("SELECT COUNT(*) FROM " + TABLE + " WHERE " + where,
                selection.parameters().toArray())).orElse(0L);
    }
}
