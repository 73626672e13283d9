package io.batchrest.model;

import jakarta.batch.runtime.BatchStatus;

import java.time.Instant;

/**
 * A job instance as stored. {@code jobXmlName} is the name the job was started with, which for inline JSL is a
 * generated name (see {@code io.batchrest.runtime.InlineJsl}).
 */
public record JobInstanceRecord(long instanceId, String jobName, String appName, String submitter,
                                BatchStatus batchStatus, String jobXmlName, InstanceState instanceState,
                                String exitStatus, Instant createTime, Instant lastUpdatedTime,
                                int executionCount) {
}
