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

/**
 * Writes one work unit's records into {@code part.1.log}, {@code part.2.log}, … of its directory, starting a new part
 * after {@code maxRecords} records. Each record is flushed, so a running job's log can be read while it grows.
 * Safe for several threads (a partition may log from threads of its own).
 */
public final class JobLogPartWriter implements AutoCloseable {

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

    /** Appends one formatted record (one or more lines); ignored once the unit has ended. */
    public synchronized void write(String formattedRecord) {
        if (closed) {
            return;
        }
        try {
            if (out == null || recordsInPart >= maxRecords) {
                nextPart();
            }
            out.write(formattedRecord);
            out.flush();
            recordsInPart++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the job log in " + directory, e);
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
                StandardCharsets.UTF_8));
    }
}
