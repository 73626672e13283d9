package it.support;

import io.batchrest.repository.BatchRestTables.InstanceParameter;
import io.batchrest.repository.BatchRestTables.InstanceParameterSync;
import io.batchrest.repository.BatchRestTables.RetentionLease;
import io.batchrest.repository.BatchRestTables.UpdatedBeforeCreated;
import io.batchrest.repository.BatchTables.JobInstance;
import io.batchrest.repository.RetentionLeaseStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Direct access to the test server's job repository, for fixtures that real jobs cannot produce on demand, such
 * as instances created on given days years ago. The test server serves its embedded Derby database on a localhost
 * port for this (pom.xml, start-test-server); the rows are Liberty's own, written by real jobs, and only their
 * times and states are moved.
 */
public final class JobRepositoryFixture {

    /**
     * The test server's Derby database, or the database named by {@code batchrest.test.jdbc.url} (with
     * {@code batchrest.test.jdbc.user} and {@code .password}), e.g. the PostgreSQL database of scripts/topology.
     */
    private static final String URL = System.getProperty("batchrest.test.jdbc.url",
            "jdbc:derby://localhost:" + System.getProperty("batchrest.test.derby.port", "1528")
            + "/" + System.getProperty("batchrest.server.dir", "target/liberty/wlp/usr/servers/batchServer")
            + "/resources/batchdb");
    private static final String USER = System.getProperty("batchrest.test.jdbc.user");
    private static final String PASSWORD = System.getProperty("batchrest.test.jdbc.password");

    private JobRepositoryFixture() {
    }

    /**
     * Sets the create time (and, to keep the row consistent, the last-updated time) of an instance, and the create
     * time that batch-rest's copy of the parameters holds for it: Liberty's runtime never changes a create time, and
     * the searches rely on the copy's (docs/api.md, "The copy of the job parameters"). One transaction that first
     * takes the lock that each pass of the copy holds, so that no pass copies the old time meanwhile.
     */
    public static void setCreateTime(long instanceId, Instant createTime) {
        Timestamp time = Timestamp.from(createTime);
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            execute(connection, "UPDATE " + InstanceParameterSync.TABLE + " SET " + InstanceParameterSync.SYNCED_THROUGH
                    + " = " + InstanceParameterSync.SYNCED_THROUGH + " WHERE " + InstanceParameterSync.ID + " = 1");
            if (execute(connection, "UPDATE " + JobInstance.TABLE + " SET " + JobInstance.CREATE_TIME + " = ?, "
                    + JobInstance.UPDATE_TIME + " = ? WHERE " + JobInstance.ID + " = ?", time, time, instanceId) != 1) {
                throw new IllegalStateException("No instance " + instanceId);
            }
            execute(connection, "UPDATE " + InstanceParameter.TABLE + " SET " + InstanceParameter.CREATE_TIME
                    + " = ? WHERE " + InstanceParameter.INSTANCE_ID + " = ?", time, instanceId);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not update the job repository at " + URL, e);
        }
    }

    public static void setLastUpdatedTime(long instanceId, Instant lastUpdated) {
        update("UPDATE " + JobInstance.TABLE + " SET " + JobInstance.UPDATE_TIME + " = ? WHERE " + JobInstance.ID
                + " = ?", Timestamp.from(lastUpdated), instanceId);
    }

    public static void setExitStatus(long instanceId, String exitStatus) {
        update("UPDATE " + JobInstance.TABLE + " SET " + JobInstance.EXIT_STATUS + " = ? WHERE " + JobInstance.ID
                + " = ?", exitStatus, instanceId);
    }

    /** Gives batch-rest's retention lease to {@code holder} until {@code expires}, as another server's run holds it. */
    public static void setRetentionLease(String holder, Instant expires) {
        update("UPDATE " + RetentionLease.TABLE + " SET " + RetentionLease.HOLDER + " = ?, " + RetentionLease.EXPIRES
                + " = ? WHERE " + RetentionLease.NAME + " = ?", holder, Timestamp.from(expires),
                RetentionLeaseStore.LEASE);
    }

    /** Releases the retention lease, as the end of a run does. */
    public static void releaseRetentionLease() {
        update("UPDATE " + RetentionLease.TABLE + " SET " + RetentionLease.HOLDER + " = NULL, "
                + RetentionLease.EXPIRES + " = NULL WHERE " + RetentionLease.NAME + " = ?", RetentionLeaseStore.LEASE);
    }

    /** The names (upper case) of the indexes on a table of Liberty's repository, e.g. {@code JOBINSTANCE}. */
    public static java.util.Set<String> indexNames(String table) {
        try (Connection connection = connect()) {
            java.sql.DatabaseMetaData metaData = connection.getMetaData();
            boolean lower = metaData.storesLowerCaseIdentifiers();
            java.util.Set<String> names = new java.util.TreeSet<>();
            try (java.sql.ResultSet indexes = metaData.getIndexInfo(null, lower ? "jbatch" : "JBATCH",
                    lower ? table.toLowerCase(java.util.Locale.ROOT) : table, false, true)) {
                while (indexes.next()) {
                    if (indexes.getString("INDEX_NAME") != null) {
                        names.add(indexes.getString("INDEX_NAME").toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not read the job repository at " + URL, e);
        }
    }

    /** The names (upper case) of the triggers in the job repository, e.g. those batch-rest puts on JOBINSTANCE. */
    public static java.util.Set<String> triggerNames() {
        try (Connection connection = connect()) {
            String names = connection.getMetaData().storesLowerCaseIdentifiers()
                    ? "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal" : "SELECT TRIGGERNAME FROM SYS.SYSTRIGGERS";
            java.util.Set<String> found = new java.util.TreeSet<>();
            try (PreparedStatement statement = connection.prepareStatement(names);
                 java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1).toUpperCase(java.util.Locale.ROOT));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not read the job repository at " + URL, e);
        }
    }

    /**
     * The ids in batch-rest's table of the instances last updated before they were created (docs/api.md, "The
     * instances last updated before they were created"), 0 (the mark of a complete table) included.
     */
    public static java.util.Set<Long> recordedAsUpdatedBeforeCreated() {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT " + UpdatedBeforeCreated.INSTANCE_ID
                     + " FROM " + UpdatedBeforeCreated.TABLE);
             java.sql.ResultSet rows = statement.executeQuery()) {
            java.util.Set<Long> ids = new java.util.TreeSet<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not read the job repository at " + URL, e);
        }
    }

    /**
     * Copies of an instance's JOBINSTANCE row under another job name (no executions), for lists longer than a test
     * could run jobs for; the copies get new ids and the create times of the original, a millisecond apart.
     */
    public static void copyInstance(long instanceId, String jobName, int copies) {
        String columns = String.join(", ", JobInstance.AMC_NAME, JobInstance.BATCH_STATUS, JobInstance.EXIT_STATUS,
                JobInstance.INSTANCE_STATE, JobInstance.JOB_XML_NAME, JobInstance.NUM_EXECS, JobInstance.SUBMITTER);
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO " + JobInstance.TABLE + " ("
                     + columns + ", " + JobInstance.JOB_NAME + ", " + JobInstance.CREATE_TIME + ", "
                     + JobInstance.UPDATE_TIME + ") SELECT " + columns + ", ?, ?, ? FROM " + JobInstance.TABLE
                     + " WHERE " + JobInstance.ID + " = ?")) {
            connection.setAutoCommit(false);
            Instant start = Instant.now().minusSeconds(3600);
            for (int i = 0; i < copies; i++) {
                Timestamp time = Timestamp.from(start.plusMillis(i));
                statement.setString(1, jobName);
                statement.setTimestamp(2, time);
                statement.setTimestamp(3, time);
                statement.setLong(4, instanceId);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not copy instance " + instanceId, e);
        }
    }

    /** Deletes the JOBINSTANCE rows of a job name that {@link #copyInstance} made. */
    public static void deleteCopies(String jobName) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM " + JobInstance.TABLE + " WHERE "
                     + JobInstance.JOB_NAME + " = ?")) {
            statement.setString(1, jobName);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not delete the copies of " + jobName, e);
        }
    }

    /** Deletes JOBINSTANCE rows that {@link #copyInstance} made, behind batch-rest's back. */
    public static void deleteInstances(java.util.List<Long> instanceIds) {
        for (long instanceId : instanceIds) {
            update("DELETE FROM " + JobInstance.TABLE + " WHERE " + JobInstance.ID + " = ?", instanceId);
        }
    }

    /**
     * Locks an instance's JOBINSTANCE row, as a purge of it does, in a transaction of its own that stays open until
     * {@link HeldRow#close()} rolls it back: a purge of the instance meanwhile waits for it, so that a test can catch
     * a purge in the middle of its instances.
     */
    public static HeldRow holdInstanceRow(long instanceId) {
        try {
            Connection connection = connect();
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + JobInstance.TABLE + " SET "
                    + JobInstance.NUM_EXECS + " = " + JobInstance.NUM_EXECS + " WHERE " + JobInstance.ID + " = ?")) {
                connection.setAutoCommit(false);
                statement.setLong(1, instanceId);
                if (statement.executeUpdate() != 1) {
                    connection.close();
                    throw new IllegalStateException("No JOBINSTANCE row of instance " + instanceId + " to hold");
                }
                return new HeldRow(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not lock instance " + instanceId, e);
        }
    }

    /** The open transaction of {@link #holdInstanceRow}; closing it rolls it back, which releases the row. */
    public static final class HeldRow implements AutoCloseable {

        private final Connection connection;

        private HeldRow(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (connection) {
                if (connection.isClosed()) {
                    return;
                }
                connection.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException("The test fixture could not release a held row", e);
            }
        }
    }

    /** A row of JOBINSTANCE as a search sees it, with the job parameters of all its executions. */
    public record InstanceRow(long id, String jobName, String appName, String submitter, int batchStatus,
                              String jobXmlName, int instanceState, String exitStatus, Timestamp createTime,
                              Timestamp updateTime, java.util.Set<java.util.Map.Entry<String, String>> parameters) {
    }

    /** Every instance of the repository with its job parameters, for comparing searches with a filter of all rows. */
    public static java.util.List<InstanceRow> allInstances() {
        try (Connection connection = connect()) {
            java.util.Map<Long, java.util.Set<java.util.Map.Entry<String, String>>> parameters = new java.util.HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT e."
                    + io.batchrest.repository.BatchTables.JobExecution.INSTANCE_ID + ", p."
                    + io.batchrest.repository.BatchTables.JobParameter.NAME + ", p."
                    + io.batchrest.repository.BatchTables.JobParameter.VALUE + " FROM "
                    + io.batchrest.repository.BatchTables.JobParameter.TABLE + " p JOIN "
                    + io.batchrest.repository.BatchTables.JobExecution.TABLE + " e ON e."
                    + io.batchrest.repository.BatchTables.JobExecution.ID + " = p."
                    + io.batchrest.repository.BatchTables.JobParameter.EXECUTION_ID);
                 java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parameters.computeIfAbsent(rows.getLong(1), id -> new java.util.HashSet<>())
                            .add(java.util.Map.entry(rows.getString(2), rows.getString(3) == null ? "" : rows.getString(3)));
                }
            }
            java.util.List<InstanceRow> instances = new java.util.ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + JobInstance.ID + ", "
                    + JobInstance.JOB_NAME + ", " + JobInstance.AMC_NAME + ", " + JobInstance.SUBMITTER + ", "
                    + JobInstance.BATCH_STATUS + ", " + JobInstance.JOB_XML_NAME + ", " + JobInstance.INSTANCE_STATE
                    + ", " + JobInstance.EXIT_STATUS + ", " + JobInstance.CREATE_TIME + ", " + JobInstance.UPDATE_TIME
                    + " FROM " + JobInstance.TABLE);
                 java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    instances.add(new InstanceRow(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getInt(5), rows.getString(6), rows.getInt(7), rows.getString(8),
                            rows.getTimestamp(9), rows.getTimestamp(10),
                            parameters.getOrDefault(rows.getLong(1), java.util.Set.of())));
                }
            }
            return instances;
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not read the job repository at " + URL, e);
        }
    }

    /**
     * How much the repository holds: its instances (rows and highest id) and the executions of one instance. Jobs
     * that earlier tests queued may still start and add executions to their own instances, not to these.
     */
    public record RepositorySize(long instances, long maxInstanceId, long executionsOfWatchedInstance) {
    }

    public static RepositorySize size(long watchedInstance) {
        String execution = io.batchrest.repository.BatchTables.JobExecution.TABLE;
        try (Connection connection = connect();
             PreparedStatement instances = connection.prepareStatement("SELECT COUNT(*), COALESCE(MAX("
                     + JobInstance.ID + "), 0) FROM " + JobInstance.TABLE);
             PreparedStatement executions = connection.prepareStatement("SELECT COUNT(*) FROM " + execution
                     + " WHERE " + io.batchrest.repository.BatchTables.JobExecution.INSTANCE_ID + " = ?")) {
            executions.setLong(1, watchedInstance);
            try (java.sql.ResultSet instanceRow = instances.executeQuery();
                 java.sql.ResultSet executionRow = executions.executeQuery()) {
                instanceRow.next();
                executionRow.next();
                return new RepositorySize(instanceRow.getLong(1), instanceRow.getLong(2), executionRow.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not read the job repository at " + URL, e);
        }
    }

    /** The ids of the instances created after {@code instanceId}, in order. */
    public static java.util.List<Long> instancesAfter(long instanceId) {
        return ids("SELECT " + JobInstance.ID + " FROM " + JobInstance.TABLE + " WHERE " + JobInstance.ID
                + " > ? ORDER BY 1", instanceId);
    }

    /** The instances created after {@code instanceId} that have no execution: left behind by a failed start. */
    public static java.util.List<Long> instancesWithoutExecution(long instanceId) {
        String execution = io.batchrest.repository.BatchTables.JobExecution.TABLE;
        return ids("SELECT i." + JobInstance.ID + " FROM " + JobInstance.TABLE + " i WHERE i." + JobInstance.ID
                + " > ? AND NOT EXISTS (SELECT 1 FROM " + execution + " e WHERE e."
                + io.batchrest.repository.BatchTables.JobExecution.INSTANCE_ID + " = i." + JobInstance.ID
                + ") ORDER BY 1", instanceId);
    }

    private static java.util.List<Long> ids(String sql, long parameter) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            java.util.List<Long> ids = new java.util.ArrayList<>();
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not read the job repository at " + URL, e);
        }
    }

    private static Connection connect() throws SQLException {
        return USER == null ? DriverManager.getConnection(URL) : DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static void update(String sql, Object... parameters) {
        try (Connection connection = connect()) {
            if (execute(connection, sql, parameters) != 1) {
                throw new IllegalStateException("No row changed by " + sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The test fixture could not update the job repository at " + URL, e);
        }
    }

    /** Runs one change on {@code connection}; returns the number of rows it changed. */
    private static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
