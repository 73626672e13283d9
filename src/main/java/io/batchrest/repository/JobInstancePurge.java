package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

import static io.batchrest.repository.BatchTables.GroupAssociation;
import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;
import static io.batchrest.repository.BatchTables.RemotablePartition;
import static io.batchrest.repository.BatchTables.StepThreadExecution;
import static io.batchrest.repository.BatchTables.StepThreadInstance;

/** Deletes every repository row of a job instance in one transaction. */
@ApplicationScoped
public class JobInstancePurge {

    /** What the delete found. */
    public enum Outcome { PURGED, NOT_FOUND, ACTIVE }

    private static final String ACTIVE_STATES = Arrays.stream(InstanceState.values())
            .filter(InstanceState::isActive)
            .map(state -> Integer.toString(state.ordinal()))
            .collect(Collectors.joining(", "));

    /**
     * Locks the instance row and proves it is not active in the same statement, so a restart cannot slip in
     * between the check and the delete.
     */
    private static final String LOCK_IF_FINAL = "UPDATE " + JobInstance.TABLE + " SET " + JobInstance.NUM_EXECS + " = "
            + JobInstance.NUM_EXECS + " WHERE " + JobInstance.ID + " = ? AND " + JobInstance.INSTANCE_STATE
            + " NOT IN (" + ACTIVE_STATES + ")";

    private static final String EXISTS = "SELECT COUNT(*) FROM " + JobInstance.TABLE + " WHERE " + JobInstance.ID + " = ?";

    private static final String EXECUTIONS_OF_INSTANCE = "SELECT " + JobExecution.ID + " FROM " + JobExecution.TABLE
            + " WHERE " + JobExecution.INSTANCE_ID + " = ?";

    /**
     * Rows keyed by execution, children before parents: partitions point at their step. They are deleted by the
     * execution ids looked up first, so that every statement is an index lookup (a delete with a sub-select
     * becomes a scan of the whole table on Derby, per purged instance).
     */
    private static final String[] DELETE_BY_EXECUTIONS = {
        "DELETE FROM " + RemotablePartition.TABLE + " WHERE " + RemotablePartition.EXECUTION_ID + " IN (%s)",
        "DELETE FROM " + StepThreadExecution.TABLE + " WHERE " + StepThreadExecution.THREAD_TYPE + " <> '"
                + StepThreadExecution.TOP_LEVEL + "' AND " + StepThreadExecution.EXECUTION_ID + " IN (%s)",
        "DELETE FROM " + StepThreadExecution.TABLE + " WHERE " + StepThreadExecution.EXECUTION_ID + " IN (%s)",
        "DELETE FROM " + JobParameter.TABLE + " WHERE " + JobParameter.EXECUTION_ID + " IN (%s)",
    };

    /** Step state points at the latest step execution, so it goes before the step executions. */
    private static final String DELETE_STEP_STATE = "DELETE FROM " + StepThreadInstance.TABLE + " WHERE "
            + StepThreadInstance.INSTANCE_ID + " = ?";

    /** Rows keyed by instance, after everything that points at them. */
    private static final String[] DELETE_BY_INSTANCE = {
        "DELETE FROM " + JobExecution.TABLE + " WHERE " + JobExecution.INSTANCE_ID + " = ?",
        "DELETE FROM " + GroupAssociation.TABLE + " WHERE " + GroupAssociation.INSTANCE_ID + " = ?",
        "DELETE FROM " + JobInstance.TABLE + " WHERE " + JobInstance.ID + " = ?",
    };

    @Inject
    BatchDatabase database;

    public Outcome purge(long instanceId) {
        return database.inTransaction(connection -> {
            if (BatchDatabase.update(connection, LOCK_IF_FINAL, instanceId) == 0) {
                return exists(connection, instanceId) ? Outcome.ACTIVE : Outcome.NOT_FOUND;
            }
            Object[] executions = BatchDatabase.query(connection, EXECUTIONS_OF_INSTANCE, row -> row.getLong(1),
                    instanceId).toArray();
            BatchDatabase.update(connection, DELETE_STEP_STATE, instanceId);
            if (executions.length > 0) {
                for (String delete : DELETE_BY_EXECUTIONS) {
                    BatchDatabase.update(connection, String.format(delete,
                            BatchDatabase.placeholders(executions.length)), executions);
                }
            }
            for (String delete : DELETE_BY_INSTANCE) {
                BatchDatabase.update(connection, delete, instanceId);
            }
            return Outcome.PURGED;
        });
    }

    private static boolean exists(Connection connection, long instanceId) throws SQLException {
        return BatchDatabase.query(connection, EXISTS, row -> row.getLong(1), instanceId).get(0) > 0;
    }
}
