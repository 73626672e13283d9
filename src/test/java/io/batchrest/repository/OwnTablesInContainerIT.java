package io.batchrest.repository;

import io.batchrest.InContainer;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OwnTables} against the server's real database, embedded Derby and the topology's PostgreSQL: the tables are
 * there once the application has started, and a server that starts again sends no CREATE for them (on Derby that
 * could fail a running job: docs/api.md, "Schema changes and running jobs").
 */
@ExtendWith(ArquillianExtension.class)
@Tag(InContainer.TAG)
@Tag(InContainer.REPOSITORY_SQL_TAG)
class OwnTablesInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment(OwnTablesInContainerIT.class);
    }

    @Inject
    BatchDatabase database;

    @Test
    void everyTableExistsOnceTheApplicationHasStarted() {
        Set<String> existing = database.schemaAndTables(BatchRestTables.SCHEMA);
        assertTrue(existing.contains(BatchRestTables.SCHEMA), existing::toString);
        for (String statement : OwnTables.EVERY_TABLE) {
            assertTrue(existing.contains(OwnTables.createdObject(statement)), () -> statement + " in " + existing);
        }
    }

    /**
     * The statements here are not SQL: the database refuses any that reaches it. The one for a table that exists
     * passes because it is never sent; the one for a missing table is sent.
     */
    @Test
    void aServerThatStartsAgainSendsNoCreateForATableThatExists() {
        OwnTables restarted = new OwnTables();
        restarted.database = database;

        restarted.create("CREATE TABLE " + BatchRestTables.JobEvent.TABLE + " (not a column list");
        restarted.create("CREATE TABLE " + BatchRestTables.JobEvent.TABLE + " (not a column list");

        assertThrows(RepositoryException.class, () -> restarted.create("CREATE TABLE " + BatchRestTables.SCHEMA
                + ".NO_SUCH_TABLE (not a column list"));
    }
}
