package io.batchrest.model;

import jakarta.batch.runtime.BatchStatus;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/** A job execution as stored, with the top-level steps that ran in it. */
public record JobExecutionRecord(long executionId, long instanceId, int sequenceNumber, String jobName,
                                 String submitter, BatchStatus batchStatus, String exitStatus, Instant createTime,
                                 Instant endTime, Instant lastUpdatedTime, Instant startTime,
                                 SortedMap<String, String> jobParameters, String restUrl, String serverId,
                                 String logPath, List<StepSummary> steps) {

    private static final Set<BatchStatus> ENDED = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    /** The short form of a step inside an execution's representation. */
    public record StepSummary(long stepExecutionId, String stepName, BatchStatus batchStatus, String exitStatus) {
    }

    /** COMPLETED, FAILED, STOPPED or ABANDONED: nothing of it runs any more. */
    public boolean hasEnded() {
        return ENDED.contains(batchStatus);
    }

    public boolean isRunning() {
        return batchStatus == BatchStatus.STARTING || batchStatus == BatchStatus.STARTED;
    }
}
