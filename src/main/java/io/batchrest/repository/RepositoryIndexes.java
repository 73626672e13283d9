package io.batchrest.repository;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.batchrest.repository.BatchDatabase.storedCase;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;

/**
 * Indexes that the searches need on Liberty's tables, which come with only primary and foreign keys: without
 * them every page of a list sorts the whole JOBINSTANCE table. They are created once, when the tables exist
 * (Liberty creates them with the first job), and only if missing, so a server can start against any repository.
 */
@ApplicationScoped
public class RepositoryIndexes {

    private static final Logger LOG = Logger.getLogger(RepositoryIndexes.class.getName());

    @Resource(lookup = "jdbc/batch")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    OwnTables ownTables;

    /** Up to this many instances, the missing indexes are built before the application takes requests. */
    static final int BUILT_AT_START_LIMIT = 10_000;

    /**
     * Builds the missing indexes at start-up. On a repository of up to {@link #BUILT_AT_START_LIMIT} instances that
     * takes about a second, and the application waits for it: on embedded Derby an index created while a job runs can
     * fail the job (docs/api.md, "Schema changes and running jobs"). On a larger repository it happens in the
     * background: on a million instances it takes minutes, which no request should wait for.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        building = true;
        Runnable build = () -> {
            try {
                ensure();
            } finally {
                building = false;
            }
        };
        if (instancesAtMost(BUILT_AT_START_LIMIT)) {
            build.run();
        } else {
            executor.execute(build);
        }
    }

    /** Set when the last look found Liberty's tables missing: the database is new, and no job has run yet. */
    private volatile boolean batchTablesMissing;

    /**
     * Whether the last look at the repository found no tables of Liberty's, and the indexes are still to be created:
     * the runtime creates its tables with the first job, unless it is made to create them earlier (docs/api.md,
     * "Schema changes and running jobs"). False once the indexes have been dealt with, created or given up.
     */
    public boolean batchTablesMissing() {
        return batchTablesMissing && !ensured.get();
    }

    /**
     * Whether JOBINSTANCE has at most {@code limit} rows, or does not exist yet; read in its primary key, at most
     * {@code limit + 1} ids. A database that does not answer counts as large, so that start-up does not wait for it.
     */
    private boolean instancesAtMost(int limit) {
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection, JobInstance.TABLE)) {
                return true;
            }
            try (Statement statement = connection.createStatement()) {
                statement.setMaxRows(limit + 1);
                int rows = 0;
                try (ResultSet ids = statement.executeQuery("SELECT " + JobInstance.ID + " FROM "
                        + JobInstance.TABLE)) {
                    while (ids.next()) {
                        rows++;
                    }
                }
                return rows <= limit;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private final AtomicBoolean ensured = new AtomicBoolean();

    /** Set once every index of {@link SearchIndex} exists: only then may a query name one. */
    private volatile boolean complete;

    /**
     * Set from start-up until the first look at the indexes is over, and while missing indexes are being created:
     * searches are slow meanwhile, so the server is not ready (README, "Health and metrics"). A repository whose
     * tables do not exist yet has nothing to build.
     */
    private volatile boolean building;

    /** Whether the search indexes are being checked or built right now. */
    public boolean building() {
        return building;
    }

    /** Whether every search index exists, so that a statement may pin one of them. */
    public boolean complete() {
        return complete;
    }

    /** Set once the instances last updated before they were created are recorded ({@link UpdatedBeforeCreatedInstances}). */
    private volatile boolean updatesBeforeCreationRecorded;

    /**
     * Whether the table of the instances last updated before they were created is complete and kept by its triggers,
     * so that a search may rely on it.
     */
    public boolean updatesBeforeCreationRecorded() {
        return updatesBeforeCreationRecorded;
    }

    /** Held while the indexes are checked or created. */
    private final ReentrantLock creating = new ReentrantLock();

    /** Creates the missing indexes if the tables exist by now; cheap once it has succeeded. */
    public void ensure() {
        if (!ensured.get()) {
            creating.lock();
            createMissing();
        }
    }

    /**
     * For requests: {@link #ensure()}, unless the indexes are being created right now. Creating them takes minutes on a
     * million instances (docs/benchmarks.md); a search meanwhile runs without naming an index (it is slower, and the
     * server reports itself not ready) instead of waiting for all of them.
     */
    public void ensureUnlessBeingCreated() {
        if (!ensured.get() && creating.tryLock()) {
            createMissing();
        }
    }

    /** Called holding {@link #creating}, which it releases. */
    private void createMissing() {
        try {
            if (ensured.get()) {
                return;
            }
            building = true;
            try (Connection connection = dataSource.getConnection()) {
                batchTablesMissing = !tableExists(connection, JobInstance.TABLE)
                        || !tableExists(connection, JobParameter.TABLE);
                if (batchTablesMissing) {
                    return;
                }
                ownTables.create(InstanceParameters.CREATE_TABLES);
                // Retired indexes first: Derby does not create an index whose columns an existing one has, and a
                // retired index may have the columns of a current one.
                for (String retired : SearchIndex.RETIRED) {
                    if (indexNames(connection, JobInstance.TABLE).contains(retired)) {
                        drop(connection, BatchTables.SCHEMA + "." + retired, "which the searches no longer use");
                    }
                }
                boolean derby = !BatchDatabase.isPostgreSql(connection.getMetaData());
                Map<SearchIndex, Integer> derbyPageSizes = derby
                        ? DerbyIndexPages.pageSizesFor(connection, SearchIndex.values()) : Map.of();
                if (derby) {
                    dropIndexesOfAnotherPageSize(connection, derbyPageSizes);
                }
                for (SearchIndex index : SearchIndex.values()) {
                    if (!indexNames(connection, index.table()).contains(index.indexName())) {
                        create(connection, index, derbyPageSizes.getOrDefault(index, 0));
                    }
                }
                for (SearchIndex index : SearchIndex.values()) {
                    if (!indexNames(connection, index.table()).contains(index.indexName())) {
                        LOG.warning("The index " + index.indexName() + " is missing after its creation; searches "
                                + "leave the choice of index to the database");
                        ensured.set(true);
                        return;
                    }
                }
                complete = true;
                recordUpdatesBeforeCreation(connection);
                createForeignKeyIndexes(connection);
                ensured.set(true);
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "The search indexes could not be created; searches work, but more slowly", e);
                ensured.set(true);
            } finally {
                building = false;
            }
        } finally {
            creating.unlock();
        }
    }

    /**
     * Creates an index, unless another server of the cluster has just created it: the servers of a cluster start
     * together and each creates what it finds missing.
     *
     * @param derbyPageSize on Derby, the size of its pages ({@link DerbyIndexPages}); 0 leaves it to the database
     */
    private static void create(Connection connection, SearchIndex index, int derbyPageSize) throws SQLException {
        String createIndex = "CREATE INDEX " + qualified(connection.getMetaData(), index.schema(), index.indexName()) + " ON "
                + index.table() + " (" + index.columns() + ")";
        try {
            if (derbyPageSize > 0) {
                DerbyIndexPages.create(connection, createIndex, derbyPageSize);
            } else {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate(createIndex);
                }
            }
            LOG.info("Created index " + index.indexName() + " on " + index.table() + " (" + index.columns() + ")"
                    + (derbyPageSize > 0 ? " with pages of " + derbyPageSize / 1024 + " KB" : ""));
        } catch (SQLException e) {
            if (!BatchDatabase.alreadyExists(e)) {
                throw e;
            }
            LOG.info("The index " + index.indexName() + " was created by another server meanwhile");
        }
    }

    /**
     * On Derby, drops each index whose pages are not of the size {@link DerbyIndexPages} gives it, so that it is
     * created again with them: the indexes of long entries that a version before it created got Derby's 32 KB pages.
     * On a million instances, creating them again takes about a minute and a half in all, once (docs/benchmarks.md,
     * "Index pages of 8 KB").
     */
    private static void dropIndexesOfAnotherPageSize(Connection connection, Map<SearchIndex, Integer> wantedPageSizes)
            throws SQLException {
        Map<String, Map<String, Integer>> pageSizesByTable = new HashMap<>();
        for (SearchIndex index : SearchIndex.values()) {
            int wanted = wantedPageSizes.get(index);
            if (wanted == 0) {
                continue;
            }
            Map<String, Integer> pageSizes = pageSizesByTable.get(index.table());
            if (pageSizes == null) {
                pageSizes = DerbyIndexPages.pageSizes(connection, index.table());
                pageSizesByTable.put(index.table(), pageSizes);
            }
            Integer actual = pageSizes.get(index.indexName());
            if (actual != null && actual != wanted) {
                drop(connection, index.schema() + "." + index.indexName(), "to create it again with pages of "
                        + wanted / 1024 + " KB instead of " + actual / 1024 + " KB");
            }
        }
    }

    /**
     * Makes the triggers record the instances last updated before they were created. Without them a search of a range
     * of last-updated times walks every instance created after the range's end, correct but slower, so a failure (a
     * user without the privilege to create a trigger) leaves the searches so.
     */
    private void recordUpdatesBeforeCreation(Connection connection) {
        for (int attempt = 1; !updatesBeforeCreationRecorded; attempt++) {
            try {
                ownTables.create(UpdatedBeforeCreatedInstances.CREATE_TABLE);
                UpdatedBeforeCreatedInstances.ensure(connection);
                updatesBeforeCreationRecorded = true;
            } catch (SQLException | RepositoryException e) {
                // Once more: the servers of a cluster start together, and PostgreSQL refuses to replace a function
                // that another transaction is replacing.
                if (attempt == 2) {
                    LOG.log(Level.WARNING, "The triggers that record the instances last updated before they were "
                            + "created could not be created; searches of old ranges of last-updated times are slower",
                            e);
                    return;
                }
            }
        }
    }

    /**
     * On PostgreSQL, an index for each foreign key of Liberty's tables that no index starts with. Derby gives every
     * foreign key an index of its own; PostgreSQL does not, and without them reading an instance's executions, the
     * job-parameter filter's test of an instance and a purge each read whole tables, because deleting an instance, an
     * execution or a step execution makes PostgreSQL look for the rows that still refer to it (docs/benchmarks.md,
     * "1M on PostgreSQL"). They serve no search plan, so a failure leaves the searches as they are.
     */
    private static void createForeignKeyIndexes(Connection connection) {
        try {
            DatabaseMetaData metaData = connection.getMetaData();
            if (!BatchDatabase.isPostgreSql(metaData)) {
                return;
            }
            String schema = storedCase(metaData, BatchTables.SCHEMA);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = metaData.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                Set<String> leading = new HashSet<>();
                try (ResultSet rows = metaData.getIndexInfo(null, schema, table, false, true)) {
                    while (rows.next()) {
                        if (rows.getShort("ORDINAL_POSITION") == 1) {
                            leading.add(rows.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                        }
                    }
                }
                Set<String> keys = new TreeSet<>();
                try (ResultSet rows = metaData.getImportedKeys(null, schema, table)) {
                    while (rows.next()) {
                        if (rows.getShort("KEY_SEQ") == 1) {
                            keys.add(rows.getString("FKCOLUMN_NAME").toUpperCase(Locale.ROOT));
                        }
                    }
                }
                keys.removeAll(leading);
                String qualifiedTable = BatchTables.SCHEMA + "." + table.toUpperCase(Locale.ROOT);
                for (String column : keys) {
                    String name = BatchRestTables.INDEX_PREFIX + "FK_" + table.toUpperCase(Locale.ROOT) + "_" + column;
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("CREATE INDEX " + name + " ON " + qualifiedTable + " (" + column + ")");
                    }
                    LOG.info("Created index " + name + " on " + qualifiedTable + " (" + column + ")");
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "The indexes of the foreign keys could not be created; reads of executions and "
                    + "steps, and purges, are slower", e);
        }
    }

    private static void drop(Connection connection, String qualifiedName, String why) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DROP INDEX " + qualifiedName);
            LOG.info("Dropped index " + qualifiedName + ", " + why);
        }
    }

    /**
     * An index lives in its table's schema. Derby wants that schema on the index name (an unqualified name would be
     * in the connection's schema, which it refuses); PostgreSQL puts the index there by itself and refuses a
     * qualified name.
     */
    private static String qualified(DatabaseMetaData metaData, String schema, String name) throws SQLException {
        return BatchDatabase.isPostgreSql(metaData) ? name : schema + "." + name;
    }

    private static boolean tableExists(Connection connection, String qualifiedTable) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String[] parts = qualifiedTable.split("\\.");
        try (ResultSet tables = metaData.getTables(null, storedCase(metaData, parts[0]), storedCase(metaData, parts[1]),
                null)) {
            return tables.next();
        }
    }

    private static Set<String> indexNames(Connection connection, String qualifiedTable) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String[] parts = qualifiedTable.split("\\.");
        Set<String> names = new HashSet<>();
        try (ResultSet indexes = metaData.getIndexInfo(null, storedCase(metaData, parts[0]),
                storedCase(metaData, parts[1]), false, true)) {
            while (indexes.next()) {
                String name = indexes.getString("INDEX_NAME");
                if (name != null) {
                    names.add(name.toUpperCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
