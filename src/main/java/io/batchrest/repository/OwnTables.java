package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.Set;

/**
 * The tables of batch-rest's own (schema BATCHREST), next to Liberty's: each is created on first use, by whichever
 * server of a cluster gets there first; the others find it there.
 */
@ApplicationScoped
public class OwnTables {

    static final String SCHEMA = "BATCHREST";

    private static final String CREATE_SCHEMA = "CREATE SCHEMA " + SCHEMA;

    /** Derby / PostgreSQL: object already exists. */
    private static final Set<String> ALREADY_EXISTS = Set.of("X0Y68", "X0Y32", "42P06", "42P07");

    @Inject
    BatchDatabase database;

    /** Creates the schema and a table of it with {@code createTable}, unless they exist. */
    public void create(String createTable) {
        createIgnoringExisting(CREATE_SCHEMA);
        createIgnoringExisting(createTable);
    }

    private void createIgnoringExisting(String ddl) {
        try {
            database.update(ddl);
        } catch (RepositoryException e) {
            if (!(e.getCause() instanceof SQLException sql && ALREADY_EXISTS.contains(sql.getSQLState()))) {
                throw e;
            }
        }
    }
}
