package io.batchrest.repository;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.Collections;

/**
 * The job repository's data source (the same one Liberty's batch runtime uses) and the one way the product runs
 * SQL on it: every value is bound as a parameter, never written into the statement text.
 */
@ApplicationScoped
public class BatchDatabase {

    /** Maps the current row of a result set to a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work done on one connection inside one local transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Rows per piece of a result read with {@link #forEachRow}. */
    static final int STREAMED_ROWS = 5000;

    @Resource(lookup = "jdbc/batch")
    DataSource dataSource;

    /**
     * A read-only query. It takes no read locks: on Derby a reader that holds a row lock while a batch thread
     * updates the same instance can end up in a lock cycle, and Derby may resolve that by failing the job's own
     * transaction. Reading without locks may show a state a few milliseconds before its transaction commits,
     * which is harmless for a monitoring API ({@link #readWithoutLocks}).
     */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            readWithoutLocks(connection);
            return query(connection, sql, mapper, parameters);
        } catch (SQLException e) {
            if (isMissingRepository(e)) {
                return List.of();
            }
            throw new RepositoryException("Query failed: " + sql, e);
        }
    }

    /**
     * Whether a reader must ask for READ UNCOMMITTED so as to take no read locks: unknown until the first query, then
     * false on PostgreSQL, whose readers never lock, and which reads READ UNCOMMITTED as READ COMMITTED anyway. There
     * the switch cost two round trips per query for nothing (one to set it, one when the pool put the connection's
     * own level back): a third of the statements of a cheap search (docs/benchmarks.md, "Reads without the
     * isolation switch on PostgreSQL").
     */
    private volatile Boolean readersLock;

    private void readWithoutLocks(Connection connection) throws SQLException {
        Boolean lock = readersLock;
        if (lock == null) {
            lock = !isPostgreSql(connection.getMetaData());
            readersLock = lock;
        }
        if (lock) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        }
    }

    /**
     * Why the job repository cannot be used right now, or empty when a connection can be had and answers within
     * {@code timeoutSeconds}: the readiness check (README, "Health and metrics").
     */
    public Optional<String> unreachable(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(timeoutSeconds) ? Optional.empty()
                    : Optional.of("The job repository's connection did not answer within " + timeoutSeconds + " s");
        } catch (SQLException e) {
            return Optional.of("The job repository cannot be reached: " + e.getMessage());
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Reads the rows of a query one by one until {@code keepGoing} says no, and closes the result there: for a
     * count that needs only the first few thousand rows of a large result, and for an aggregate that counts every
     * row of one. The rows arrive in pieces of {@link #STREAMED_ROWS}: PostgreSQL's driver would otherwise hold all
     * of a result in memory, and it reads one in pieces only within a transaction.
     */
    public <T> void forEachRow(String sql, RowMapper<T> mapper, java.util.function.Predicate<T> keepGoing,
                               Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            readWithoutLocks(connection);
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.setFetchSize(STREAMED_ROWS);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next() && keepGoing.test(mapper.map(rows))) {
                        // the predicate consumes the row
                    }
                }
            } finally {
                connection.rollback(); // it only read
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (!isMissingRepository(e)) {
                throw new RepositoryException("Query failed: " + sql, e);
            }
        }
    }

    public long count(String sql, Object... parameters) {
        return queryOne(sql, row -> row.getLong(1), parameters).orElse(0L);
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, parameters);
        } catch (SQLException e) {
            throw new RepositoryException("Update failed: " + sql, e);
        }
    }

    /**
     * Runs a CREATE statement of batch-rest's own tables ({@link BatchRestTables}), which another server, or another
     * thread, may have run first: an object that exists already is what was asked for.
     */
    public void createIgnoringExisting(String ddl) {
        try {
            update(ddl);
        } catch (RepositoryException e) {
            if (!(e.getCause() instanceof SQLException sql && alreadyExists(sql))) {
                throw e;
            }
        }
    }

    /**
     * The names of a schema and of its tables, in upper case ("SCHEMA", "SCHEMA.TABLE"), from the database's
     * metadata; empty when the schema does not exist. Reading them takes no lock that a job's insert could meet.
     */
    public Set<String> schemaAndTables(String schema) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            Set<String> names = new HashSet<>();
            try (ResultSet schemas = metaData.getSchemas(null, storedCase(metaData, schema))) {
                if (schemas.next()) {
                    names.add(schema.toUpperCase(Locale.ROOT));
                }
            }
            try (ResultSet tables = metaData.getTables(null, storedCase(metaData, schema), "%",
                    new String[] {"TABLE"})) {
                while (tables.next()) {
                    names.add((schema + "." + tables.getString("TABLE_NAME")).toUpperCase(Locale.ROOT));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new RepositoryException("The tables of schema " + schema + " could not be read", e);
        }
    }

    /** Whether the repository is on PostgreSQL (else Derby, as far as batch-rest's SQL goes). */
    static boolean isPostgreSql(DatabaseMetaData metaData) throws SQLException {
        return "PostgreSQL".equals(metaData.getDatabaseProductName());
    }

    /** An unquoted identifier as the database stores it: upper case on Derby, lower case on PostgreSQL. */
    static String storedCase(DatabaseMetaData metaData, String identifier) throws SQLException {
        return metaData.storesLowerCaseIdentifiers() ? identifier.toLowerCase(Locale.ROOT) : identifier;
    }

    /**
     * Derby / PostgreSQL: the object exists already (PostgreSQL: a schema, a table, another object such as a
     * trigger); a unique constraint of PostgreSQL's catalog, violated when two servers create the same object at once.
     */
    private static final Set<String> ALREADY_EXISTS = Set.of("X0Y68", "X0Y32", "42P06", "42P07", "42710", "23505");

    /** Whether a CREATE failed because the object exists, made by another server or thread in the meantime. */
    static boolean alreadyExists(SQLException e) {
        return ALREADY_EXISTS.contains(e.getSQLState());
    }

    /**
     * A read-only query that sees committed rows only, for a reader that must not take a row whose insert may still
     * roll back (the job events, which every server reads as others write them).
     */
    public <T> List<T> queryCommitted(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return query(connection, sql, mapper, parameters);
        } catch (SQLException e) {
            throw new RepositoryException("Query failed: " + sql, e);
        }
    }

    /**
     * The declared size of a character column, from the database's own metadata (Derby reports unquoted names in
     * upper case, PostgreSQL in lower case); empty when the table or column does not exist (yet).
     */
    public OptionalInt columnSize(String qualifiedTable, String column) {
        String schema = qualifiedTable.substring(0, qualifiedTable.indexOf('.'));
        String table = qualifiedTable.substring(qualifiedTable.indexOf('.') + 1);
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            for (boolean upper : new boolean[] {true, false}) {
                try (ResultSet columns = metadata.getColumns(null, cased(schema, upper), cased(table, upper),
                        cased(column, upper))) {
                    if (columns.next()) {
                        return OptionalInt.of(columns.getInt("COLUMN_SIZE"));
                    }
                }
            }
            return OptionalInt.empty();
        } catch (SQLException e) {
            throw new RepositoryException("The size of " + qualifiedTable + "." + column + " could not be read", e);
        }
    }

    private static String cased(String name, boolean upper) {
        return upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    /** Runs {@code work} in one transaction: it commits if the work returns, and rolls back if it throws. */
    public <T> T inTransaction(TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new RepositoryException("Transaction failed", e);
        }
    }

    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs {@code sql}, which has one parameter, once for each of {@code values}, in one batch. */
    public static void updateEach(Connection connection, String sql, List<?> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object value : values) {
                statement.setObject(1, value);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i];
                statement.setObject(i + 1, value);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * Liberty creates its tables when its batch runtime first needs them, i.e. with the first job. Until then the
     * repository holds no jobs, and reading it finds none rather than failing.
     */
    private static boolean isMissingRepository(SQLException e) {
        String state = e.getSQLState();
        return state != null && MISSING_SCHEMA_OR_TABLE.contains(state);
    }

    /** Derby: schema / table does not exist; PostgreSQL: invalid schema name / undefined table. */
    private static final Set<String> MISSING_SCHEMA_OR_TABLE = Set.of("42Y07", "42X05", "3F000",
            "42P01");

    /** A nullable timestamp column as an instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** {@code ?, ?, ?} for an IN list of {@code size} values. */
    public static String placeholders(int size) {
        return String.join(", ", Collections.nCopies(size, "?"));
    }
}
