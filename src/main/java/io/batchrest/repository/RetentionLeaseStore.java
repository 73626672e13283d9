package io.batchrest.repository;

import io.batchrest.model.RetentionLease;
import io.batchrest.model.RetentionRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static io.batchrest.repository.BatchRestTables.RetentionLease.*;

/**
 * The retention lease of a cluster (README, "Retention"): one row of batch-rest's own table
 * {@link BatchRestTables.RetentionLease}, which the server that runs retention holds until an expiry time it renews
 * while it runs. Another server takes the lease only once it is released or has expired, so at most one server purges
 * at a time, and a server that dies while it holds the lease stops blocking the others when the lease expires. The
 * row also keeps the cluster's last run.
 */
@ApplicationScoped
public class RetentionLeaseStore {

    /** The one lease there is; a name, so that the table could hold other leases. */
    public static final String LEASE = "retention";

    static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (" + NAME + " VARCHAR(64) NOT NULL, "
            + HOLDER + " VARCHAR(512), " + EXPIRES + " TIMESTAMP, " + RUN_SERVER + " VARCHAR(512), " + RUN_STARTED
            + " TIMESTAMP, " + RUN_ENDED + " TIMESTAMP, " + RUN_PURGED + " BIGINT, " + RUN_FAILED + " BIGINT, "
            + "PRIMARY KEY (" + NAME + "))";
    private static final String LEASE_IS = " WHERE " + NAME + " = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + NAME + ") VALUES (?)";
    private static final String TAKE = "UPDATE " + TABLE + " SET " + HOLDER + " = ?, " + EXPIRES + " = ?" + LEASE_IS
            + " AND (" + HOLDER + " IS NULL OR " + HOLDER + " = ? OR " + EXPIRES + " <= ?)";
    private static final String RENEW = "UPDATE " + TABLE + " SET " + EXPIRES + " = ?" + LEASE_IS + " AND " + HOLDER
            + " = ?";
    private static final String RELEASE = "UPDATE " + TABLE + " SET " + HOLDER + " = NULL, " + EXPIRES + " = NULL"
            + LEASE_IS + " AND " + HOLDER + " = ?";
    private static final String RECORD_RUN = "UPDATE " + TABLE + " SET " + RUN_SERVER + " = ?, " + RUN_STARTED
            + " = ?, " + RUN_ENDED + " = ?, " + RUN_PURGED + " = ?, " + RUN_FAILED + " = ?" + LEASE_IS;
    private static final String READ = "SELECT " + String.join(", ", HOLDER, EXPIRES, RUN_SERVER, RUN_STARTED,
            RUN_ENDED, RUN_PURGED, RUN_FAILED) + " FROM " + TABLE + LEASE_IS;

    @Inject
    BatchDatabase database;

    @Inject
    OwnTables ownTables;

    private volatile boolean tableReady;

    /**
     * Takes the lease for {@code holder} until {@code expires}, if nobody else holds it at {@code now}. A holder
     * retakes its own lease: a server that restarted while it held it is not running anything any more.
     */
    public boolean take(String holder, Instant now, Instant expires) {
        ensureTable();
        return database.update(TAKE, holder, expires, LEASE, holder, now) == 1;
    }

    /** Extends the lease of {@code holder}; false if it has lost it (it expired and another server took it). */
    public boolean renew(String holder, Instant expires) {
        return database.update(RENEW, expires, LEASE, holder) == 1;
    }

    public void release(String holder) {
        database.update(RELEASE, LEASE, holder);
    }

    public void recordRun(RetentionRun run) {
        database.update(RECORD_RUN, run.server(), run.started(), run.ended(), run.purged(), run.failed(), LEASE);
    }

    /** Empty until a server has first run retention against this repository. */
    public Optional<RetentionLease> read() {
        return database.queryOne(READ, row -> {
            String runServer = row.getString(RUN_SERVER);
            Optional<RetentionRun> lastRun = runServer == null ? Optional.empty()
                    : Optional.of(new RetentionRun(runServer, BatchDatabase.instant(row, RUN_STARTED),
                    BatchDatabase.instant(row, RUN_ENDED), row.getLong(RUN_PURGED), row.getLong(RUN_FAILED)));
            return new RetentionLease(Optional.ofNullable(row.getString(HOLDER)),
                    Optional.ofNullable(BatchDatabase.instant(row, EXPIRES)), lastRun);
        }, LEASE);
    }

    private void ensureTable() {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (!tableReady) {
                ownTables.create(CREATE_TABLE);
                try {
                    database.update(INSERT, LEASE);
                } catch (RepositoryException e) {
                    if (!(e.getCause() instanceof SQLException sql
                            && IdempotencyKeyStore.DUPLICATE_KEY.equals(sql.getSQLState()))) {
                        throw e;
                    }
                }
                tableReady = true;
            }
        }
    }
}
