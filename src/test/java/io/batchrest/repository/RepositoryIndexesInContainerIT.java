package io.batchrest.repository;

import io.batchrest.InContainer;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page sizes of batch-rest's indexes on the server's embedded Derby database ({@link DerbyIndexPages}): 8 KB for
 * the indexes of long entries, which Derby would give 32 KB pages, and Derby's own 4 KB for the others; an index of
 * 32 KB pages that an earlier version created is created again with 8 KB pages when the server starts.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(InContainer.TAG)
class RepositoryIndexesInContainerIT {

    /** The indexes that hold the application name, the exit status or a job parameter's name and value. */
    private static final Set<SearchIndex> LONG_ENTRIES = EnumSet.of(SearchIndex.JOBNAME_STATE_CREATED,
            SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT, SearchIndex.EXITSTATUS_CREATED_JOB_SUBMITTER,
            SearchIndex.APP_CREATED, SearchIndex.BY_APP, SearchIndex.BY_APP_DESC, SearchIndex.BY_EXITSTATUS,
            SearchIndex.BY_EXITSTATUS_DESC, SearchIndex.PARAMETER_VALUE, SearchIndex.PARAMETER_NEWEST);

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment(RepositoryIndexesInContainerIT.class);
    }

    @Inject
    OwnTables ownTables;

    @Test
    void theIndexesOfLongEntriesHavePagesOf8KbAndTheOthersDerbysOwn4Kb() throws Exception {
        assertTrue(startedAgain().complete());

        Map<String, Integer> expected = new TreeMap<>();
        for (SearchIndex index : SearchIndex.values()) {
            expected.put(index.indexName(), LONG_ENTRIES.contains(index) ? 8192 : 4096);
        }
        assertEquals(expected, pageSizes());
    }

    @Test
    void anIndexOf32KbPagesIsCreatedAgainWith8KbPagesWhenTheServerStarts() throws Exception {
        assertTrue(startedAgain().complete());
        SearchIndex index = SearchIndex.BY_APP_DESC;
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DROP INDEX " + BatchTables.SCHEMA + "." + index.indexName());
            // as a version before the page sizes created it: Derby's choice
            statement.executeUpdate("CREATE INDEX " + BatchTables.SCHEMA + "." + index.indexName() + " ON "
                    + index.table() + " (" + index.columns() + ")");
            assertEquals(32768, DerbyIndexPages.pageSizes(connection, index.table()).get(index.indexName()));
        }

        RepositoryIndexes restarted = startedAgain();

        assertTrue(restarted.complete());
        try (Connection connection = dataSource().getConnection()) {
            assertEquals(8192, DerbyIndexPages.pageSizes(connection, index.table()).get(index.indexName()));
        }
    }

    /** What a server starting on this database does with the indexes. */
    private RepositoryIndexes startedAgain() throws NamingException {
        RepositoryIndexes indexes = new RepositoryIndexes();
        indexes.dataSource = dataSource();
        indexes.ownTables = ownTables;
        indexes.ensure();
        return indexes;
    }

    /** The page size of every index of batch-rest, by name. */
    private static Map<String, Integer> pageSizes() throws NamingException, SQLException {
        Map<String, Integer> pageSizes = new TreeMap<>();
        try (Connection connection = dataSource().getConnection()) {
            for (String table : Arrays.stream(SearchIndex.values()).map(SearchIndex::table).distinct().toList()) {
                DerbyIndexPages.pageSizes(connection, table).forEach((name, size) -> {
                    if (Arrays.stream(SearchIndex.values()).anyMatch(index -> index.indexName().equals(name))) {
                        pageSizes.put(name, size);
                    }
                });
            }
        }
        return pageSizes;
    }

    private static DataSource dataSource() throws NamingException {
        return InitialContext.doLookup("jdbc/batch");
    }
}
