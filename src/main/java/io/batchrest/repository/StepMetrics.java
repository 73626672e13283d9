package io.batchrest.repository;

import java.sql.ResultSet;
import java.sql.SQLException;

import static io.batchrest.repository.BatchTables.StepThreadExecution.COMMIT;
import static io.batchrest.repository.BatchTables.StepThreadExecution.FILTER;
import static io.batchrest.repository.BatchTables.StepThreadExecution.PROCESS_SKIP;
import static io.batchrest.repository.BatchTables.StepThreadExecution.READ;
import static io.batchrest.repository.BatchTables.StepThreadExecution.READ_SKIP;
import static io.batchrest.repository.BatchTables.StepThreadExecution.ROLLBACK;
import static io.batchrest.repository.BatchTables.StepThreadExecution.WRITE;
import static io.batchrest.repository.BatchTables.StepThreadExecution.WRITE_SKIP;

/** The eight Jakarta Batch step metrics, in the order the API lists them. */
public record StepMetrics(long read, long write, long commit, long rollback, long readSkip, long processSkip,
                          long filter, long writeSkip) {

    /** The metric columns of a step table alias, in the order {@link #from} reads them. */
    static String columns(String alias) {
        return String.join(", ", alias + "." + READ, alias + "." + WRITE, alias + "." + COMMIT,
                alias + "." + ROLLBACK, alias + "." + READ_SKIP, alias + "." + PROCESS_SKIP, alias + "." + FILTER,
                alias + "." + WRITE_SKIP);
    }

    /** Reads the eight columns of {@link #columns} starting at the 1-based {@code firstColumn}. */
    static StepMetrics from(ResultSet row, int firstColumn) throws SQLException {
        int c = firstColumn;
        return new StepMetrics(row.getLong(c), row.getLong(c + 1), row.getLong(c + 2), row.getLong(c + 3),
                row.getLong(c + 4), row.getLong(c + 5), row.getLong(c + 6), row.getLong(c + 7));
    }
}
