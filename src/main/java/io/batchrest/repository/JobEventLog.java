package io.batchrest.repository;

import io.batchrest.model.JobChange;
import io.batchrest.model.JobEvent;
import io.batchrest.model.JobEventType;
import io.batchrest.model.StepMetrics;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.batchrest.repository.BatchRestTables.JobEvent.*;

/**
 * The table of job events that every server of a cluster writes its changes to and reads the others' from
 * (docs/api.md, "Job events"): its identity column gives each event the id it has on every server's stream. Created
 * with its schema when first needed; rows are written in batches, one transaction each, in the order given.
 */
@ApplicationScoped
public class JobEventLog {

    /** Longer texts are cut: an event row never fails for the length of a name or exit status. */
    static final int TEXT_COLUMN_SIZE = 4000;

    private static final String COLUMNS = EVENT_TYPE + ", " + INSTANCE_ID + ", " + JOB_NAME + ", " + SUBMITTER + ", "
            + EXECUTION_ID + ", " + BATCH_STATUS + ", " + EXIT_STATUS + ", " + STEP_EXECUTION_ID + ", " + STEP_NAME
            + ", " + String.join(", ", METRICS) + ", " + EVENT_TIME + ", " + CREATED;
    private static final String TEXT = " VARCHAR(" + TEXT_COLUMN_SIZE + ")";
    static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (" + ID
            + " BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, " + EVENT_TYPE + " VARCHAR(16) NOT NULL, "
            + INSTANCE_ID + " BIGINT NOT NULL, " + JOB_NAME + TEXT + ", " + SUBMITTER + TEXT + ", " + EXECUTION_ID
            + " BIGINT NOT NULL, " + BATCH_STATUS + " VARCHAR(16), " + EXIT_STATUS + TEXT + ", " + STEP_EXECUTION_ID
            + " BIGINT, " + STEP_NAME + TEXT + ", " + String.join(" BIGINT, ", METRICS) + " BIGINT, " + EVENT_TIME
            + " TIMESTAMP, " + CREATED + " TIMESTAMP NOT NULL)";
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES ("
            + BatchDatabase.placeholders(COLUMNS.split(",").length) + ")";
    private static final String SELECT = "SELECT " + ID + ", " + COLUMNS + " FROM " + TABLE;
    private static final String AFTER = SELECT + " WHERE " + ID + " > ? ORDER BY " + ID + " FETCH FIRST ? ROWS ONLY";
    private static final String LATEST = SELECT + " ORDER BY " + ID + " DESC FETCH FIRST ? ROWS ONLY";
    private static final String LATEST_ID = "SELECT MAX(" + ID + ") FROM " + TABLE;
    private static final String OLDEST_ID = "SELECT MIN(" + ID + ") FROM " + TABLE;
    private static final String DELETE_RANGE = "DELETE FROM " + TABLE + " WHERE " + ID + " >= ? AND " + ID
            + " < ? AND " + CREATED + " < ?";

    @Inject
    BatchDatabase database;

    @Inject
    OwnTables ownTables;

    /** Writes the changes in one transaction, in this order, so that their ids increase in this order. */
    public void append(List<JobChange> changes, Instant now) {
        ownTables.create(CREATE_TABLE);
        database.inTransaction(connection -> {
            for (JobChange change : changes) {
                BatchDatabase.update(connection, INSERT, values(change, now));
            }
            return null;
        });
    }

    /** The events with ids above {@code afterId}, lowest first, at most {@code limit}; committed rows only. */
    public List<JobEvent> after(long afterId, int limit) {
        ownTables.create(CREATE_TABLE);
        return database.queryCommitted(AFTER, JobEventLog::event, afterId, limit);
    }

    /** The latest {@code count} events, lowest id first. */
    public List<JobEvent> latest(int count) {
        ownTables.create(CREATE_TABLE);
        List<JobEvent> events = new ArrayList<>(database.queryCommitted(LATEST, JobEventLog::event, count));
        Collections.reverse(events);
        return events;
    }

    /** The highest id given so far, 0 before the first event. */
    public long latestId() {
        ownTables.create(CREATE_TABLE);
        return database.queryCommitted(LATEST_ID, row -> row.getLong(1)).get(0);
    }

    /**
     * Deletes the rows written before {@code createdBefore} among the oldest {@code batch} ids, if they are below
     * {@code belowId}: one short statement, which retention repeats while it deletes something. Returns how many.
     */
    public int deleteOldest(long belowId, Instant createdBefore, int batch) {
        ownTables.create(CREATE_TABLE);
        long oldest = database.queryCommitted(OLDEST_ID, row -> row.getLong(1)).get(0);
        if (oldest == 0 || oldest >= belowId) {
            return 0;
        }
        return database.update(DELETE_RANGE, oldest, Math.min(belowId, oldest + batch), createdBefore);
    }


    private static Object[] values(JobChange change, Instant now) {
        Optional<JobChange.Step> step = change.step();
        Optional<StepMetrics> metrics = step.flatMap(JobChange.Step::metrics);
        List<Object> values = new ArrayList<>(List.of(change.type().name(), change.instanceId()));
        values.add(cut(change.jobName()));
        values.add(cut(change.submitter()));
        values.add(change.executionId());
        values.add(change.batchStatus().map(BatchStatus::name).orElse(null));
        values.add(cut(change.exitStatus()));
        values.add(step.map(JobChange.Step::stepExecutionId).orElse(null));
        values.add(step.map(JobChange.Step::stepName).map(JobEventLog::cut).orElse(null));
        long[] counts = metrics.map(JobEventLog::counts).orElse(null);
        for (int i = 0; i < METRICS.length; i++) {
            values.add(counts == null ? null : counts[i]);
        }
        values.add(change.time().orElse(null));
        values.add(now);
        return values.toArray();
    }

    private static JobEvent event(ResultSet row) throws SQLException {
        long stepExecutionId = row.getLong(STEP_EXECUTION_ID);
        Optional<JobChange.Step> step = Optional.empty();
        if (!row.wasNull()) {
            long[] counts = new long[METRICS.length];
            boolean ended = false;
            for (int i = 0; i < METRICS.length; i++) {
                counts[i] = row.getLong(METRICS[i]);
                ended = !row.wasNull();
            }
            step = Optional.of(new JobChange.Step(stepExecutionId, row.getString(STEP_NAME), ended
                    ? Optional.of(new StepMetrics(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                    counts[6], counts[7])) : Optional.empty()));
        }
        String batchStatus = row.getString(BATCH_STATUS);
        return new JobEvent(row.getLong(ID), new JobChange(JobEventType.valueOf(row.getString(EVENT_TYPE)),
                row.getLong(INSTANCE_ID), text(row.getString(JOB_NAME)), text(row.getString(SUBMITTER)),
                row.getLong(EXECUTION_ID), Optional.ofNullable(batchStatus).map(BatchStatus::valueOf),
                text(row.getString(EXIT_STATUS)), step,
                Optional.ofNullable(BatchDatabase.instant(row, EVENT_TIME))));
    }

    private static long[] counts(StepMetrics metrics) {
        return new long[] {metrics.read(), metrics.write(), metrics.commit(), metrics.rollback(), metrics.readSkip(),
                metrics.processSkip(), metrics.filter(), metrics.writeSkip()};
    }

    private static String cut(String text) {
        return text == null || text.length() <= TEXT_COLUMN_SIZE ? text : text.substring(0, TEXT_COLUMN_SIZE);
    }

    /** Derby gives back an empty string as stored; PostgreSQL too; a null (never written) reads as empty. */
    private static String text(String value) {
        return value == null ? "" : value;
    }
}
