package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The tables of batch-rest's own (schema BATCHREST), next to Liberty's: each is created on first use, by whichever
 * server of a cluster gets there first; the others find it there.
 */
@ApplicationScoped
public class OwnTables {

    static final String SCHEMA = "BATCHREST";

    private static final String CREATE_SCHEMA = "CREATE SCHEMA " + SCHEMA;

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
