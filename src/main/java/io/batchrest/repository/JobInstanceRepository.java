package io.batchrest.repository;

import io.batchrest.model.InstanceCount;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.query.GroupKey;
import io.batchrest.query.JobInstanceSearch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.batchrest.repository.BatchTables.JobInstance.*;

/** Reads job instances from Liberty's repository. */
@ApplicationScoped
public class JobInstanceRepository {

    /** Every column the API shows; never the JSL blob. */
    static final String COLUMNS = String.join(", ", ID, JOB_NAME, AMC_NAME, SUBMITTER, BATCH_STATUS, JOB_XML_NAME,
            INSTANCE_STATE, EXIT_STATUS, CREATE_TIME, UPDATE_TIME, NUM_EXECS);

    private static final String BY_ID = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + ID + " = ?";

    private static final String MARK_STOPPED = "UPDATE " + TABLE + " SET " + INSTANCE_STATE + " = ?, "
            + BATCH_STATUS + " = ?, " + UPDATE_TIME + " = ? WHERE " + ID + " = ? AND " + NUM_EXECS + " = 0";

    private static final String JOB_XML_BY_ID = "SELECT " + JOB_XML + " FROM " + TABLE + " WHERE " + ID + " = ?";

    @Inject
    BatchDatabase database;

    /** The JSL the instance was started with, as the runtime stored it. */
    public Optional<byte[]> jobXml(long instanceId) {
        return database.queryOne(JOB_XML_BY_ID, row -> row.getBytes(1), instanceId);
    }

    @Inject
    RepositoryIndexes indexes;

    @Inject
    InstanceParameters parameters;

    @Inject
    LargeCounts largeCounts;

    private final int candidateLimit = ConfigProvider.getConfig()
            .getOptionalValue("batchrest.search.candidateLimit", Integer.class)
            .filter(limit -> limit > 0).orElse(JobInstanceSearchPlanner.DEFAULT_CANDIDATE_LIMIT);

    private final int countLimit = ConfigProvider.getConfig()
            .getOptionalValue("batchrest.search.countLimit", Integer.class)
            .filter(limit -> limit > 0).orElse(JobInstanceSearchPlanner.DEFAULT_COUNT_LIMIT);

    private static final String BY_EXECUTION = "SELECT " + java.util.Arrays.stream(COLUMNS.split(", "))
            .map(column -> "i." + column).collect(java.util.stream.Collectors.joining(", ")) + " FROM " + TABLE
            + " i JOIN " + BatchTables.JobExecution.TABLE + " e ON e." + BatchTables.JobExecution.INSTANCE_ID
            + " = i." + ID + " WHERE e." + BatchTables.JobExecution.ID + " = ?";

    /** The instances not final yet, counted per state; {@code %s}: where they are read from. */
    private static final String ACTIVE_BY_STATE = "SELECT " + INSTANCE_STATE + ", COUNT(*) FROM " + TABLE
            + "%s WHERE " + INSTANCE_STATE + " IN (" + java.util.Arrays.stream(InstanceState.values())
            .filter(InstanceState::isActive).map(state -> Integer.toString(state.ordinal()))
            .collect(java.util.stream.Collectors.joining(", ")) + ") GROUP BY " + INSTANCE_STATE;

    /**
     * How many instances are in each state that is not final yet; a state without any is absent. Read in the
     * entries of those states of the state index: left to itself without statistics, Derby read every instance
     * (300-490 ms at 1,000,000 instances, against under 1 ms), and the metrics ask for this at every scrape.
     */
    public java.util.Map<InstanceState, Long> countActiveByState() {
        java.util.Map<InstanceState, Long> counts = new java.util.EnumMap<>(InstanceState.class);
        String byState = indexes.complete() ? SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT.hint() : "";
        database.query(String.format(ACTIVE_BY_STATE, byState), row -> java.util.Map.entry(
                InstanceState.ofOrdinal(row.getInt(1)), row.getLong(2)))
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    /** The instance of an execution, in one query. */
    public Optional<JobInstanceRecord> findByExecution(long executionId) {
        return database.queryOne(BY_EXECUTION, JobInstanceRepository::map, executionId);
    }

    public Optional<JobInstanceRecord> findById(long instanceId) {
        return database.queryOne(BY_ID, JobInstanceRepository::map, instanceId);
    }

    /**
     * One page of a search, in the search's order, with its total (docs/api.md, "Totals"); {@code ownerOnly}
     * restricts it to one submitter.
     *
     * @param totals how much of the total to count
     */
    public SearchPage search(JobInstanceSearch search, Optional<String> ownerOnly, Totals totals) {
        indexes.ensureUnlessBeingCreated();
        return new JobInstanceSearchPlanner(database, candidateLimit, countLimit,
                JobInstanceSearchPlanner.DEFAULT_SORTED_ID_RANGE, parameters.syncedThrough(), largeCounts,
                indexes.updatesBeforeCreationRecorded())
                .search(new JobInstanceSearchSql(search, ownerOnly),
                search.page().pageSize(), search.page().offset(), search.page().after(), totals,
                indexes.complete());
    }

    /**
     * The instances a search's filters select (its paging and sort aside), counted per distinct combination of
     * {@code groupBy} as one statement reads them (docs/api.md, "Aggregates"); {@code ownerOnly} restricts them to
     * one submitter. The groups come ordered by the keys in {@link GroupKey} order: days ascending, states in their
     * stored order (docs/contract.md §5), job names by their characters (Java's order, the same on every database,
     * whatever its collation); a missing value after every other.
     */
    public List<InstanceCount> countGrouped(JobInstanceSearch filters, List<GroupKey> groupBy,
                                            Optional<String> ownerOnly) {
        indexes.ensureUnlessBeingCreated();
        JobInstanceSearchSql sql = new JobInstanceSearchSql(filters, ownerOnly);
        JobInstanceSearchSql.Sql matches = sql.keysOfMatches(groupBy,
                indexes.complete() ? sql.countIndex() : Optional.empty());
        Map<Group, long[]> counts = new HashMap<>();
        database.forEachRow(matches.text(), row -> group(row, groupBy), group -> {
            counts.computeIfAbsent(group, absent -> new long[1])[0]++;
            return true;
        }, matches.parameters().toArray());
        List<InstanceCount> groups = new ArrayList<>(counts.size());
        counts.forEach((group, count) -> groups.add(new InstanceCount(group.day(), group.createDay(),
                group.instanceState(), group.jobName(), count[0])));
        groups.sort(GROUP_ORDER);
        return groups;
    }

    /** The keys of a group; those not grouped by are null. */
    private record Group(LocalDate day, LocalDate createDay, InstanceState instanceState, String jobName) {
    }

    /** The group of one match. */
    private static Group group(ResultSet row, List<GroupKey> groupBy) throws SQLException {
        LocalDate day = null;
        LocalDate createDay = null;
        InstanceState state = null;
        String jobName = null;
        for (int k = 0; k < groupBy.size(); k++) {
            int column = k + 1;
            switch (groupBy.get(k)) {
                case DAY -> day = localDay(row.getTimestamp(column));
                case CREATE_DAY -> createDay = localDay(row.getTimestamp(column));
                case INSTANCE_STATE -> {
                    int ordinal = row.getInt(column);
                    state = row.wasNull() ? null : InstanceState.ofOrdinal(ordinal);
                }
                case JOB_NAME -> jobName = row.getString(column);
            }
        }
        return new Group(day, createDay, state, jobName);
    }

    /**
     * The server-local day of a stored time: the repository holds timestamps in the JVM's zone (through JDBC), so
     * the local date-time is the server's wall clock, as the search grammar's days mean.
     */
    private static LocalDate localDay(java.sql.Timestamp time) {
        return time == null ? null : time.toLocalDateTime().toLocalDate();
    }

    private static final Comparator<InstanceCount> GROUP_ORDER = Comparator
            .comparing(InstanceCount::day, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(InstanceCount::createDay, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(InstanceCount::instanceState, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(InstanceCount::jobName, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * Marks an instance that never got an execution as STOPPED (a stop request for it has nothing to stop).
     * Returns false if the instance has an execution by now.
     */
    public boolean markStoppedWithoutExecution(long instanceId) {
        return database.update(MARK_STOPPED, InstanceState.STOPPED.ordinal(), BatchStatus.STOPPED.ordinal(),
                Instant.now(), instanceId) == 1;
    }

    static JobInstanceRecord map(ResultSet row) throws SQLException {
        return new JobInstanceRecord(
                row.getLong(ID),
                row.getString(JOB_NAME),
                row.getString(AMC_NAME),
                row.getString(SUBMITTER),
                BatchStatus.values()[row.getInt(BATCH_STATUS)],
                row.getString(JOB_XML_NAME),
                InstanceState.ofOrdinal(row.getInt(INSTANCE_STATE)),
                row.getString(EXIT_STATUS),
                BatchDatabase.instant(row, CREATE_TIME),
                BatchDatabase.instant(row, UPDATE_TIME),
                row.getInt(NUM_EXECS));
    }
}
