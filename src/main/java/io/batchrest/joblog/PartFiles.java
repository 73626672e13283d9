package io.batchrest.joblog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The part files of one work unit, {@code part.1.log}, {@code part.2.log}, … of its directory, with the one that is
 * open for appending. Used by the {@link JobLogDisk}'s thread only.
 */
final class PartFiles {

    private final Path directory;
    private int openPart;
    private OutputStream open;

    PartFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** Appends to part {@code part}, closing the part before it once a new part begins. */
    void append(int part, LineBuffer bytes) throws IOException {
        if (part != openPart || open == null) {
            close();
            Files.createDirectories(directory);
            open = Files.newOutputStream(directory.resolve("part." + part + ".log"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            openPart = part;
        }
        bytes.drainTo(open);
    }

    void close() throws IOException {
        if (open != null) {
            try (OutputStream last = open) {
                open = null;
            }
        }
    }
}
