package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Creates the tables of batch-rest's own ({@link BatchRestTables}), next to Liberty's: each on first use, by whichever
 * server of a cluster gets there first; the others find it there.
 */
@ApplicationScoped
public class OwnTables {

    private static final String CREATE_SCHEMA = "CREATE SCHEMA " + BatchRestTables.SCHEMA;

    @Inject
    BatchDatabase database;

    /** The statements this server has run (or found done): each is run once, and asking again costs a lookup. */
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    /**
     * Creates the schema, then each table (or index) of it in order, unless it exists; a store calls it before each
     * use of its tables.
     */
    public void create(String... createTables) {
        List<String> statements = List.of(createTables);
        if (created.containsAll(statements)) {
            return;
        }
        synchronized (this) {
            for (String statement : Stream.concat(Stream.of(CREATE_SCHEMA), statements.stream()).toList()) {
                if (!created.contains(statement)) {
                    database.createIgnoringExisting(statement);
                    created.add(statement);
                }
            }
        }
    }
}
