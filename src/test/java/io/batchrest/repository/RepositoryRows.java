package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import jakarta.batch.runtime.BatchStatus;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.batchrest.repository.BatchTables.GroupAssociation;
import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;
import static io.batchrest.repository.BatchTables.RemotablePartition;
import static io.batchrest.repository.BatchTables.StepThreadExecution;
import static io.batchrest.repository.BatchTables.StepThreadInstance;

/** Rows of the real job repository, for the in-container tests: counted, or put back into a state a crash leaves. */
public final class RepositoryRows {

    private RepositoryRows() {
    }

    /** How many rows each table of the repository holds for an instance and its one execution. */
    public static Map<String, Long> of(BatchDatabase database, long instanceId, long executionId) {
        Map<String, Long> rows = new LinkedHashMap<>();
        count(database, rows, JobInstance.TABLE, JobInstance.ID, instanceId);
        count(database, rows, JobExecution.TABLE, JobExecution.ID, executionId);
        count(database, rows, StepThreadExecution.TABLE, StepThreadExecution.EXECUTION_ID, executionId);
        count(database, rows, StepThreadInstance.TABLE, StepThreadInstance.INSTANCE_ID, instanceId);
        count(database, rows, JobParameter.TABLE, JobParameter.EXECUTION_ID, executionId);
        count(database, rows, RemotablePartition.TABLE, RemotablePartition.EXECUTION_ID, executionId);
        count(database, rows, GroupAssociation.TABLE, GroupAssociation.INSTANCE_ID, instanceId);
        count(database, rows, BatchRestTables.InstanceParameter.TABLE, BatchRestTables.InstanceParameter.INSTANCE_ID,
                instanceId);
        return rows;
    }

    private static void count(BatchDatabase database, Map<String, Long> rows, String table, String column, long id) {
        rows.put(table, database.count("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", id));
    }

    /**
     * Puts an ended execution back into the state a server that crashed while running it leaves: the execution and
     * its steps STARTED without an end, on server {@code serverId}, its instance DISPATCHED.
     */
    public static void runningAsLeftByACrash(BatchDatabase database, long executionId, String serverId) {
        int started = BatchStatus.STARTED.ordinal();
        database.update("UPDATE " + StepThreadExecution.TABLE + " SET " + StepThreadExecution.BATCH_STATUS + " = ?, "
                + StepThreadExecution.END_TIME + " = NULL WHERE " + StepThreadExecution.EXECUTION_ID + " = ?",
                started, executionId);
        database.update("UPDATE " + JobExecution.TABLE + " SET " + JobExecution.BATCH_STATUS + " = ?, "
                + JobExecution.END_TIME + " = NULL, " + JobExecution.SERVER_ID + " = ? WHERE " + JobExecution.ID
                + " = ?", started, serverId, executionId);
        database.update("UPDATE " + JobInstance.TABLE + " SET " + JobInstance.BATCH_STATUS + " = ?, "
                + JobInstance.INSTANCE_STATE + " = ? WHERE " + JobInstance.ID + " = (SELECT "
                + JobExecution.INSTANCE_ID + " FROM " + JobExecution.TABLE + " WHERE " + JobExecution.ID + " = ?)",
                started, InstanceState.DISPATCHED.ordinal(), executionId);
    }
}
