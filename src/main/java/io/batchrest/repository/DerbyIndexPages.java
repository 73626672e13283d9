package io.batchrest.repository;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.batchrest.repository.BatchDatabase.storedCase;

/**
 * The page size of batch-rest's indexes on embedded Derby. Derby gives an index whose entries may be longer than about
 * 1 KB pages of 32 KB (the job name, submitter, application name and exit status are text of up to 256 and 512
 * characters), however short the entries really are. Its page cache counts pages, not bytes, and keeps an object of
 * 32 bytes for each entry of a cached page: a 32 KB page of short entries costs about 58 KB of heap, and a cache of
 * such pages took the live heap over 256 MB at a million instances. Such an index gets the smallest pages that still
 * hold two of its longest entries (Derby refuses an entry longer than half a page): 8 KB for each such index of
 * batch-rest, while the indexes of short entries keep Derby's 4 KB (docs/benchmarks.md, "Index pages of 8 KB").
 */
final class DerbyIndexPages {

    /** Derby's own choice for entries of up to this many bytes: pages of 4 KB. */
    static final int DERBY_SHORT_ENTRY_LIMIT = 1024;

    /** The smallest page an index of longer entries gets here; the largest is Derby's own, 32 KB. */
    static final int LONG_ENTRY_PAGE_SIZE = 8192;

    private static final int LARGEST_PAGE_SIZE = 32768;

    /** Bytes of a character at most: Derby stores text in modified UTF-8. */
    private static final int BYTES_PER_CHARACTER = 3;

    /** Bytes of any other column at most (Derby's TIMESTAMP: 12; BIGINT: 8). */
    private static final int BYTES_PER_OTHER_COLUMN = 12;

    private static final String PAGE_SIZE_PROPERTY = "derby.storage.pageSize";

    private DerbyIndexPages() {
    }

    /**
     * The page size each of {@code indexes} is to have, from the declared sizes of its columns: none (0) if Derby's own
     * choice is small pages, else the smallest power of two from 8 KB that holds two of its longest entries. Reads the
     * columns of each table once.
     */
    static Map<SearchIndex, Integer> pageSizesFor(Connection connection, SearchIndex... indexes) throws SQLException {
        Map<String, Map<String, Integer>> columnBytesByTable = new HashMap<>();
        Map<SearchIndex, Integer> pageSizes = new EnumMap<>(SearchIndex.class);
        for (SearchIndex index : indexes) {
            Map<String, Integer> columnBytes = columnBytesByTable.get(index.table());
            if (columnBytes == null) {
                columnBytes = columnBytes(connection, index.table());
                columnBytesByTable.put(index.table(), columnBytes);
            }
            int longestEntry = 0;
            for (String column : index.columnNames()) {
                longestEntry += columnBytes.getOrDefault(column, BYTES_PER_OTHER_COLUMN);
            }
            pageSizes.put(index, pageSizeForLongestEntry(longestEntry));
        }
        return pageSizes;
    }

    /** The page size of an index whose longest entry has {@code longestEntry} bytes (see {@link #pageSizesFor}). */
    static int pageSizeForLongestEntry(int longestEntry) {
        if (longestEntry <= DERBY_SHORT_ENTRY_LIMIT) {
            return 0;
        }
        int pageSize = LONG_ENTRY_PAGE_SIZE;
        while (pageSize < 2 * longestEntry && pageSize < LARGEST_PAGE_SIZE) {
            pageSize *= 2;
        }
        return pageSize;
    }

    /** The most bytes a value of each column of {@code qualifiedTable} may take in an index entry, by column name. */
    private static Map<String, Integer> columnBytes(Connection connection, String qualifiedTable) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String[] parts = qualifiedTable.split("\\.");
        Map<String, Integer> columnBytes = new HashMap<>();
        try (ResultSet columns = metaData.getColumns(null, storedCase(metaData, parts[0]),
                storedCase(metaData, parts[1]), null)) {
            while (columns.next()) {
                int type = columns.getInt("DATA_TYPE");
                boolean text = type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR
                        || type == Types.NCHAR;
                columnBytes.put(columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT),
                        text ? columns.getInt("COLUMN_SIZE") * BYTES_PER_CHARACTER : BYTES_PER_OTHER_COLUMN);
            }
        }
        return columnBytes;
    }

    /** The page size of each index of {@code qualifiedTable}, by index name (SYSCS_DIAG.SPACE_TABLE). */
    static Map<String, Integer> pageSizes(Connection connection, String qualifiedTable) throws SQLException {
        String[] parts = qualifiedTable.split("\\.");
        Map<String, Integer> pageSizes = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT CONGLOMERATENAME, PAGESIZE FROM "
                + "TABLE(SYSCS_DIAG.SPACE_TABLE(?, ?)) S WHERE ISINDEX = 1")) {
            statement.setString(1, parts[0]);
            statement.setString(2, parts[1]);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pageSizes.put(rows.getString(1).toUpperCase(Locale.ROOT), rows.getInt(2));
                }
            }
        }
        return pageSizes;
    }

    /**
     * Runs {@code createIndex} with Derby's page size for new objects set to {@code pageSize}, and restores the
     * database's own setting after it (normally none), so that nothing else gets that page size.
     */
    static void create(Connection connection, String createIndex, int pageSize) throws SQLException {
        String previous;
        try (Statement statement = connection.createStatement();
             ResultSet value = statement.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY('"
                     + PAGE_SIZE_PROPERTY + "')")) {
            value.next();
            previous = value.getString(1);
        }
        setPageSize(connection, Integer.toString(pageSize));
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(createIndex);
        } finally {
            setPageSize(connection, previous);
        }
    }

    private static void setPageSize(Connection connection, String pageSize) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('" + PAGE_SIZE_PROPERTY + "', ?)")) {
            if (pageSize == null) {
                statement.setNull(1, Types.VARCHAR);
            } else {
                statement.setString(1, pageSize);
            }
            statement.execute();
        }
    }
}
