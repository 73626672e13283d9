package io.batchrest.joblog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the job-log writer tells the liveness check (README, "Health and metrics") and the bytes it reports to the
 * metrics. A write that hangs or fails unexpectedly is simulated by the byte counter, which the writer calls right
 * after each write.
 */
class JobLogDiskHealthTest {

    @TempDir
    Path root;

    private static LineBuffer bytes(String text) {
        LineBuffer buffer = new LineBuffer(1024);
        buffer.append(text.getBytes(StandardCharsets.UTF_8));
        return buffer;
    }

    @Test
    void everyWrittenByteIsCountedAndAWorkingWriterHasNoProblem() throws Exception {
        AtomicLong written = new AtomicLong();
        JobLogDisk disk = new JobLogDisk(Thread::new, fault -> { }, written::addAndGet);
        PartFiles files = new PartFiles(root.resolve("unit"));
        disk.append(files, 1, bytes("first line\n"));
        disk.appendAndClose(files, 1, bytes("second line\n")).get(10, TimeUnit.SECONDS);

        assertEquals(Files.size(root.resolve("unit/part.1.log")), written.get());
        assertEquals(23, written.get());
        assertEquals(Optional.empty(), disk.problem(Duration.ofSeconds(10)));
        disk.close();
    }

    @Test
    void aWriteThatTakesLongerThanTheLimitIsReportedUntilItEnds() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobLogDisk disk = new JobLogDisk(Thread::new, fault -> { }, bytes -> {
            writing.countDown();
            awaitQuietly(release);
        });
        PartFiles files = new PartFiles(root.resolve("unit"));
        disk.append(files, 1, bytes("hangs\n"));
        disk.append(files, 1, bytes("waits\n"));
        assertTrue(writing.await(10, TimeUnit.SECONDS));

        assertEquals(Optional.empty(), disk.problem(Duration.ofHours(1)));
        String stuck = disk.problem(Duration.ZERO).orElseThrow();
        assertTrue(stuck.matches("The job-log writer has been writing one buffer for \\d+ s; 1 more wait in its queue"),
                stuck);

        release.countDown();
        disk.close();
        assertEquals(Optional.empty(), disk.problem(Duration.ofSeconds(10)));
    }

    @Test
    void aWriterThreadThatDiedIsReported() throws Exception {
        CountDownLatch died = new CountDownLatch(1);
        JobLogDisk disk = new JobLogDisk(runnable -> new Thread(() -> {
            try {
                runnable.run();
            } finally {
                died.countDown();
            }
        }), fault -> { }, bytes -> {
            throw new IllegalStateException("an unexpected error in a write");
        });
        disk.append(new PartFiles(root.resolve("unit")), 1, bytes("kills the writer\n"));
        assertTrue(died.await(10, TimeUnit.SECONDS));
        awaitDeath(disk);

        assertEquals(Optional.of("The job-log writer thread has ended; jobs write their own logs meanwhile"),
                disk.problem(Duration.ofHours(1)));
    }

    /** The thread ends just after its last statement has run. */
    private static void awaitDeath(JobLogDisk disk) throws InterruptedException {
        for (int i = 0; i < 100 && disk.problem(Duration.ofHours(1)).isEmpty(); i++) {
            Thread.sleep(10);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
