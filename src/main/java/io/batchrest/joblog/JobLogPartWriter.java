package io.batchrest.joblog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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

    private static final int BUFFER_CHARS = 64 * 1024;

    private final Path directory;
    private final int maxRecords;
    private Writer out;
    private int part;
    private int recordsInPart;
    private boolean closed;

    public JobLogPartWriter(Path directory, int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        this.directory = directory;
        this.maxRecords = maxRecords;
    }

    /** Appends one log record in the job-log line format; ignored once the unit has ended. */
    public synchronized void write(LogRecord record) {
        if (closed) {
            return;
        }
        try {
            if (out == null || recordsInPart >= maxRecords) {
                nextPart();
            }
            JobLogRecordFormat.write(record, out);
            recordsInPart++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the job log in " + directory, e);
        }
    }

    /** Hands buffered records to the file, so that readers of a running job's log see them. */
    public synchronized void flush() {
        if (out != null && !closed) {
            try {
                out.flush();
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
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the job log in " + directory, e);
            } finally {
                out = null;
            }
        }
    }

    private void nextPart() throws IOException {
        if (out != null) {
            out.close();
        }
        Files.createDirectories(directory);
        part++;
        recordsInPart = 0;
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(directory.resolve("part." + part + ".log"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), BUFFER_CHARS);
    }
}
