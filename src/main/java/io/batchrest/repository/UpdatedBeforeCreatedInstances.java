package io.batchrest.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import static io.batchrest.repository.BatchTables.JobInstance;

/**
 * The instances last updated before they were created, which only another server's clock or an edit of the repository
 * makes: triggers on Liberty's JOBINSTANCE record them in {@link BatchRestTables.UpdatedBeforeCreated} as they are
 * inserted or updated. A search newest first over a range of last-updated times reads them to tell whether every
 * instance of its range was created before the range's end, so that its walk may skip the instances created since
 * (docs/api.md, "Searching a large repository"). Reading the range's own entries told the same, at 0.3 µs an entry:
 * 145 ms for the 450,000 instances last updated more than 200 days ago in a repository of a million.
 *
 * <p>The triggers test two columns of the row they fire for, and write only for such an instance. The table may hold
 * instances that have been updated again since, or purged: a reader tests the instances' rows, never the table alone.
 */
final class UpdatedBeforeCreatedInstances {

    private static final Logger LOG = Logger.getLogger(UpdatedBeforeCreatedInstances.class.getName());

    private static final String TABLE = BatchRestTables.UpdatedBeforeCreated.TABLE;
    private static final String INSTANCE_ID = BatchRestTables.UpdatedBeforeCreated.INSTANCE_ID;

    static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (" + INSTANCE_ID + " BIGINT NOT NULL)";

    /** The row that marks the table complete: written after the instances of the time before the triggers. */
    static final long COMPLETE_MARK = 0;

    /**
     * A search reads at most this many recorded instances; with more (a server whose clock is behind, for long), it does
     * not skip the instances created after its range's end.
     */
    static final int READ_LIMIT = 1_000;

    private static final String TRIGGER = BatchRestTables.INDEX_PREFIX + "JI_UPDATED_BEFORE_CREATED_";

    /** One trigger per event: Derby's triggers fire for one event each. */
    private static final List<String> EVENTS = List.of("INSERT", "UPDATE OF " + JobInstance.UPDATE_TIME + ", "
            + JobInstance.CREATE_TIME);

    /** The names of the triggers, one per event. */
    static final List<String> TRIGGERS = EVENTS.stream().map(UpdatedBeforeCreatedInstances::triggerName).toList();

    /** PostgreSQL's triggers call a function. */
    private static final String FUNCTION = BatchRestTables.SCHEMA + ".RECORD_UPDATED_BEFORE_CREATED";

    private static final String NOT_RECORDED = " WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " r WHERE r." + INSTANCE_ID
            + " = ";

    private UpdatedBeforeCreatedInstances() {
    }

    /**
     * Creates the triggers unless they exist, then records the instances of the time before them (one read of every
     * row of JOBINSTANCE) and marks the table complete; cheap once it is, when it deletes the outdated rows only.
     */
    static void ensure(Connection connection) throws SQLException {
        boolean postgreSql = BatchDatabase.isPostgreSql(connection.getMetaData());
        Set<String> triggers = existingTriggers(connection);
        List<String> missing = EVENTS.stream().filter(event -> !triggers.contains(triggerName(event))).toList();
        if (missing.isEmpty() && marked(connection)) {
            BatchDatabase.update(connection, deleteOutdated(), COMPLETE_MARK);
            return;
        }
        // Unmarked first: a trigger missing now was missing for a while, and the instances of that while are recorded
        // again below.
        BatchDatabase.update(connection, "DELETE FROM " + TABLE + " WHERE " + INSTANCE_ID + " = ?", COMPLETE_MARK);
        try (Statement statement = connection.createStatement()) {
            if (postgreSql && !missing.isEmpty()) {
                statement.executeUpdate(postgreSqlFunction());
            }
            for (String event : missing) {
                try {
                    statement.executeUpdate(postgreSql ? postgreSqlTrigger(event) : derbyTrigger(event));
                    LOG.info("Created trigger " + triggerName(event) + " on " + JobInstance.TABLE);
                } catch (SQLException e) {
                    if (!BatchDatabase.alreadyExists(e)) {
                        throw e;
                    }
                }
            }
        }
        int recorded = BatchDatabase.update(connection, recordExisting());
        BatchDatabase.update(connection, "INSERT INTO " + TABLE + " (" + INSTANCE_ID + ") VALUES (?)", COMPLETE_MARK);
        LOG.info("Recorded " + recorded + " instances last updated before they were created");
    }

    /** The recorded instances, at most {@code limit} of them. */
    static JobInstanceSearchSql.Sql recorded(int limit) {
        return new JobInstanceSearchSql.Sql("SELECT " + INSTANCE_ID + " FROM " + TABLE + " WHERE " + INSTANCE_ID
                + " <> ? FETCH FIRST ? ROWS ONLY", List.of(COMPLETE_MARK, limit));
    }

    /**
     * How many of {@code ids} were last updated in a range (from {@code from}, if given, to before {@code until}) and
     * yet created at or after its end.
     */
    static JobInstanceSearchSql.Sql createdAfterRange(List<Long> ids, Optional<Instant> from, Instant until) {
        List<Object> parameters = new ArrayList<>(ids);
        parameters.add(until);
        parameters.add(until);
        from.ifPresent(parameters::add);
        return new JobInstanceSearchSql.Sql("SELECT COUNT(*) FROM " + JobInstance.TABLE + " i WHERE i." + JobInstance.ID
                + " IN (" + BatchDatabase.placeholders(ids.size()) + ") AND i." + JobInstance.UPDATE_TIME + " < ? AND i."
                + JobInstance.CREATE_TIME + " >= ?" + from.map(start -> " AND i." + JobInstance.UPDATE_TIME + " >= ?")
                .orElse(""), parameters);
    }

    /**
     * Deletes the instances recorded that have been purged or updated again since, at start: they cost a search a
     * read of their rows. The triggers of a running update record its instance anew if it needs to be.
     */
    static String deleteOutdated() {
        return "DELETE FROM " + TABLE + " r WHERE r." + INSTANCE_ID + " <> ? AND NOT EXISTS (SELECT 1 FROM "
                + JobInstance.TABLE + " i WHERE i." + JobInstance.ID + " = r." + INSTANCE_ID + " AND i."
                + JobInstance.UPDATE_TIME + " < i." + JobInstance.CREATE_TIME + ")";
    }

    static String recordExisting() {
        return "INSERT INTO " + TABLE + " (" + INSTANCE_ID + ") SELECT i." + JobInstance.ID + " FROM "
                + JobInstance.TABLE + " i" + NOT_RECORDED + "i." + JobInstance.ID + ") AND i." + JobInstance.UPDATE_TIME
                + " < i." + JobInstance.CREATE_TIME;
    }

    static String derbyTrigger(String event) {
        return "CREATE TRIGGER " + BatchTables.SCHEMA + "." + triggerName(event) + " AFTER " + event + " ON "
                + JobInstance.TABLE + " REFERENCING NEW AS N FOR EACH ROW WHEN (N." + JobInstance.UPDATE_TIME + " < N."
                + JobInstance.CREATE_TIME + ") INSERT INTO " + TABLE + " (" + INSTANCE_ID + ") SELECT N." + JobInstance.ID
                + " FROM SYSIBM.SYSDUMMY1" + NOT_RECORDED + "N." + JobInstance.ID + ")";
    }

    static String postgreSqlTrigger(String event) {
        return "CREATE TRIGGER " + triggerName(event) + " AFTER " + event + " ON " + JobInstance.TABLE
                + " FOR EACH ROW WHEN (NEW." + JobInstance.UPDATE_TIME + " < NEW." + JobInstance.CREATE_TIME
                + ") EXECUTE PROCEDURE " + FUNCTION + "()";
    }

    static String postgreSqlFunction() {
        return "CREATE OR REPLACE FUNCTION " + FUNCTION + "() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "
                + TABLE + " (" + INSTANCE_ID + ") SELECT NEW." + JobInstance.ID + NOT_RECORDED + "NEW." + JobInstance.ID
                + "); RETURN NULL; END $$";
    }

    static String triggerName(String event) {
        return TRIGGER + event.split(" ")[0];
    }

    /** The names (upper case) of the triggers in the database, of any table. */
    static Set<String> existingTriggers(Connection connection) throws SQLException {
        String names = BatchDatabase.isPostgreSql(connection.getMetaData())
                ? "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal" : "SELECT TRIGGERNAME FROM SYS.SYSTRIGGERS";
        Set<String> found = new HashSet<>();
        BatchDatabase.query(connection, names, row -> row.getString(1))
                .forEach(name -> found.add(name.toUpperCase(Locale.ROOT)));
        return found;
    }

    private static boolean marked(Connection connection) throws SQLException {
        return !BatchDatabase.query(connection, "SELECT " + INSTANCE_ID + " FROM " + TABLE + " WHERE " + INSTANCE_ID
                + " = ?", row -> row.getLong(1), COMPLETE_MARK).isEmpty();
    }
}
