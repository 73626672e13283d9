package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Creates the tables of batch-rest's own ({@link BatchRestTables}), next to Liberty's: each on first use, by whichever
 * server of a cluster gets there first; the others find it there.
 */
@ApplicationScoped
public class OwnTables {

    private static final String CREATE_SCHEMA = "CREATE SCHEMA " + BatchRestTables.SCHEMA;

    @Inject
    BatchDatabase database;

    /** Creates the schema, then each table (or index) of it in order, unless it exists. */
    public void create(String... createTables) {
        database.createIgnoringExisting(CREATE_SCHEMA);
        for (String createTable : createTables) {
            database.createIgnoringExisting(createTable);
        }
    }
}
