package io.batchrest.repository;

import io.batchrest.repository.BatchRestTables.IdempotencyKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The product's own table of idempotency keys ({@link BatchRestTables}, created on first use): which instance a user's
 * key started, and a hash of the request it came with. The primary key (user, key) is what makes a key claimable
 * exactly once, however many identical requests arrive together.
 */
@ApplicationScoped
public class IdempotencyKeyStore {

    /** A claimed key: the request it belongs to, and its instance once that has been started. */
    public record Claim(String requestHash, Optional<Long> instanceId, Instant created) {
    }

    private static final String TABLE = IdempotencyKey.TABLE;
    static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (" + IdempotencyKey.SUBMITTER
            + " VARCHAR(256) NOT NULL, " + IdempotencyKey.REQUEST_KEY + " VARCHAR(255) NOT NULL, "
            + IdempotencyKey.REQUEST_HASH + " VARCHAR(64) NOT NULL, " + IdempotencyKey.INSTANCE_ID + " BIGINT, "
            + IdempotencyKey.CREATED + " TIMESTAMP NOT NULL, PRIMARY KEY (" + IdempotencyKey.SUBMITTER + ", "
            + IdempotencyKey.REQUEST_KEY + "))";
    private static final String KEY_IS = " WHERE " + IdempotencyKey.SUBMITTER + " = ? AND "
            + IdempotencyKey.REQUEST_KEY + " = ?";
    private static final String CLAIM = "INSERT INTO " + TABLE + " (" + IdempotencyKey.SUBMITTER + ", "
            + IdempotencyKey.REQUEST_KEY + ", " + IdempotencyKey.REQUEST_HASH + ", " + IdempotencyKey.INSTANCE_ID
            + ", " + IdempotencyKey.CREATED + ") VALUES (?, ?, ?, NULL, ?)";
    private static final String FIND = "SELECT " + IdempotencyKey.REQUEST_HASH + ", " + IdempotencyKey.INSTANCE_ID
            + ", " + IdempotencyKey.CREATED + " FROM " + TABLE + KEY_IS;
    private static final String COMPLETE = "UPDATE " + TABLE + " SET " + IdempotencyKey.INSTANCE_ID + " = ?" + KEY_IS;
    private static final String RELEASE = "DELETE FROM " + TABLE + KEY_IS;
    private static final String EXPIRE = "DELETE FROM " + TABLE + KEY_IS + " AND " + IdempotencyKey.CREATED + " < ?";
    private static final String PENDING = " AND " + IdempotencyKey.INSTANCE_ID + " IS NULL";

    /** Derby / PostgreSQL: unique constraint violated. */
    static final String DUPLICATE_KEY = "23505";

    @Inject
    BatchDatabase database;

    @Inject
    OwnTables ownTables;

    /** Claims the key for this request; false if it is claimed already. */
    public boolean claim(String user, String key, String requestHash, Instant now) {
        ownTables.create(CREATE_TABLE);
        try {
            database.update(CLAIM, user, key, requestHash, now);
            return true;
        } catch (RepositoryException e) {
            if (e.getCause() instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Claim> find(String user, String key) {
        return database.queryOne(FIND, row -> {
            long instance = row.getLong(2);
            // wasNull() speaks of the column read last: ask it before reading another.
            Optional<Long> instanceId = row.wasNull() ? Optional.empty() : Optional.of(instance);
            return new Claim(row.getString(1), instanceId, BatchDatabase.instant(row, IdempotencyKey.CREATED));
        }, user, key);
    }

    public void complete(String user, String key, long instanceId) {
        database.update(COMPLETE, instanceId, user, key);
    }

    public void release(String user, String key) {
        database.update(RELEASE, user, key);
    }

    /** Forgets a claim that never got its instance, if it was made before {@code olderThan}. */
    public void expirePending(String user, String key, Instant olderThan) {
        database.update(EXPIRE + PENDING, user, key, olderThan);
    }

    /** Forgets the key if it was claimed before {@code olderThan}. */
    public void expire(String user, String key, Instant olderThan) {
        database.update(EXPIRE, user, key, olderThan);
    }

}
