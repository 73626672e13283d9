package io.batchrest.repository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The page sizes of batch-rest's indexes on Derby ({@link DerbyIndexPages}): the rule, and how an index gets its pages,
 * on an in-memory Derby database.
 */
class DerbyIndexPagesTest {

    private Connection connection;

    @BeforeEach
    void openDatabase() throws SQLException {
        connection = DriverManager.getConnection("jdbc:derby:memory:indexPages;create=true");
        execute("CREATE SCHEMA PAGES");
        execute("CREATE TABLE PAGES.T (ID BIGINT NOT NULL, NAME VARCHAR(512), TAG VARCHAR(64))");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        connection.close();
        SQLException dropped = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:derby:memory:indexPages;drop=true"));
        assertEquals("08006", dropped.getSQLState(), dropped::getMessage);
    }

    @Test
    void entriesOfUpTo1KbKeepDerbysChoiceAndLongerOnesGetTheSmallestPageOfTwoEntriesFrom8Kb() {
        assertEquals(0, DerbyIndexPages.pageSizeForLongestEntry(12));
        assertEquals(0, DerbyIndexPages.pageSizeForLongestEntry(1024));
        assertEquals(8192, DerbyIndexPages.pageSizeForLongestEntry(1025));
        // the widest entry of batch-rest's indexes: 1,024 characters of text, the state, two times and the id
        assertEquals(8192, DerbyIndexPages.pageSizeForLongestEntry(1024 * 3 + 4 * 12));
        assertEquals(8192, DerbyIndexPages.pageSizeForLongestEntry(4096));
        assertEquals(16384, DerbyIndexPages.pageSizeForLongestEntry(4097));
        assertEquals(32768, DerbyIndexPages.pageSizeForLongestEntry(8193));
        assertEquals(32768, DerbyIndexPages.pageSizeForLongestEntry(30000));
    }

    @Test
    void thePageSizeOfEachIndexComesFromTheDeclaredSizesOfItsColumns() throws SQLException {
        execute("CREATE SCHEMA " + BatchRestTables.SCHEMA);
        for (String createTable : InstanceParameters.CREATE_TABLES) {
            execute(createTable);
        }

        // name and value of 255 characters each, the create time and the instance id: 1,554 bytes at most
        assertEquals(Map.of(SearchIndex.PARAMETER_NEWEST, 8192, SearchIndex.PARAMETER_INSTANCE, 0),
                DerbyIndexPages.pageSizesFor(connection, SearchIndex.PARAMETER_NEWEST,
                        SearchIndex.PARAMETER_INSTANCE));
    }

    @Test
    void anIndexCreatedWithAPageSizeHasItAndTheNextObjectsGetDerbysOwnAgain() throws SQLException {
        DerbyIndexPages.create(connection, "CREATE INDEX PAGES.T_NAME ON PAGES.T (NAME, ID DESC)", 8192);
        execute("CREATE INDEX PAGES.T_NAME_DEFAULT ON PAGES.T (NAME DESC, ID)");
        execute("CREATE INDEX PAGES.T_TAG ON PAGES.T (TAG)");

        assertEquals(Map.of("T_NAME", 8192, "T_NAME_DEFAULT", 32768, "T_TAG", 4096),
                DerbyIndexPages.pageSizes(connection, "PAGES.T"));
        assertNull(pageSizeProperty());
    }

    @Test
    void theDatabasesOwnPageSizeIsRestoredAfterwardsEvenWhenTheIndexIsRefused() throws SQLException {
        execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '16384')");

        DerbyIndexPages.create(connection, "CREATE INDEX PAGES.T_NAME ON PAGES.T (NAME)", 8192);
        SQLException refused = assertThrows(SQLException.class,
                () -> DerbyIndexPages.create(connection, "CREATE INDEX PAGES.T_NO_SUCH ON PAGES.T (NO_SUCH)", 8192));

        assertEquals("42X14", refused.getSQLState(), refused::getMessage);
        assertEquals("16384", pageSizeProperty());
        assertEquals(Map.of("T_NAME", 8192), DerbyIndexPages.pageSizes(connection, "PAGES.T"));
    }

    private String pageSizeProperty() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet value = statement.executeQuery(
                     "VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY('derby.storage.pageSize')")) {
            value.next();
            return value.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
