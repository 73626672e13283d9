package io.batchrest.joblog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Following a log as it is written gives exactly the bytes of the text form of the ended execution, and resuming
 * at an offset gives the rest of them (docs/contract.md §8, "Following and resuming").
 */
class JobLogFollowerTest {

    private final JobLogFiles files = new JobLogFiles();

    @TempDir
    Path directory;

    @Test
    void followingWritesWhatTheTextFormHoldsOnceTheExecutionHasEnded() throws Exception {
        AtomicBoolean ended = new AtomicBoolean();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CompletableFuture<Void> following = follow(ended, synchronizedStream(received));

        append("part.1.log", "[banner]\nline 1\n");
        awaitReceived(received, "line 1\n");
        assertFalse(new String(snapshot(received), StandardCharsets.UTF_8).contains("End file"),
                "the part the job writes is not closed: " + new String(snapshot(received), StandardCharsets.UTF_8));
        append("part.1.log", "line 2\n");
        append("part.2.log", "line 3\n");
        append("step1/0/part.1.log", "partition line\n");
        awaitReceived(received, "xxxxx Begin file: execution.7/part.2.log xxxxxxxxxxxxxxxxxx\nline 3\n");
        assertFalse(new String(snapshot(received), StandardCharsets.UTF_8).contains("step1/0"),
                "a partition's part waits for the end of the execution, whose listing places it");
        append("part.2.log", "[closing banner]\n");
        ended.set(true);
        following.get(10, TimeUnit.SECONDS);

        assertEquals(textForm(), new String(received.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void resumingAtAnOffsetGivesTheRestOfTheTextForm() throws Exception {
        append("part.1.log", "line 1\nline 2\n");
        append("step1/0/part.1.log", "partition line\n");
        String whole = textForm();
        for (int offset : new int[] {0, 1, 40, whole.length() - 3, whole.length()}) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            follower(new AtomicBoolean(true)).writeText(new OutputFromOffset(received, offset));
            assertEquals(whole.substring(offset), received.toString(StandardCharsets.UTF_8), "offset " + offset);
        }
    }

    @Test
    void theTextFormIsMeasuredUpToAnOffset() throws IOException {
        append("part.1.log", "line 1\n");
        List<LogSection> sections = List.of(new LogSection("execution.7/", files.parts(directory),
                LogSection.directory(directory)));
        int length = textForm().length();
        assertTrue(files.textReaches(sections, length));
        assertFalse(files.textReaches(sections, length + 1));
    }

    private CompletableFuture<Void> follow(AtomicBoolean ended, OutputStream out) {
        return CompletableFuture.runAsync(() -> {
            try {
                follower(ended).writeText(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private JobLogFollower follower(AtomicBoolean ended) {
        return files.follower("execution.7/", () -> {
            boolean hasEnded = ended.get(); // read before the files, as the service does
            return new JobLogFollower.Progress(Optional.of(directory), hasEnded);
        });
    }

    private String textForm() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        files.writeText(List.of(new LogSection("execution.7/", files.parts(directory),
                LogSection.directory(directory))), text);
        return text.toString(StandardCharsets.UTF_8);
    }

    private void append(String part, String text) throws IOException {
        Path file = directory.resolve(part);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static OutputStream synchronizedStream(ByteArrayOutputStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (target) {
                    target.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int from, int length) {
                synchronized (target) {
                    target.write(bytes, from, length);
                }
            }
        };
    }

    private static byte[] snapshot(ByteArrayOutputStream target) {
        synchronized (target) {
            return target.toByteArray();
        }
    }

    private static void awaitReceived(ByteArrayOutputStream received, String ending) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!new String(snapshot(received), StandardCharsets.UTF_8).endsWith(ending)) {
            assertTrue(System.nanoTime() < deadline, () -> "not received: " + ending + " in "
                    + new String(snapshot(received), StandardCharsets.UTF_8));
            Thread.sleep(20);
        }
    }
}
