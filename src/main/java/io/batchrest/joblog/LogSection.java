package io.batchrest.joblog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The log files of one execution as a response shows them: {@code prefix} + relative path is each file's name
 * in text banners and zip entries ({@code execution.7/} or {@code instance.5/execution.7/}). The files are read from
 * {@code source}: this server's disk, or the server that ran the execution.
 */
public record LogSection(String prefix, List<String> parts, PartSource source) {

    /** Opens one of the listed parts. */
    @FunctionalInterface
    public interface PartSource {
        InputStream open(String part) throws IOException;

        /** The part's size in bytes now; a source that cannot ask for it counts what it reads. */
        default long size(String part) throws IOException {
            try (InputStream in = open(part)) {
                return in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /** Parts in a directory of this server; a part deleted since it was listed reads as empty. */
    public static PartSource directory(Path directory) {
        return new PartSource() {
            @Override
            public InputStream open(String part) throws IOException {
                try {
                    return Files.newInputStream(directory.resolve(part));
                } catch (NoSuchFileException purgedMeanwhile) {
                    return InputStream.nullInputStream();
                }
            }

            @Override
            public long size(String part) throws IOException {
                try {
                    return Files.size(directory.resolve(part));
                } catch (NoSuchFileException purgedMeanwhile) {
                    return 0;
                }
            }
        };
    }
}
