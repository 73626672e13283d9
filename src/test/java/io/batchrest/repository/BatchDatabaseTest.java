package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The isolation level of a read-only query: READ UNCOMMITTED where readers would otherwise take read locks (Derby),
 * nothing asked of PostgreSQL, whose readers never lock (docs/benchmarks.md, "Reads without the isolation switch on
 * PostgreSQL").
 */
class BatchDatabaseTest {

    /** A database of the given product that answers every query with no row, and records what it is asked. */
    private static final class RecordingDataSource {
        final String product;
        final List<String> calls = new ArrayList<>();

        RecordingDataSource(String product) {
            this.product = product;
        }

        DataSource dataSource() {
            return proxy(DataSource.class, (method, args) -> switch (method) {
                case "getConnection" -> connection();
                default -> throw new UnsupportedOperationException(method);
            });
        }

        private Connection connection() {
            return proxy(Connection.class, (method, args) -> {
                switch (method) {
                    case "getMetaData":
                        return proxy(DatabaseMetaData.class, (name, none) -> {
                            calls.add(name);
                            return product;
                        });
                    case "setTransactionIsolation":
                        calls.add(method + " " + args[0]);
                        return null;
                    case "prepareStatement":
                        calls.add("prepareStatement " + args[0]);
                        return proxy(PreparedStatement.class, (name, values) -> switch (name) {
                            case "executeQuery" -> proxy(ResultSet.class, (next, nothing) -> false);
                            default -> null;
                        });
                    case "setAutoCommit", "rollback", "close":
                        return null;
                    default:
                        throw new UnsupportedOperationException(method);
                }
            });
        }

        private interface Answer {
            Object answer(String method, Object[] args) throws Exception;
        }

        private static <T> T proxy(Class<T> type, Answer answer) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> answer.answer(method.getName(), args)));
        }
    }

    /** Two queries and a read row by row, each on a connection of its own. */
    private static List<String> threeReadsOn(RecordingDataSource recording) {
        BatchDatabase database = new BatchDatabase();
        database.dataSource = recording.dataSource();
        database.query("SELECT 1", row -> row.getLong(1));
        database.query("SELECT 2", row -> row.getLong(1));
        database.forEachRow("SELECT 3", row -> row.getLong(1), value -> true);
        return recording.calls;
    }

    @Test
    void onDerbyEveryQueryReadsUncommittedRows() {
        assertEquals(List.of("getDatabaseProductName",
                "setTransactionIsolation " + Connection.TRANSACTION_READ_UNCOMMITTED, "prepareStatement SELECT 1",
                "setTransactionIsolation " + Connection.TRANSACTION_READ_UNCOMMITTED, "prepareStatement SELECT 2",
                "setTransactionIsolation " + Connection.TRANSACTION_READ_UNCOMMITTED, "prepareStatement SELECT 3"),
                threeReadsOn(new RecordingDataSource("Apache Derby")), "the product is asked once");
    }

    @Test
    void onPostgreSqlAQueryLeavesTheIsolationLevelAlone() {
        assertEquals(List.of("getDatabaseProductName", "prepareStatement SELECT 1", "prepareStatement SELECT 2",
                "prepareStatement SELECT 3"), threeReadsOn(new RecordingDataSource("PostgreSQL")));
    }
}
