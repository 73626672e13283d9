package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import io.batchrest.model.JobExecutionRecord;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.StepThreadExecution;

/** Reads job executions, with the top-level steps that ran in each. */
@ApplicationScoped
public class JobExecutionRepository {

    private static final String SELECT = "SELECT e." + JobExecution.ID + ", e." + JobExecution.INSTANCE_ID
            + ", e." + JobExecution.EXEC_NUM + ", i." + JobInstance.JOB_NAME + ", i." + JobInstance.SUBMITTER
            + ", e." + JobExecution.BATCH_STATUS + ", e." + JobExecution.EXIT_STATUS
            + ", e." + JobExecution.CREATE_TIME + ", e." + JobExecution.END_TIME + ", e." + JobExecution.UPDATE_TIME
            + ", e." + JobExecution.START_TIME + ", e." + JobExecution.JOB_PARAMETERS
            + ", e." + JobExecution.REST_URL + ", e." + JobExecution.SERVER_ID + ", e." + JobExecution.LOG_PATH
            + " FROM " + JobExecution.TABLE + " e JOIN " + JobInstance.TABLE + " i ON i." + JobInstance.ID
            + " = e." + JobExecution.INSTANCE_ID;

    private static final String BY_ID = SELECT + " WHERE e." + JobExecution.ID + " = ?";

    /** Most recent first. */
    private static final String BY_INSTANCE = SELECT + " WHERE e." + JobExecution.INSTANCE_ID + " = ? ORDER BY e."
            + JobExecution.EXEC_NUM + " DESC";

    private static final String BY_INSTANCE_AND_NUMBER = SELECT + " WHERE e." + JobExecution.INSTANCE_ID
            + " = ? AND e." + JobExecution.EXEC_NUM + " = ?";

    /** Steps in the order they ran. */
    private static final String TOP_LEVEL_STEPS = "SELECT " + StepThreadExecution.ID + ", "
            + StepThreadExecution.STEP_NAME + ", " + StepThreadExecution.BATCH_STATUS + ", "
            + StepThreadExecution.EXIT_STATUS + ", " + StepThreadExecution.EXECUTION_ID
            + " FROM " + StepThreadExecution.TABLE + " WHERE " + StepThreadExecution.THREAD_TYPE + " = '"
            + StepThreadExecution.TOP_LEVEL + "' AND " + StepThreadExecution.EXECUTION_ID + " IN (%s) ORDER BY "
            + StepThreadExecution.START_TIME + ", " + StepThreadExecution.ID;

    private static final String LOG_LOCATIONS = "SELECT " + JobExecution.LOG_PATH + ", " + JobExecution.REST_URL + ", "
            + JobExecution.SERVER_ID + " FROM " + JobExecution.TABLE + " WHERE " + JobExecution.INSTANCE_ID
            + " = ? AND " + JobExecution.LOG_PATH + " IS NOT NULL";

    /** Where an execution's log directory is: the path on the server that ran it. */
    public record LogLocation(String logPath, String restUrl, String serverId) {
    }

    @Inject
    BatchDatabase database;

    /** The recorded log directories of an instance's executions and their servers; what a purge needs. */
    public List<LogLocation> logLocationsOf(long instanceId) {
        return database.query(LOG_LOCATIONS, row -> new LogLocation(row.getString(1), row.getString(2),
                row.getString(3)), instanceId);
    }

    /** The job parameters of an execution, sorted by name; empty for an unknown execution. */
    public SortedMap<String, String> parametersOf(long executionId) {
        return database.queryOne("SELECT " + JobExecution.JOB_PARAMETERS + " FROM " + JobExecution.TABLE + " WHERE "
                + JobExecution.ID + " = ?", row -> JobParametersBlob.read(row.getBytes(1)), executionId)
                .orElseGet(TreeMap::new);
    }

    /**
     * Records, as an execution starts, the server that runs it and (with job logging on) the folder of its log, in
     * one update of its row.
     */
    public void recordStart(long executionId, String restUrl, String serverId, Optional<String> logPath) {
        database.update("UPDATE " + JobExecution.TABLE + " SET " + JobExecution.REST_URL + " = ?, "
                + JobExecution.SERVER_ID + " = ?" + logPath.map(path -> ", " + JobExecution.LOG_PATH + " = ?").orElse("")
                + " WHERE " + JobExecution.ID + " = ?", logPath.isPresent()
                ? new Object[] {restUrl, serverId, logPath.get(), executionId}
                : new Object[] {restUrl, serverId, executionId});
    }

    public Optional<JobExecutionRecord> findById(long executionId) {
        return withSteps(database.query(BY_ID, JobExecutionRepository::map, executionId)).stream().findFirst();
    }

    /** The executions of an instance, most recent first. */
    public List<JobExecutionRecord> findByInstance(long instanceId) {
        return withSteps(database.query(BY_INSTANCE, JobExecutionRepository::map, instanceId));
    }

    public Optional<JobExecutionRecord> findByInstanceAndNumber(long instanceId, int sequenceNumber) {
        return withSteps(database.query(BY_INSTANCE_AND_NUMBER, JobExecutionRepository::map, instanceId,
                sequenceNumber)).stream().findFirst();
    }

    private List<JobExecutionRecord> withSteps(List<JobExecutionRecord> executions) {
        if (executions.isEmpty()) {
            return executions;
        }
        Map<Long, List<JobExecutionRecord.StepSummary>> stepsByExecution = new LinkedHashMap<>();
        executions.forEach(execution -> stepsByExecution.put(execution.executionId(), new ArrayList<>()));
        String sql = String.format(TOP_LEVEL_STEPS, BatchDatabase.placeholders(executions.size()));
        database.query(sql, row -> {
            stepsByExecution.get(row.getLong(StepThreadExecution.EXECUTION_ID)).add(
                    new JobExecutionRecord.StepSummary(row.getLong(StepThreadExecution.ID),
                            row.getString(StepThreadExecution.STEP_NAME),
                            BatchStatus.values()[row.getInt(StepThreadExecution.BATCH_STATUS)],
                            row.getString(StepThreadExecution.EXIT_STATUS)));
            return null;
        }, stepsByExecution.keySet().toArray());
        return executions.stream().map(execution -> new JobExecutionRecord(execution.executionId(),
                execution.instanceId(), execution.sequenceNumber(), execution.jobName(), execution.submitter(),
                execution.batchStatus(), execution.exitStatus(), execution.createTime(), execution.endTime(),
                execution.lastUpdatedTime(), execution.startTime(), execution.jobParameters(), execution.restUrl(),
                execution.serverId(), execution.logPath(), List.copyOf(stepsByExecution.get(execution.executionId()))))
                .toList();
    }

    private static JobExecutionRecord map(ResultSet row) throws SQLException {
        return new JobExecutionRecord(
                row.getLong(JobExecution.ID),
                row.getLong(JobExecution.INSTANCE_ID),
                row.getInt(JobExecution.EXEC_NUM),
                row.getString(JobInstance.JOB_NAME),
                row.getString(JobInstance.SUBMITTER),
                BatchStatus.values()[row.getInt(JobExecution.BATCH_STATUS)],
                row.getString(JobExecution.EXIT_STATUS),
                BatchDatabase.instant(row, JobExecution.CREATE_TIME),
                BatchDatabase.instant(row, JobExecution.END_TIME),
                BatchDatabase.instant(row, JobExecution.UPDATE_TIME),
                BatchDatabase.instant(row, JobExecution.START_TIME),
                JobParametersBlob.read(row.getBytes(JobExecution.JOB_PARAMETERS)),
                row.getString(JobExecution.REST_URL),
                row.getString(JobExecution.SERVER_ID),
                row.getString(JobExecution.LOG_PATH),
                List.of());
    }

    private static final String RUNNING = BatchStatus.STARTING.ordinal() + ", " + BatchStatus.STARTED.ordinal()
            + ", " + BatchStatus.STOPPING.ordinal();
    private static final int FAILED = BatchStatus.FAILED.ordinal();

    /** Executions the repository shows as running (STARTING, STARTED, STOPPING) on a server, created before a time. */
    public List<Long> runningOn(String serverId, Instant createdBefore) {
        return database.query("SELECT " + JobExecution.ID + " FROM " + JobExecution.TABLE + " WHERE "
                + JobExecution.SERVER_ID + " = ? AND " + JobExecution.BATCH_STATUS + " IN (" + RUNNING + ") AND "
                + JobExecution.CREATE_TIME + " < ?", row -> row.getLong(1), serverId, createdBefore);
    }

    /** Marks a running execution, its running steps and its instance FAILED, ended now. */
    public void markFailed(long executionId) {
        database.update("UPDATE " + StepThreadExecution.TABLE + " SET " + StepThreadExecution.BATCH_STATUS
                + " = " + FAILED + ", " + StepThreadExecution.END_TIME + " = CURRENT_TIMESTAMP WHERE "
                + StepThreadExecution.EXECUTION_ID + " = ? AND " + StepThreadExecution.BATCH_STATUS + " IN ("
                + RUNNING + ")", executionId);
        database.update("UPDATE " + JobExecution.TABLE + " SET " + JobExecution.BATCH_STATUS + " = " + FAILED
                + ", " + JobExecution.END_TIME + " = CURRENT_TIMESTAMP, " + JobExecution.UPDATE_TIME
                + " = CURRENT_TIMESTAMP WHERE " + JobExecution.ID + " = ? AND " + JobExecution.BATCH_STATUS
                + " IN (" + RUNNING + ")", executionId);
        database.update("UPDATE " + JobInstance.TABLE + " SET " + JobInstance.BATCH_STATUS + " = " + FAILED
                + ", " + JobInstance.INSTANCE_STATE + " = " + InstanceState.FAILED.ordinal() + ", "
                + JobInstance.UPDATE_TIME + " = CURRENT_TIMESTAMP WHERE " + JobInstance.ID + " = (SELECT "
                + JobExecution.INSTANCE_ID + " FROM " + JobExecution.TABLE + " WHERE " + JobExecution.ID
                + " = ?)", executionId);
    }
}
