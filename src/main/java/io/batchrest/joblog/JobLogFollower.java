package io.batchrest.joblog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes the text form of one execution's log while the execution runs, ending when it ends (docs/contract.md §8,
 * "Following and resuming"). The bytes are exactly those of the text form of the ended execution, so that a position
 * in one is a position in the other:
 * <ul>
 * <li>a part file's End banner is written once the file is complete: a top-level part once the next part exists
 * (the writer starts it only after the previous one holds all its records), every file once the execution has
 * ended;</li>
 * <li>while the execution runs only the top-level unit's parts are written, since they come first in the listing and
 * their order cannot change; the parts of partitions and split flows follow when the execution ends, because a
 * directory that appears later may sort before one already seen.</li>
 * </ul>
 * <p>
 * Waiting for new lines is a poll of the files every {@link #POLL}, on the request's thread, which sleeps between
 * polls: the job-log writer hands records to the disk every 250 ms at most ({@code JobLogs}), so neither a shorter
 * poll nor a notification from the writer would show a line sooner, and the writer's thread never waits for a reader.
 * A follower costs one sleeping thread, a 64 KiB buffer and a few file-system calls per poll, never the log in memory.
 * A client that went away is noticed when a write to it fails, at its next lines or at the end of the execution
 * (the container does not report a closed connection while nothing is written, and plain text has no room for a
 * heartbeat); the follower is released then.
 */
public final class JobLogFollower {

    /** What a poll learns about the execution: its log directory once there is one, and whether it has ended. */
    public record Progress(Optional<Path> directory, boolean ended) {
    }

    static final Duration POLL = Duration.ofMillis(250);
    private static final int BUFFER = 64 * 1024;

    private final JobLogFiles files;
    private final String prefix;
    private final Supplier<Progress> progress;

    /**
     * @param prefix   what precedes each file's relative path in the banners ({@code execution.7/})
     * @param progress asked at every poll; an execution that has ended must have written its whole log by then
     */
    JobLogFollower(JobLogFiles files, String prefix, Supplier<Progress> progress) {
        this.files = files;
        this.prefix = prefix;
        this.progress = progress;
    }

    /** Writes the log as it grows and returns once the execution has ended and its whole log is written. */
    public void writeText(OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        int next = 0;           // the listing's index of the part being written
        long position = 0;      // its bytes written so far
        boolean begun = false;  // its Begin banner written
        out.flush(); // sends the headers now, before the first line: the client sees that the follow has begun
        while (true) {
            Progress now = progress.get();
            Optional<Path> directory = now.directory();
            List<String> writable = directory.map(found -> listing(found, now.ended())).orElse(List.of());
            while (next < writable.size()) {
                String name = prefix + writable.get(next);
                if (!begun) {
                    out.write(JobLogFiles.beginBanner(name));
                    begun = true;
                }
                position += copyFrom(directory.get().resolve(writable.get(next)), position, out, buffer);
                if (!now.ended() && next == writable.size() - 1) {
                    break; // the part the job writes now
                }
                out.write(JobLogFiles.endBanner(name));
                next++;
                position = 0;
                begun = false;
            }
            out.flush();
            if (now.ended()) {
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the server is stopping
                return;
            }
        }
    }

    /** The parts that may be written now: all once the execution has ended, else the top-level unit's. */
    private List<String> listing(Path directory, boolean ended) {
        List<String> parts;
        try {
            parts = files.parts(directory);
        } catch (UncheckedIOException purgedMeanwhile) {
            return List.of();
        }
        return ended ? parts : parts.stream().filter(part -> part.indexOf('/') < 0).toList();
    }

    /** Copies a file from {@code position} to its current end; answers the bytes copied. */
    private static long copyFrom(Path file, long position, OutputStream out, ByteBuffer buffer) throws IOException {
        long copied = 0;
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            in.position(position);
            int read;
            while ((read = in.read(buffer.clear())) > 0) {
                out.write(buffer.array(), 0, read);
                copied += read;
            }
        } catch (NoSuchFileException purgedMeanwhile) {
            return copied;
        }
        return copied;
    }
}
