package io.batchrest.joblog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.LogRecord;

/**
 * Writes one work unit's records into {@code part.1.log}, {@code part.2.log}, … of its directory, starting a new part
 * after {@code maxRecords} records. Records are buffered: a write per record would cost the job more than the
 * logging itself; {@link #flush()} (called periodically while the job runs, and by {@link #close()}) makes a growing
 * log readable. Safe for several threads (a partition may log from threads of its own).
 */
public final class JobLogPartWriter implements AutoCloseable {

    /** Buffered bytes are written to the file once they reach this size. */
    private static final int WRITE_AT_BYTES = 64 * 1024;

    private final Path directory;
    private final int maxRecords;
    private final JobLogRecordFormat format = new JobLogRecordFormat();
    private final LineBuffer buffer = new LineBuffer(WRITE_AT_BYTES + 1024);
    private OutputStream file;
    private int part;
    private int recordsInPart;
    private boolean closed;
    /**
     * Set while this unit writes a record. Writing must not log, but if the file system's or the JDK's code ever
     * did so on this thread, the nested record (same thread, lock re-entered) is dropped instead of recursing.
     */
    private boolean writing;

    public JobLogPartWriter(Path directory, int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        this.directory = directory;
        this.maxRecords = maxRecords;
    }

    /** Appends one log record in the job-log line format; ignored once the unit has ended. */
    public synchronized void write(LogRecord record) {
        if (closed || writing) {
            return;
        }
        writing = true;
        try {
            if (file == null || recordsInPart >= maxRecords) {
                nextPart();
            }
            format.encode(record, buffer);
            recordsInPart++;
            if (buffer.size() >= WRITE_AT_BYTES) {
                buffer.drainTo(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the job log in " + directory, e);
        } finally {
            writing = false;
        }
    }

    /** Hands buffered records to the file, so that readers of a running job's log see them. */
    public synchronized void flush() {
        if (file != null && !closed) {
            try {
                buffer.drainTo(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the job log in " + directory, e);
            }
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (file != null) {
            try (OutputStream last = file) {
                buffer.drainTo(last);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the job log in " + directory, e);
            } finally {
                file = null;
            }
        }
    }

    private void nextPart() throws IOException {
        if (file == null) {
            Files.createDirectories(directory);
        } else {
            try (OutputStream full = file) {
                buffer.drainTo(full);
            }
        }
        part++;
        recordsInPart = 0;
        file = Files.newOutputStream(directory.resolve("part." + part + ".log"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
