package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.query.JobInstanceSearch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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

    private static final String ACTIVE_BY_STATE = "SELECT " + INSTANCE_STATE + ", COUNT(*) FROM " + TABLE
            + " WHERE " + INSTANCE_STATE + " IN (" + java.util.Arrays.stream(InstanceState.values())
            .filter(InstanceState::isActive).map(state -> Integer.toString(state.ordinal()))
            .collect(java.util.stream.Collectors.joining(", ")) + ") GROUP BY " + INSTANCE_STATE;

    /** How many instances are in each state that is not final yet; a state without any is absent. */
    public java.util.Map<InstanceState, Long> countActiveByState() {
        java.util.Map<InstanceState, Long> counts = new java.util.EnumMap<>(InstanceState.class);
        database.query(ACTIVE_BY_STATE, row -> java.util.Map.entry(InstanceState.ofOrdinal(row.getInt(1)),
                row.getLong(2))).forEach(count -> counts.put(count.getKey(), count.getValue()));
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
        indexes.ensure();
        return new JobInstanceSearchPlanner(database, candidateLimit, countLimit).search(new JobInstanceSearchSql(search, ownerOnly),
                search.page().pageSize(), search.page().offset(), search.page().after(), totals,
                indexes.complete());
    }

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
