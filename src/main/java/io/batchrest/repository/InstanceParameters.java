package io.batchrest.repository;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.batchrest.repository.BatchRestTables.InstanceParameter;
import static io.batchrest.repository.BatchRestTables.InstanceParameterSync;
import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;

/**
 * Keeps batch-rest's copy of the job parameters ({@link InstanceParameter}) current (docs/api.md, "Searching a large
 * repository"). Liberty's runtime writes the parameters of an execution in its own transaction, whoever started the
 * job (batch-rest, Liberty's API or an application's {@code JobOperator}), so the copy is not written beside them:
 * every second each server copies the parameters of the executions created since the last copy, in execution id
 * order, a chunk per transaction, and moves {@link InstanceParameterSync#SYNCED_THROUGH} past them. The servers of a
 * cluster take turns through the lock of that row.
 *
 * <p>A search never waits for the copy: the executions after the mark (the <em>tail</em>) it reads from Liberty's
 * tables itself ({@link #syncedThrough()}). The mark must therefore never pass an execution that may still appear. An
 * execution id that is missing below a present one is an execution purged, rolled back, or still being written by a
 * transaction that has not committed (PostgreSQL shows rows of later ids meanwhile); it is taken for gone once the
 * next present execution is {@link #SETTLE} old, and the mark waits at it until then.
 *
 * <p>The table has no primary key: the copy, one server at a time, never writes a row twice (it reads which rows
 * of its instances are there first), and a key would be one more index to keep per row.
 *
 * <p>A purge by batch-rest deletes an instance's copied rows with its other rows ({@link JobInstancePurge}), without
 * waiting for the copy; a copy deletes again the rows it inserted of an instance purged meanwhile
 * ({@link #copyChunk}). Rows of an instance that something else purged (Liberty's API) match
 * nothing, as no instance has that id any more, but a walk of the copy reads them: a sweep after each copy deletes
 * them, a few hundred instances a step ({@link #sweepStep}).
 */
@ApplicationScoped
public class InstanceParameters {

    private static final Logger LOG = Logger.getLogger(InstanceParameters.class.getName());

    /** How old the execution after a missing id must be before the id is taken for gone. */
    static final Duration SETTLE = Duration.ofMinutes(2);

    /** Executions per transaction of the copy: about 2,500 parameter rows on a typical repository. */
    static final int CHUNK = 1000;

    /** How often each server copies what is new. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    static final String[] CREATE_TABLES = {
        "CREATE TABLE " + InstanceParameter.TABLE + " (" + InstanceParameter.INSTANCE_ID + " BIGINT NOT NULL, "
                + InstanceParameter.NAME + " VARCHAR(255) NOT NULL, " + InstanceParameter.VALUE
                + " VARCHAR(255) NOT NULL, " + InstanceParameter.CREATE_TIME + " TIMESTAMP NOT NULL)",
        "CREATE TABLE " + InstanceParameterSync.TABLE + " (" + InstanceParameterSync.ID + " INTEGER NOT NULL PRIMARY KEY, "
                + InstanceParameterSync.SYNCED_THROUGH + " BIGINT NOT NULL)",
    };

    private static final String INSERT_MARK = "INSERT INTO " + InstanceParameterSync.TABLE + " ("
            + InstanceParameterSync.ID + ", " + InstanceParameterSync.SYNCED_THROUGH + ") VALUES (1, 0)";

    /** Locks the mark's row for the rest of the transaction, so that one server copies at a time. */
    private static final String LOCK_MARK = "UPDATE " + InstanceParameterSync.TABLE + " SET "
            + InstanceParameterSync.SYNCED_THROUGH + " = " + InstanceParameterSync.SYNCED_THROUGH + " WHERE "
            + InstanceParameterSync.ID + " = 1";

    private static final String READ_MARK = "SELECT " + InstanceParameterSync.SYNCED_THROUGH + " FROM "
            + InstanceParameterSync.TABLE + " WHERE " + InstanceParameterSync.ID + " = 1";

    private static final String MOVE_MARK = "UPDATE " + InstanceParameterSync.TABLE + " SET "
            + InstanceParameterSync.SYNCED_THROUGH + " = ? WHERE " + InstanceParameterSync.ID + " = 1";

    private static final String EXECUTIONS_AFTER = "SELECT " + JobExecution.ID + ", " + JobExecution.CREATE_TIME
            + " FROM " + JobExecution.TABLE + " WHERE " + JobExecution.ID + " > ? ORDER BY " + JobExecution.ID
            + " FETCH FIRST " + CHUNK + " ROWS ONLY";

    /** The parameters of a range of executions, each execution found by its key and its parameters by theirs. */
    private static final String PARAMETERS_OF = "SELECT e." + JobExecution.INSTANCE_ID + ", p." + JobParameter.NAME
            + ", p." + JobParameter.VALUE + ", i." + JobInstance.CREATE_TIME + " FROM --DERBY-PROPERTIES joinOrder=FIXED\n "
            + JobExecution.TABLE + " e, " + JobParameter.TABLE + " p --DERBY-PROPERTIES joinStrategy=NESTEDLOOP\n, "
            + JobInstance.TABLE + " i --DERBY-PROPERTIES joinStrategy=NESTEDLOOP\n WHERE e." + JobExecution.ID
            + " > ? AND e." + JobExecution.ID + " <= ? AND p." + JobParameter.EXECUTION_ID + " = e." + JobExecution.ID
            + " AND i." + JobInstance.ID + " = e." + JobExecution.INSTANCE_ID + " AND p." + JobParameter.NAME
            + " IS NOT NULL AND p." + JobParameter.VALUE + " IS NOT NULL";

    /** Instances per look-up of the rows the copy holds already. */
    private static final int IDS_PER_LOOKUP = 256;

    private static final String COPIED_OF = "SELECT " + InstanceParameter.INSTANCE_ID + ", " + InstanceParameter.NAME
            + ", " + InstanceParameter.VALUE + " FROM " + InstanceParameter.TABLE
            + SearchIndex.PARAMETER_INSTANCE.hint() + " WHERE " + InstanceParameter.INSTANCE_ID + " IN ("
            + BatchDatabase.placeholders(IDS_PER_LOOKUP) + ")";

    private static final String INSERT = "INSERT INTO " + InstanceParameter.TABLE + " (" + InstanceParameter.INSTANCE_ID
            + ", " + InstanceParameter.NAME + ", " + InstanceParameter.VALUE + ", " + InstanceParameter.CREATE_TIME
            + ") VALUES (?, ?, ?, ?)";

    /**
     * Deletes the copied rows of one instance; part of a purge's transaction, run once per instance in one batch.
     * Not an IN list: for one, Derby (without statistics) read the whole table, 2 s at 2 million rows, and a DELETE
     * takes no index hint; for an equality it uses {@link SearchIndex#PARAMETER_INSTANCE}.
     */
    static final String DELETE_OF_INSTANCE = "DELETE FROM " + InstanceParameter.TABLE + " WHERE "
            + InstanceParameter.INSTANCE_ID + " = ?";

    /**
     * Rows of the copy per step of the sweep, one step after each copy while the copy has caught up: about 250
     * instances a second, a pass through the copy of a million instances in about an hour and a quarter.
     */
    static final int SWEEP_ROWS = 640;

    /** The instance ids of the copy's next rows after an instance id, in order, read from the copy's index alone. */
    private static final String COPIED_INSTANCES_AFTER = "SELECT " + InstanceParameter.INSTANCE_ID + " FROM "
            + InstanceParameter.TABLE + SearchIndex.PARAMETER_INSTANCE.hint() + " WHERE " + InstanceParameter.INSTANCE_ID
            + " > ? ORDER BY " + InstanceParameter.INSTANCE_ID + " FETCH FIRST ? ROWS ONLY";

    private static final String INSTANCES_OF = "SELECT " + JobInstance.ID + " FROM " + JobInstance.TABLE + " WHERE "
            + JobInstance.ID + " IN (" + BatchDatabase.placeholders(IDS_PER_LOOKUP) + ")";

    @Inject
    BatchDatabase database;

    @Inject
    RepositoryIndexes indexes;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The mark as this server last read or moved it: never ahead of the database's, so a search may trust it. */
    private final AtomicLong syncedThrough = new AtomicLong();

    /** Whether the last copy found nothing more to copy (until then the tail may be all of the repository). */
    private volatile boolean caughtUp;

    /** Whether a copy of more than one chunk is being made (the first copy of a large repository). */
    private volatile boolean building;

    private ScheduledFuture<?> schedule;

    /** The instance id after which the sweep's next step reads the copy (0: a pass begins). */
    private final AtomicLong sweptThrough = new AtomicLong();

    /** Whether the mark's row is known to exist: once inserted (here or by another server), it stays. */
    private volatile boolean markPresent;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        schedule = scheduler.scheduleWithFixedDelay(this::copyInBackground, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /**
     * The execution id through which the copy holds every execution's parameters: a search reads those of later
     * executions from Liberty's tables. Empty until the copy has caught up once, so that no search reads a tail of
     * the whole repository.
     */
    public Optional<Long> syncedThrough() {
        return caughtUp ? Optional.of(syncedThrough.get()) : Optional.empty();
    }

    /** Whether the first copy of an existing repository is being made (the server is not ready meanwhile). */
    public boolean building() {
        return building;
    }

    /** When a failed copy was last logged: the copy runs every second, and a database that is down fails each. */
    private volatile Instant failureLogged = Instant.MIN;

    private void copyInBackground() {
        try {
            copyNew(Instant.now());
            if (caughtUp) {
                sweepStep();
            }
        } catch (RuntimeException e) {
            Instant now = Instant.now();
            if (failureLogged.isBefore(now.minus(FAILURE_LOG_INTERVAL))) {
                failureLogged = now;
                LOG.log(Level.WARNING, "Copying the job parameters for the searches, or sweeping the copy, failed "
                        + "(logged at most every "
                        + FAILURE_LOG_INTERVAL.toMinutes() + " minutes); the copy goes on where it stopped once the "
                        + "database answers again", e);
            }
        }
    }

    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(5);

    /**
     * Copies chunk after chunk until nothing is left that may be copied yet.
     *
     * @param now the time a missing execution id is judged at ({@link #settledThrough})
     */
    void copyNew(Instant now) {
        // The copy does not build the search indexes itself: the first search (or the start) does. Built by this
        // thread within a second of the first job, they locked JOBINSTANCE under the first submissions.
        if (!indexes.complete()) {
            return;
        }
        ensureMark();
        boolean more;
        long started = System.nanoTime();
        long from = syncedThrough.get();
        int chunks = 0;
        try {
            do {
                Chunk chunk = copyChunk(now);
                // Only once the chunk is committed: a search that trusted the mark earlier might not see its rows.
                syncedThrough.set(chunk.through());
                more = chunk.more();
                building |= more;
                chunks++;
            } while (more);
            caughtUp = true;
        } finally {
            building = false;
        }
        if (chunks > 1) {
            LOG.info("Copied the job parameters of the executions after " + from + " through " + syncedThrough.get()
                    + " for the searches in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        }
    }

    private static final String READ_MARK_COUNT = "SELECT COUNT(*) FROM " + InstanceParameterSync.TABLE;

    /** Inserts the mark's row unless it is there (in a transaction of its own, ignoring another server's insert). */
    private void ensureMark() {
        if (!markPresent) {
            if (database.count(READ_MARK_COUNT) == 0) {
                database.createIgnoringExisting(INSERT_MARK);
            }
            markPresent = true;
        }
    }

    /**
     * Locks the mark's row for the rest of the caller's transaction, before any row of Liberty's tables: the copies
     * and the sweeps of all servers take turns. Purges do not ({@link #copyChunk}). {@link #ensureMark()} must have
     * run.
     */
    static void takeTurn(Connection connection) throws SQLException {
        BatchDatabase.update(connection, LOCK_MARK);
    }

    /**
     * Where a chunk left the mark, whether it was a full chunk (so that more may follow at once), and the instances
     * whose rows it inserted.
     */
    private record Chunk(long through, boolean more, Set<Long> instances) {
    }

    /** A parameter row of an instance, as the copy read it from Liberty's tables. */
    record CopiedRow(long instanceId, String name, String value, java.sql.Timestamp created) {
    }

    /**
     * One chunk, in one transaction that holds the mark, and a check after its commit. A purge does not wait for the
     * copy: the copy's reads of the newest executions wait for the running jobs' transactions that hold their rows,
     * and purges that waited for it spent a third of their time so (docs/benchmarks.md, "Retention waited for the
     * copy"). An instance purged while its parameters are copied may so get its rows inserted after the purge deleted
     * its others; the check deletes the rows of the instances that are gone among those the chunk inserted.
     */
    private Chunk copyChunk(Instant now) {
        Chunk chunk = database.inTransaction(connection -> {
            takeTurn(connection);
            long from = BatchDatabase.query(connection, READ_MARK, row -> row.getLong(1)).get(0);
            List<long[]> executions = BatchDatabase.query(connection, EXECUTIONS_AFTER,
                    row -> new long[] {row.getLong(1), row.getTimestamp(2).toInstant().toEpochMilli()}, from);
            long through = settledThrough(from, executions, now);
            Set<Long> instances = Set.of();
            if (through > from) {
                instances = insertNew(connection, BatchDatabase.query(connection, PARAMETERS_OF,
                        row -> new CopiedRow(row.getLong(1), row.getString(2), row.getString(3), row.getTimestamp(4)),
                        from, through));
                BatchDatabase.update(connection, MOVE_MARK, through);
            }
            return new Chunk(through, executions.size() == CHUNK
                    && through == executions.get(executions.size() - 1)[0], instances);
        });
        if (!chunk.instances().isEmpty()) {
            deleteRowsOfGoneInstances(chunk.instances());
        }
        return chunk;
    }

    /**
     * The highest execution id up to which every id is present or gone: the mark stops before a missing id whose
     * next present execution is younger than {@link #SETTLE}.
     *
     * @param executions the ids after {@code from} and their creation times in epoch milliseconds, ascending
     */
    static long settledThrough(long from, List<long[]> executions, Instant now) {
        long through = from;
        long settledBefore = now.minus(SETTLE).toEpochMilli();
        for (long[] execution : executions) {
            if (execution[0] != through + 1 && execution[1] > settledBefore) {
                return through;
            }
            through = execution[0];
        }
        return through;
    }

    /**
     * Runs {@code statement}, whose one list holds {@link #IDS_PER_LOOKUP} instance ids, for {@code ids} a list at a
     * time: the last list is filled up with an id no instance has, so that there is one statement text, compiled once.
     */
    private static <T> List<T> lookUp(Connection connection, String statement, List<Long> ids,
                                      BatchDatabase.RowMapper<T> mapper) throws SQLException {
        List<T> found = new ArrayList<>();
        for (int start = 0; start < ids.size(); start += IDS_PER_LOOKUP) {
            List<Long> some = new ArrayList<>(ids.subList(start, Math.min(start + IDS_PER_LOOKUP, ids.size())));
            while (some.size() < IDS_PER_LOOKUP) {
                some.add(-1L);
            }
            found.addAll(BatchDatabase.query(connection, statement, mapper, some.toArray()));
        }
        return found;
    }

    /**
     * One step of the sweep: the copied rows of the next {@link #SWEEP_ROWS} rows' instances, in instance id order
     * after where the last step stopped, are deleted where their instance is gone (purged through Liberty's API,
     * which does not know the copy). A step that reaches the end of the copy starts the next pass at its beginning.
     * The step takes its turn with the copy ({@link #takeTurn}): a copy that read an instance's
     * parameters before Liberty's API purged it then cannot insert them after the step looked.
     *
     * @return whether this step ended a pass through the whole copy
     */
    boolean sweepStep() {
        ensureMark();
        return database.inTransaction(connection -> {
            takeTurn(connection);
            List<Long> rows = BatchDatabase.query(connection, COPIED_INSTANCES_AFTER, row -> row.getLong(1),
                    sweptThrough.get(), SWEEP_ROWS);
            deleteRowsOfGone(connection, new LinkedHashSet<>(rows));
            boolean passEnded = rows.size() < SWEEP_ROWS;
            sweptThrough.set(passEnded ? 0 : rows.get(rows.size() - 1));
            return passEnded;
        });
    }

    /**
     * Deletes the copied rows of those of {@code instances} that are gone, in a transaction of its own and without the
     * mark: a purge that is under way meanwhile is waited for, and the rows of an instance that exists are never
     * touched (instance ids are not used again).
     */
    void deleteRowsOfGoneInstances(Set<Long> instances) {
        database.inTransaction(connection -> {
            deleteRowsOfGone(connection, instances);
            return null;
        });
    }

    private static void deleteRowsOfGone(Connection connection, Set<Long> instances) throws SQLException {
        Set<Long> gone = new LinkedHashSet<>(instances);
        lookUp(connection, INSTANCES_OF, List.copyOf(instances), row -> row.getLong(1)).forEach(gone::remove);
        if (!gone.isEmpty()) {
            BatchDatabase.updateEach(connection, DELETE_OF_INSTANCE, List.copyOf(gone));
        }
    }

    /**
     * Inserts those of {@code rows} that the copy does not hold yet, and answers their instances. The caller holds the
     * mark ({@link #takeTurn}), so that no other copy inserts them too.
     */
    static Set<Long> insertNew(Connection connection, List<CopiedRow> rows) throws SQLException {
        Set<Long> instances = new LinkedHashSet<>();
        rows.forEach(row -> instances.add(row.instanceId()));
        Set<List<Object>> copied = new HashSet<>(lookUp(connection, COPIED_OF, List.copyOf(instances),
                row -> List.of(row.getLong(1), row.getString(2), row.getString(3))));
        Set<Long> inserted = new LinkedHashSet<>();
        try (var insert = connection.prepareStatement(INSERT)) {
            for (CopiedRow row : rows) {
                if (copied.add(List.of(row.instanceId(), row.name(), row.value()))) {
                    insert.setLong(1, row.instanceId());
                    insert.setString(2, row.name());
                    insert.setString(3, row.value());
                    insert.setTimestamp(4, row.created());
                    insert.addBatch();
                    inserted.add(row.instanceId());
                }
            }
            if (!inserted.isEmpty()) {
                insert.executeBatch();
            }
        }
        return inserted;
    }
}
