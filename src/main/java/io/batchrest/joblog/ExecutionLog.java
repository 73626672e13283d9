package io.batchrest.joblog;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The job log of one running execution: the top-level work unit and the units of its partitions
 * ({@code <step>/<partitionNumber>}) and split flows ({@code <split>/<flow>}), each with its own part files.
 */
final class ExecutionLog {

    private final Path directory;
    private final int maxRecords;
    private final JobLogDisk disk;
    /** The job parameters as both banners show them, read once when the execution starts. */
    private final String jobParameters;
    private final JobLogPartWriter topLevel;
    private final Map<String, JobLogPartWriter> subUnits = new ConcurrentHashMap<>();
    private final AtomicInteger runningPartitionedSteps = new AtomicInteger();
    /** Partition step execution id → partition number; a partition's number never changes. */
    private final Map<Long, Integer> partitionNumbers = new ConcurrentHashMap<>();

    ExecutionLog(Path directory, int maxRecords, JobLogDisk disk, String jobParameters) {
        this.directory = directory;
        this.maxRecords = maxRecords;
        this.disk = disk;
        this.jobParameters = jobParameters;
        this.topLevel = new JobLogPartWriter(directory, maxRecords, disk);
    }

    String jobParameters() {
        return jobParameters;
    }

    JobLogPartWriter topLevel() {
        return topLevel;
    }

    /** The unit below the execution directory, e.g. {@code step1/0} or {@code split1/flow2}. */
    JobLogPartWriter subUnit(String first, String second) {
        return subUnits.computeIfAbsent(first + "/" + second,
                key -> new JobLogPartWriter(directory.resolve(first).resolve(second), maxRecords, disk));
    }

    Optional<Integer> partitionNumber(long partitionStepExecutionId, Function<Long, Optional<Integer>> lookup) {
        Integer known = partitionNumbers.get(partitionStepExecutionId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Integer> number = lookup.apply(partitionStepExecutionId);
        number.ifPresent(value -> partitionNumbers.put(partitionStepExecutionId, value));
        return number;
    }

    void partitionedStepStarted() {
        runningPartitionedSteps.incrementAndGet();
    }

    void partitionedStepEnded() {
        runningPartitionedSteps.decrementAndGet();
    }

    boolean hasRunningPartitions() {
        return runningPartitionedSteps.get() > 0;
    }

    void flush() {
        topLevel.flush();
        subUnits.values().forEach(JobLogPartWriter::flush);
    }

    void close() {
        subUnits.values().forEach(JobLogPartWriter::close);
        topLevel.close();
    }
}
