package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.batchrest.repository.BatchTables.GroupAssociation;
import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;
import static io.batchrest.repository.BatchTables.RemotablePartition;
import static io.batchrest.repository.BatchTables.StepThreadExecution;
import static io.batchrest.repository.BatchTables.StepThreadInstance;

/**
 * Deletes every repository row of a job instance in one transaction, or of many instances in one transaction
 * ({@link #purgeAll}): one commit for them all, where a purge instance by instance waits for a flush of the
 * database's log per instance, which concurrent submissions make slow (docs/benchmarks.md, "Retention under load").
 */
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

    private static final String EXECUTIONS_OF_INSTANCES = "SELECT " + JobExecution.ID + " FROM " + JobExecution.TABLE
            + " WHERE " + JobExecution.INSTANCE_ID + " IN (%s)";

    /** Ids per IN list: a statement with thousands of parameters costs Derby more to compile than it saves. */
    static final int IDS_PER_STATEMENT = 500;

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
            + StepThreadInstance.INSTANCE_ID + " IN (%s)";

    /** Rows keyed by instance, after everything that points at them (and after the copied parameters). */
    private static final String[] DELETE_BY_INSTANCES = {
        "DELETE FROM " + JobExecution.TABLE + " WHERE " + JobExecution.INSTANCE_ID + " IN (%s)",
        "DELETE FROM " + GroupAssociation.TABLE + " WHERE " + GroupAssociation.INSTANCE_ID + " IN (%s)",
        "DELETE FROM " + JobInstance.TABLE + " WHERE " + JobInstance.ID + " IN (%s)",
    };

    @Inject
    BatchDatabase database;

    @Inject
    OwnTables ownTables;

    @Inject
    LargeCounts largeCounts;

    public Outcome purge(long instanceId) {
        return purgeAll(List.of(instanceId)).get(instanceId);
    }

    /**
     * Purges each instance that is not active, all in one transaction, and answers each one's outcome in the order
     * given. A failure rolls them all back. The instance rows are locked in ascending id order, whatever the order
     * given: two purges of overlapping instances (two bulk purges sorted differently) then wait for each other
     * instead of deadlocking, which Derby would only detect after its deadlock timeout.
     */
    public Map<Long, Outcome> purgeAll(List<Long> instanceIds) {
        ownTables.create(InstanceParameters.CREATE_TABLES);
        Map<Long, Outcome> result = database.inTransaction(connection -> {
            Map<Long, Outcome> outcomes = new HashMap<>();
            List<Long> purged = new ArrayList<>();
            for (long instanceId : instanceIds.stream().sorted().distinct().toList()) {
                if (BatchDatabase.update(connection, LOCK_IF_FINAL, instanceId) == 0) {
                    outcomes.put(instanceId, exists(connection, instanceId) ? Outcome.ACTIVE : Outcome.NOT_FOUND);
                } else {
                    outcomes.put(instanceId, Outcome.PURGED);
                    purged.add(instanceId);
                }
            }
            for (int from = 0; from < purged.size(); from += IDS_PER_STATEMENT) {
                deleteRows(connection, purged.subList(from, Math.min(from + IDS_PER_STATEMENT, purged.size())));
            }
            Map<Long, Outcome> inOrderGiven = new LinkedHashMap<>();
            instanceIds.forEach(instanceId -> inOrderGiven.put(instanceId, outcomes.get(instanceId)));
            return inOrderGiven;
        });
        // Counts read before the purge ended may be lower now: the next search counts again (docs/api.md, "Totals").
        largeCounts.forget();
        return result;
    }

    private static void deleteRows(Connection connection, List<Long> instanceIds) throws SQLException {
        Object[] instances = instanceIds.toArray();
        List<Long> executions = BatchDatabase.query(connection, in(EXECUTIONS_OF_INSTANCES, instances.length),
                row -> row.getLong(1), instances);
        BatchDatabase.update(connection, in(DELETE_STEP_STATE, instances.length), instances);
        for (int from = 0; from < executions.size(); from += IDS_PER_STATEMENT) {
            Object[] some = executions.subList(from, Math.min(from + IDS_PER_STATEMENT, executions.size())).toArray();
            for (String delete : DELETE_BY_EXECUTIONS) {
                BatchDatabase.update(connection, in(delete, some.length), some);
            }
        }
        BatchDatabase.updateEach(connection, InstanceParameters.DELETE_OF_INSTANCE, instanceIds);
        for (String delete : DELETE_BY_INSTANCES) {
            BatchDatabase.update(connection, in(delete, instances.length), instances);
        }
    }

    private static String in(String statement, int ids) {
        return String.format(statement, BatchDatabase.placeholders(ids));
    }

    private static boolean exists(Connection connection, long instanceId) throws SQLException {
        return BatchDatabase.query(connection, EXISTS, row -> row.getLong(1), instanceId).get(0) > 0;
    }
}
