package io.batchrest.model;

import jakarta.batch.runtime.BatchStatus;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/** A job execution as stored, with the top-level steps that ran in it. */
public record JobExecutionRecord(long executionId, long instanceId, int sequenceNumber, String jobName,
                                 String submitter, BatchStatus batchStatus, String exitStatus, Instant createTime,
                                 Instant endTime, Instant lastUpdatedTime, Instant startTime,
                                 SortedMap<String, String> jobParameters, String restUrl, String serverId,
                                 String logPath, List<StepSummary> steps) {

    /** The short form of a step inside an execution's representation. */
    public record StepSummary(long stepExecutionId, String stepName, BatchStatus batchStatus, String exitStatus) {
    }

    public boolean isRunning() {
        return batchStatus == BatchStatus.STARTING || batchStatus == BatchStatus.STARTED;
    }
}
