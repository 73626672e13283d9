package io.batchrest.repository;

import io.batchrest.model.StepExecutionRecord;
import io.batchrest.model.StepMetrics;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.RemotablePartition;
import static io.batchrest.repository.BatchTables.StepThreadExecution;

/** Reads top-level step executions with their metrics and partitions. */
@ApplicationScoped
public class StepExecutionRepository {

    /** Columns by position: 1 id, 2 name, 3 execution, 4 instance, 5 submitter, 6 status, 7 start, 8 end, 9 exit, 10.. metrics. */
    private static final String SELECT_STEPS = "SELECT s." + StepThreadExecution.ID + ", s."
            + StepThreadExecution.STEP_NAME + ", s." + StepThreadExecution.EXECUTION_ID + ", e."
            + JobExecution.INSTANCE_ID + ", i." + JobInstance.SUBMITTER + ", s." + StepThreadExecution.BATCH_STATUS
            + ", s." + StepThreadExecution.START_TIME + ", s." + StepThreadExecution.END_TIME + ", s."
            + StepThreadExecution.EXIT_STATUS + ", " + metricColumns("s")
            + " FROM " + StepThreadExecution.TABLE + " s"
            + " JOIN " + JobExecution.TABLE + " e ON e." + JobExecution.ID + " = s." + StepThreadExecution.EXECUTION_ID
            + " JOIN " + JobInstance.TABLE + " i ON i." + JobInstance.ID + " = e." + JobExecution.INSTANCE_ID
            + " WHERE s." + StepThreadExecution.THREAD_TYPE + " = '" + StepThreadExecution.TOP_LEVEL + "'";

    private static final String IN_RUN_ORDER = " ORDER BY s." + StepThreadExecution.START_TIME + ", s."
            + StepThreadExecution.ID;

    private static final String BY_EXECUTION = SELECT_STEPS + " AND s." + StepThreadExecution.EXECUTION_ID + " = ?"
            + IN_RUN_ORDER;

    private static final String BY_EXECUTION_AND_NAME = SELECT_STEPS + " AND s." + StepThreadExecution.EXECUTION_ID
            + " = ? AND s." + StepThreadExecution.STEP_NAME + " = ?" + IN_RUN_ORDER;

    private static final String BY_ID = SELECT_STEPS + " AND s." + StepThreadExecution.ID + " = ?";

    /**
     * Columns by position: 1 step, 2 number, 3 status, 4 start, 5 end, 6 exit, 7 restUrl, 8 serverId, 9.. metrics.
     * A partition that ran locally may have no REMOTABLEPARTITION row: it ran where its execution ran.
     */
    private static final String PARTITIONS = "SELECT p." + StepThreadExecution.TOP_LEVEL_ID + ", p."
            + StepThreadExecution.PART_NUM + ", p." + StepThreadExecution.BATCH_STATUS + ", p."
            + StepThreadExecution.START_TIME + ", p." + StepThreadExecution.END_TIME + ", p."
            + StepThreadExecution.EXIT_STATUS + ", COALESCE(r." + RemotablePartition.REST_URL + ", e."
            + JobExecution.REST_URL + "), COALESCE(r." + RemotablePartition.SERVER_ID + ", e." + JobExecution.SERVER_ID
            + "), " + metricColumns("p")
            + " FROM " + StepThreadExecution.TABLE + " p"
            + " JOIN " + JobExecution.TABLE + " e ON e." + JobExecution.ID + " = p." + StepThreadExecution.EXECUTION_ID
            + " LEFT JOIN " + RemotablePartition.TABLE + " r ON r." + RemotablePartition.EXECUTION_ID + " = p."
            + StepThreadExecution.EXECUTION_ID + " AND r." + RemotablePartition.STEP_NAME + " = p."
            + StepThreadExecution.STEP_NAME + " AND r." + RemotablePartition.PART_NUM + " = p."
            + StepThreadExecution.PART_NUM
            + " WHERE p." + StepThreadExecution.THREAD_TYPE + " <> '" + StepThreadExecution.TOP_LEVEL + "' AND p."
            + StepThreadExecution.TOP_LEVEL_ID + " IN (%s) ORDER BY p." + StepThreadExecution.PART_NUM;

    private static final String PARTITION_NUMBER = "SELECT " + StepThreadExecution.PART_NUM + " FROM "
            + StepThreadExecution.TABLE + " WHERE " + StepThreadExecution.ID + " = ? AND "
            + StepThreadExecution.THREAD_TYPE + " <> '" + StepThreadExecution.TOP_LEVEL + "'";

    @Inject
    BatchDatabase database;

    /** The partition number of a partition's own step execution row. */
    public Optional<Integer> partitionNumberOf(long partitionStepExecutionId) {
        return database.queryOne(PARTITION_NUMBER, row -> row.getInt(1), partitionStepExecutionId);
    }

    /** The top-level steps of an execution in the order they started. */
    public List<StepExecutionRecord> findByExecution(long executionId) {
        return withPartitions(database.query(BY_EXECUTION, StepExecutionRepository::map, executionId));
    }

    public Optional<StepExecutionRecord> findByExecutionAndName(long executionId, String stepName) {
        return withPartitions(database.query(BY_EXECUTION_AND_NAME, StepExecutionRepository::map, executionId,
                stepName)).stream().findFirst();
    }

    public Optional<StepExecutionRecord> findById(long stepExecutionId) {
        return withPartitions(database.query(BY_ID, StepExecutionRepository::map, stepExecutionId))
                .stream().findFirst();
    }

    private List<StepExecutionRecord> withPartitions(List<StepExecutionRecord> steps) {
        if (steps.isEmpty()) {
            return steps;
        }
        Map<Long, List<StepExecutionRecord.Partition>> partitionsByStep = new LinkedHashMap<>();
        steps.forEach(step -> partitionsByStep.put(step.stepExecutionId(), new ArrayList<>()));
        database.query(String.format(PARTITIONS, BatchDatabase.placeholders(steps.size())), row -> {
            partitionsByStep.get(row.getLong(1)).add(new StepExecutionRecord.Partition(row.getInt(2),
                    BatchStatus.values()[row.getInt(3)], instant(row, 4), instant(row, 5), row.getString(6),
                    row.getString(7), row.getString(8), metrics(row, 9)));
            return null;
        }, partitionsByStep.keySet().toArray());
        return steps.stream().map(step -> new StepExecutionRecord(step.stepExecutionId(), step.stepName(),
                step.executionId(), step.instanceId(), step.submitter(), step.batchStatus(), step.startTime(),
                step.endTime(), step.exitStatus(), step.metrics(),
                List.copyOf(partitionsByStep.get(step.stepExecutionId())))).toList();
    }

    private static StepExecutionRecord map(ResultSet row) throws SQLException {
        return new StepExecutionRecord(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4),
                row.getString(5), BatchStatus.values()[row.getInt(6)], instant(row, 7), instant(row, 8),
                row.getString(9), metrics(row, 10), List.of());
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The metric columns of a step table alias, in the order {@link #metrics} reads them. */
    private static String metricColumns(String alias) {
        return String.join(", ", alias + "." + StepThreadExecution.READ, alias + "." + StepThreadExecution.WRITE,
                alias + "." + StepThreadExecution.COMMIT, alias + "." + StepThreadExecution.ROLLBACK,
                alias + "." + StepThreadExecution.READ_SKIP, alias + "." + StepThreadExecution.PROCESS_SKIP,
                alias + "." + StepThreadExecution.FILTER, alias + "." + StepThreadExecution.WRITE_SKIP);
    }

    /** Reads the eight columns of {@link #metricColumns} starting at the 1-based {@code firstColumn}. */
    private static StepMetrics metrics(ResultSet row, int firstColumn) throws SQLException {
        int c = firstColumn;
        return new StepMetrics(row.getLong(c), row.getLong(c + 1), row.getLong(c + 2), row.getLong(c + 3),
                row.getLong(c + 4), row.getLong(c + 5), row.getLong(c + 6), row.getLong(c + 7));
    }
}
