package io.batchrest.repository;

import io.batchrest.model.PurgeTaskRecord;
import io.batchrest.model.PurgeTaskState;
import io.batchrest.repository.BatchRestTables.PurgeTask;
import io.batchrest.repository.BatchRestTables.PurgeTaskInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The product's own tables of asynchronous bulk purges ({@link PurgeTask} and {@link PurgeTaskInstance}, created on
 * first use, docs/contract.md §7): one row per task with its counts, and one row per matched instance, in purge
 * order, holding its result or {@link #PENDING}. The instances are fixed when the task is created, so a task that is
 * resumed after a restart continues with exactly the instances it had left, and its results can be read page by page
 * while it runs.
 */
@ApplicationScoped
public class PurgeTaskStore {

    /** The result of an instance that has not been purged yet. */
    public static final String PENDING = "PENDING";

    /** One matched instance of a task and its result: {@link #PENDING} or the purge status. */
    public record Item(int position, long instanceId, String purgeStatus, String message, String redirectUrl) {
    }

    /** Long enough for any query string a server accepts; a longer one is cut (the column only informs). */
    static final int REQUEST_LENGTH = 32000;
    static final int TEXT_LENGTH = 2000;
    /** Rows per INSERT when the matched instances are recorded. */
    private static final int ROWS_PER_INSERT = 100;

    static final String CREATE_TASK = "CREATE TABLE " + PurgeTask.TABLE + " (" + PurgeTask.TASK_ID
            + " VARCHAR(36) NOT NULL, " + PurgeTask.SUBMITTER + " VARCHAR(256) NOT NULL, " + PurgeTask.SERVER_ID
            + " VARCHAR(1024) NOT NULL, " + PurgeTask.TASK_STATE + " VARCHAR(16) NOT NULL, " + PurgeTask.PURGE_REQUEST
            + " VARCHAR(" + REQUEST_LENGTH + ") NOT NULL, " + PurgeTask.JOB_STORE_ONLY + " INT NOT NULL, "
            + PurgeTask.MATCHED + " INT NOT NULL, " + PurgeTask.PURGED + " INT NOT NULL, " + PurgeTask.FAILED
            + " INT NOT NULL, " + PurgeTask.MESSAGE + " VARCHAR(" + TEXT_LENGTH + ") NOT NULL, " + PurgeTask.CREATED
            + " TIMESTAMP NOT NULL, " + PurgeTask.UPDATED + " TIMESTAMP NOT NULL, " + PurgeTask.ENDED + " TIMESTAMP, "
            + "PRIMARY KEY (" + PurgeTask.TASK_ID + "))";
    static final String CREATE_ITEM = "CREATE TABLE " + PurgeTaskInstance.TABLE + " ("
            + PurgeTaskInstance.TASK_ID + " VARCHAR(36) NOT NULL, " + PurgeTaskInstance.PURGE_ORDER + " INT NOT NULL, "
            + PurgeTaskInstance.INSTANCE_ID + " BIGINT NOT NULL, " + PurgeTaskInstance.PURGE_STATUS
            + " VARCHAR(16) NOT NULL, " + PurgeTaskInstance.MESSAGE + " VARCHAR(" + TEXT_LENGTH + ") NOT NULL, "
            + PurgeTaskInstance.REDIRECT_URL + " VARCHAR(" + TEXT_LENGTH + ") NOT NULL, PRIMARY KEY ("
            + PurgeTaskInstance.TASK_ID + ", " + PurgeTaskInstance.PURGE_ORDER + "))";

    private static final String TASK_COLUMNS = String.join(", ", PurgeTask.TASK_ID, PurgeTask.SUBMITTER,
            PurgeTask.SERVER_ID, PurgeTask.TASK_STATE, PurgeTask.PURGE_REQUEST, PurgeTask.JOB_STORE_ONLY,
            PurgeTask.MATCHED, PurgeTask.PURGED, PurgeTask.FAILED, PurgeTask.MESSAGE, PurgeTask.CREATED,
            PurgeTask.UPDATED, PurgeTask.ENDED);
    private static final String TASK_IS = " WHERE " + PurgeTask.TASK_ID + " = ?";
    private static final String NEWEST_FIRST = " ORDER BY " + PurgeTask.CREATED + " DESC, " + PurgeTask.TASK_ID
            + " DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    private static final String RUNNING = "'" + PurgeTaskState.RUNNING.name() + "'";
    private static final String INSERT_TASK = "INSERT INTO " + PurgeTask.TABLE + " (" + TASK_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, '', ?, ?, NULL)";
    private static final String FIND = "SELECT " + TASK_COLUMNS + " FROM " + PurgeTask.TABLE + TASK_IS;
    private static final String STATE = "SELECT " + PurgeTask.TASK_STATE + " FROM " + PurgeTask.TABLE + TASK_IS;
    private static final String LIST = "SELECT " + TASK_COLUMNS + " FROM " + PurgeTask.TABLE + NEWEST_FIRST;
    private static final String LIST_OF = "SELECT " + TASK_COLUMNS + " FROM " + PurgeTask.TABLE + " WHERE "
            + PurgeTask.SUBMITTER + " = ?" + NEWEST_FIRST;
    private static final String COUNT = "SELECT COUNT(*) FROM " + PurgeTask.TABLE;
    private static final String COUNT_OF = COUNT + " WHERE " + PurgeTask.SUBMITTER + " = ?";
    private static final String COUNT_RESULT = "UPDATE " + PurgeTask.TABLE + " SET " + PurgeTask.PURGED + " = "
            + PurgeTask.PURGED + " + ?, " + PurgeTask.FAILED + " = " + PurgeTask.FAILED + " + ?, " + PurgeTask.UPDATED
            + " = ?" + TASK_IS;
    private static final String END = "UPDATE " + PurgeTask.TABLE + " SET " + PurgeTask.TASK_STATE + " = ?, "
            + PurgeTask.MESSAGE + " = ?, " + PurgeTask.ENDED + " = ?, " + PurgeTask.UPDATED + " = ?" + TASK_IS + " AND "
            + PurgeTask.TASK_STATE + " = " + RUNNING;
    private static final String RUNNING_ON = "SELECT " + PurgeTask.TASK_ID + " FROM " + PurgeTask.TABLE + " WHERE "
            + PurgeTask.TASK_STATE + " = " + RUNNING + " AND " + PurgeTask.SERVER_ID + " = ? AND " + PurgeTask.CREATED
            + " < ? ORDER BY " + PurgeTask.CREATED;

    /** The columns of an {@link Item}, in the order of its components. */
    private static final String ITEM_COLUMNS = String.join(", ", PurgeTaskInstance.PURGE_ORDER,
            PurgeTaskInstance.INSTANCE_ID, PurgeTaskInstance.PURGE_STATUS, PurgeTaskInstance.MESSAGE,
            PurgeTaskInstance.REDIRECT_URL);
    private static final String ITEM_OF_TASK = " WHERE " + PurgeTaskInstance.TASK_ID + " = ?";
    private static final String STILL_PENDING = PurgeTaskInstance.PURGE_STATUS + " = '" + PENDING + "'";
    private static final String INSERT_ITEMS = "INSERT INTO " + PurgeTaskInstance.TABLE + " ("
            + PurgeTaskInstance.TASK_ID + ", " + ITEM_COLUMNS + ") VALUES ";
    private static final String ITEM_VALUES = "(?, ?, ?, '" + PENDING + "', '', '')";
    private static final String ITEMS = "SELECT " + ITEM_COLUMNS + " FROM " + PurgeTaskInstance.TABLE + ITEM_OF_TASK
            + " ORDER BY " + PurgeTaskInstance.PURGE_ORDER + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    private static final String PENDING_AFTER = "SELECT " + ITEM_COLUMNS + " FROM " + PurgeTaskInstance.TABLE
            + ITEM_OF_TASK + " AND " + PurgeTaskInstance.PURGE_ORDER + " > ? AND " + STILL_PENDING + " ORDER BY "
            + PurgeTaskInstance.PURGE_ORDER + " FETCH FIRST ? ROWS ONLY";
    private static final String RECORD_ITEM = "UPDATE " + PurgeTaskInstance.TABLE + " SET "
            + PurgeTaskInstance.PURGE_STATUS + " = ?, " + PurgeTaskInstance.MESSAGE + " = ?, "
            + PurgeTaskInstance.REDIRECT_URL + " = ?" + ITEM_OF_TASK + " AND " + PurgeTaskInstance.PURGE_ORDER
            + " = ? AND " + STILL_PENDING;

    @Inject
    BatchDatabase database;

    @Inject
    OwnTables ownTables;

    /** Records a new RUNNING task and its matched instances, in purge order, in one transaction. */
    public void create(PurgeTaskRecord task, List<Long> instanceIds) {
        ownTables.create(CREATE_TASK, CREATE_ITEM);
        database.inTransaction(connection -> {
            BatchDatabase.update(connection, INSERT_TASK, task.taskId(), task.submitter(), task.serverId(),
                    task.state().name(), cut(task.search(), REQUEST_LENGTH), task.jobStoreOnly() ? 1 : 0,
                    instanceIds.size(), task.createTime(), task.lastUpdatedTime());
            for (int from = 0; from < instanceIds.size(); from += ROWS_PER_INSERT) {
                insertItems(connection, task.taskId(), instanceIds, from,
                        Math.min(instanceIds.size(), from + ROWS_PER_INSERT));
            }
            return null;
        });
    }

    public Optional<PurgeTaskRecord> find(String taskId) {
        ownTables.create(CREATE_TASK, CREATE_ITEM);
        return database.queryOne(FIND, PurgeTaskStore::task, taskId);
    }

    /** The task's state, read on its own: what a running task checks before each instance. */
    public Optional<PurgeTaskState> state(String taskId) {
        return database.queryOne(STATE, row -> PurgeTaskState.valueOf(row.getString(1)), taskId);
    }

    /** Newest first; {@code submitter} restricts the list to that user's tasks. */
    public List<PurgeTaskRecord> list(Optional<String> submitter, long offset, int limit) {
        ownTables.create(CREATE_TASK, CREATE_ITEM);
        return submitter.isPresent()
                ? database.query(LIST_OF, PurgeTaskStore::task, submitter.get(), offset, limit)
                : database.query(LIST, PurgeTaskStore::task, offset, limit);
    }

    public long count(Optional<String> submitter) {
        ownTables.create(CREATE_TASK, CREATE_ITEM);
        return submitter.isPresent() ? database.count(COUNT_OF, submitter.get()) : database.count(COUNT);
    }

    /** The task's instances in purge order, from {@code offset} on. */
    public List<Item> items(String taskId, long offset, int limit) {
        return database.query(ITEMS, PurgeTaskStore::item, taskId, offset, limit);
    }

    /** The next instances without a result, behind position {@code after} (-1: from the start). */
    public List<Item> pending(String taskId, int after, int limit) {
        return database.query(PENDING_AFTER, PurgeTaskStore::item, taskId, after, limit);
    }

    /**
     * Records an instance's result and counts it, in one transaction, so that the counts always agree with the
     * results. An instance that has a result already keeps it.
     */
    public void record(String taskId, int position, String purgeStatus, String message, String redirectUrl,
                       boolean purged, Instant now) {
        database.inTransaction(connection -> {
            if (BatchDatabase.update(connection, RECORD_ITEM, purgeStatus, cut(message, TEXT_LENGTH),
                    cut(redirectUrl, TEXT_LENGTH), taskId, position) == 1) {
                BatchDatabase.update(connection, COUNT_RESULT, purged ? 1 : 0, purged ? 0 : 1, now, taskId);
            }
            return null;
        });
    }

    /** Ends a RUNNING task; false if it had ended already (then it keeps its state). */
    public boolean end(String taskId, PurgeTaskState state, String message, Instant now) {
        return database.update(END, state.name(), cut(message, TEXT_LENGTH), now, now, taskId) == 1;
    }

    /** The tasks this server was running when it stopped: RUNNING, of this server, created before it started. */
    public List<String> runningOn(String serverId, Instant createdBefore) {
        ownTables.create(CREATE_TASK, CREATE_ITEM);
        return database.query(RUNNING_ON, row -> row.getString(1), serverId, createdBefore);
    }

    private static void insertItems(Connection connection, String taskId, List<Long> instanceIds, int from, int to)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int position = from; position < to; position++) {
            rows.add(ITEM_VALUES);
            values.add(taskId);
            values.add(position);
            values.add(instanceIds.get(position));
        }
        BatchDatabase.update(connection, INSERT_ITEMS + String.join(", ", rows), values.toArray());
    }

    private static PurgeTaskRecord task(ResultSet row) throws SQLException {
        return new PurgeTaskRecord(row.getString(PurgeTask.TASK_ID), row.getString(PurgeTask.SUBMITTER),
                row.getString(PurgeTask.SERVER_ID), PurgeTaskState.valueOf(row.getString(PurgeTask.TASK_STATE)),
                row.getString(PurgeTask.PURGE_REQUEST), row.getInt(PurgeTask.JOB_STORE_ONLY) != 0,
                row.getInt(PurgeTask.MATCHED), row.getInt(PurgeTask.PURGED), row.getInt(PurgeTask.FAILED),
                row.getString(PurgeTask.MESSAGE), BatchDatabase.instant(row, PurgeTask.CREATED),
                BatchDatabase.instant(row, PurgeTask.UPDATED), BatchDatabase.instant(row, PurgeTask.ENDED));
    }

    private static Item item(ResultSet row) throws SQLException {
        return new Item(row.getInt(1), row.getLong(2), row.getString(3), row.getString(4), row.getString(5));
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

}
