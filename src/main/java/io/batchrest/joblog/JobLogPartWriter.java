package io.batchrest.joblog;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.LogRecord;

/**
 * Writes one work unit's records into {@code part.1.log}, {@code part.2.log}, … of its directory, starting a new part
 * after {@code maxRecords} records. The records are encoded on the thread that logs them, into a buffer that goes to
 * the {@link JobLogDisk} when it is full, when a part ends, at {@link #flush()} (called periodically while the job
 * runs, so that a growing log is readable) and at {@link #close()}, which returns once everything is in the files.
 * Safe for several threads (a partition may log from threads of its own).
 */
final class JobLogPartWriter implements AutoCloseable {

    /** How long the end of a unit waits for its records to reach the disk. */
    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    private final PartFiles files;
    private final JobLogDisk disk;
    private final int maxRecords;
    private final JobLogRecordFormat format = new JobLogRecordFormat();
    private LineBuffer buffer;
    private int part;
    private int recordsInPart;
    private boolean closed;
    /**
     * Set while this unit writes a record. Writing must not log, but if the JDK's code ever did so on this thread,
     * the nested record (same thread, lock re-entered) is dropped instead of recursing.
     */
    private boolean writing;

    JobLogPartWriter(Path directory, int maxRecords, JobLogDisk disk) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        this.files = new PartFiles(directory);
        this.disk = disk;
        this.maxRecords = maxRecords;
        this.buffer = disk.emptyBuffer();
    }

    /** Appends one log record in the job-log line format; ignored once the unit has ended. */
    synchronized void write(LogRecord record) {
        if (closed || writing) {
            return;
        }
        writing = true;
        try {
            if (part == 0 || recordsInPart >= maxRecords) {
                handOver();
                part++;
                recordsInPart = 0;
            }
            format.encode(record, buffer);
            recordsInPart++;
            if (buffer.size() >= JobLogDisk.BUFFER_BYTES) {
                handOver();
            }
        } finally {
            writing = false;
        }
    }

    /** Hands the records buffered so far to the disk, so that readers of a running job's log see them. */
    synchronized void flush() {
        if (!closed) {
            handOver();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the unit: later records are ignored; returns once its records are in its part files. */
    @Override
    public void close() {
        CompletableFuture<Void> written;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            written = disk.appendAndClose(files, part, buffer);
            buffer = null;
        }
        try {
            written.get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The job log in " + files.directory() + " was not written within "
                    + CLOSE_TIMEOUT_SECONDS + " s", e);
        }
    }

    private void handOver() {
        if (buffer.size() > 0) {
            disk.append(files, part, buffer);
            buffer = disk.emptyBuffer();
        }
    }
}
