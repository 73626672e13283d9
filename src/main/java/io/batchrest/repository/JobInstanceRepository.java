package io.batchrest.repository;

import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    /** Newest first, with the id as tie-breaker so that pages never overlap or skip. */
    private static final String NEWEST_FIRST = " ORDER BY " + CREATE_TIME + " DESC, " + ID + " DESC";

    private static final String MARK_STOPPED = "UPDATE " + TABLE + " SET " + INSTANCE_STATE + " = ?, "
            + BATCH_STATUS + " = ?, " + UPDATE_TIME + " = ? WHERE " + ID + " = ? AND " + NUM_EXECS + " = 0";

    @Inject
    BatchDatabase database;

    public Optional<JobInstanceRecord> findById(long instanceId) {
        return database.queryOne(BY_ID, JobInstanceRepository::map, instanceId);
    }

    /**
     * One page of instances, newest first; {@code submitter} (when present) keeps only that user's instances.
     */
    public List<JobInstanceRecord> findPage(Optional<String> submitter, long offset, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE
                + submitter.map(user -> " WHERE " + SUBMITTER + " = ?").orElse("")
                + NEWEST_FIRST + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        Object[] parameters = submitter.isPresent()
                ? new Object[] {submitter.get(), offset, limit}
                : new Object[] {offset, limit};
        return database.query(sql, JobInstanceRepository::map, parameters);
    }

    public long count(Optional<String> submitter) {
        String sql = "SELECT COUNT(*) FROM " + TABLE + submitter.map(user -> " WHERE " + SUBMITTER + " = ?").orElse("");
        return submitter.isPresent() ? database.count(sql, submitter.get()) : database.count(sql);
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
