package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Creates the tables of batch-rest's own ({@link BatchRestTables}), next to Liberty's: all of them when the application
 * starts, and each again on first use if the start could not (the database was down); by whichever server of a
 * cluster gets there first, the others find them there.
 *
 * <p>A statement runs only if its table is missing from the database's metadata. On embedded Derby every DDL
 * statement, even one that fails because its table exists, makes Derby give up the identity values it has reserved
 * for every table; the next insert into each reserves a new range, and one that meets a concurrent compilation of a
 * statement on the same table fails at once (40XL1), which fails a running job (docs/api.md, "Schema changes and
 * running jobs").
 */
@ApplicationScoped
public class OwnTables {

    private static final Logger LOG = Logger.getLogger(OwnTables.class.getName());

    private static final String CREATE_SCHEMA = "CREATE SCHEMA " + BatchRestTables.SCHEMA;

    /** Every table of batch-rest's own, created at start; none refers to another. */
    static final List<String> EVERY_TABLE = Stream.concat(Stream.of(IdempotencyKeyStore.CREATE_TABLE,
            JobEventLog.CREATE_TABLE, PurgeTaskStore.CREATE_TASK, PurgeTaskStore.CREATE_ITEM,
            RetentionLeaseStore.CREATE_TABLE,
            UpdatedBeforeCreatedInstances.CREATE_TABLE), Stream.of(InstanceParameters.CREATE_TABLES)).toList();

    private static final Pattern CREATED_OBJECT = Pattern.compile("CREATE (?:SCHEMA|TABLE) ([A-Z0-9_.]+)(?:[ (]|$)");

    @Inject
    BatchDatabase database;

    /** The statements this server has run (or found done): each is run once, and asking again costs a lookup. */
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    /**
     * Before the application takes requests, so that on a new database no job of this server is running while the
     * tables are created.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        try {
            create(EVERY_TABLE.toArray(String[]::new));
        } catch (RepositoryException e) {
            LOG.log(Level.WARNING, "The tables of batch-rest could not be checked at start; each is created on first "
                    + "use", e);
        }
    }

    /**
     * Creates the schema, then each table of it in order, unless it exists; a store calls it before each use of its
     * tables.
     */
    public void create(String... createTables) {
        List<String> statements = List.of(createTables);
        if (created.containsAll(statements)) {
            return;
        }
        synchronized (this) {
            Set<String> existing = null;
            for (String statement : Stream.concat(Stream.of(CREATE_SCHEMA), statements.stream()).toList()) {
                if (!created.contains(statement)) {
                    if (existing == null) {
                        existing = database.schemaAndTables(BatchRestTables.SCHEMA);
                    }
                    if (!existing.contains(createdObject(statement))) {
                        database.createIgnoringExisting(statement);
                    }
                    created.add(statement);
                }
            }
        }
    }

    /** The schema or table a CREATE statement makes, in upper case: "BATCHREST" or "BATCHREST.JOB_EVENT". */
    static String createdObject(String statement) {
        Matcher matcher = CREATED_OBJECT.matcher(statement);
        if (!matcher.lookingAt()) {
            throw new IllegalArgumentException("Not a CREATE SCHEMA or CREATE TABLE statement: " + statement);
        }
        return matcher.group(1).toUpperCase(Locale.ROOT);
    }
}
