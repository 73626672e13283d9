package io.batchrest.joblog;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Writes the encoded records of every work unit to their part files, on one thread of its own. A job's thread only
 * encodes its records into a buffer and hands a full buffer over here (one hand-over per 64 KiB, not per record), so
 * it never waits for the file system: on a two-core server the file writes were most of what job logging cost a job
 * that logs in a loop. Buffers are written in the order they were handed over, so each unit's parts keep the order of
 * its records. The queue is bounded: if the disk falls behind, a job waits at the hand-over rather than filling
 * memory, and no record is dropped.
 */
final class JobLogDisk implements AutoCloseable {

    /** At most this many buffers wait for the disk (64 KiB each). */
    private static final int QUEUE_CAPACITY = 32;
    private static final int SPARE_BUFFERS = 16;
    static final int BUFFER_BYTES = 64 * 1024;

    /** One buffer for a unit's part; {@code closed} is completed after the unit's last part file is closed. */
    private record Task(PartFiles files, int part, LineBuffer bytes, CompletableFuture<Void> closed) {
    }

    private static final Task STOP = new Task(null, 0, null, null);

    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Written buffers, emptied, for the next hand-over: a job logging in a loop allocates no new ones. */
    private final BlockingQueue<LineBuffer> spare = new ArrayBlockingQueue<>(SPARE_BUFFERS);
    private final Consumer<IOException> faults;
    private final LongConsumer written;
    private final Thread thread;
    /** {@link System#nanoTime()} when the writer took the buffer it is writing, 0 while it waits for one. */
    private volatile long writingSince;
    private volatile boolean closed;

    /**
     * {@code faults} hears of every file that cannot be written; the records of that buffer are lost then.
     * {@code written} hears of the bytes of every buffer written to a file.
     */
    JobLogDisk(ThreadFactory threads, Consumer<IOException> faults, LongConsumer written) {
        this.faults = faults;
        this.written = written;
        this.thread = threads.newThread(this::writeUntilStopped);
        thread.setName("batch-rest job log writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** An empty buffer to encode records into. */
    LineBuffer emptyBuffer() {
        LineBuffer buffer = spare.poll();
        return buffer != null ? buffer : new LineBuffer(BUFFER_BYTES + 1024);
    }

    /** Appends {@code bytes} to part {@code part} of the unit; the buffer belongs to the disk from now on. */
    void append(PartFiles files, int part, LineBuffer bytes) {
        enqueue(new Task(files, part, bytes, null));
    }

    /** Appends the unit's last bytes and closes its part file; the future completes once that is done. */
    CompletableFuture<Void> appendAndClose(PartFiles files, int part, LineBuffer bytes) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        enqueue(new Task(files, part, bytes, closed));
        return closed;
    }

    /** Writes what was handed over before, then ends the writer thread. */
    @Override
    public void close() {
        closed = true;
        enqueue(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for room in the queue even if the job's thread is interrupted meanwhile: a record is never dropped. Once
     * the writer has stopped (the application is stopping), the caller writes what is left and its own buffer itself.
     */
    private void enqueue(Task task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!thread.isAlive()) {
                        writeLeftovers();
                        if (task != STOP) {
                            write(task);
                        }
                        return;
                    }
                    if (queue.offer(task, 100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Why the writer cannot keep up, or empty while it works: its thread has ended (an unexpected error in a write)
     * although the disk is not closed, or one write has taken longer than {@code stuckAfter} (a hung file system).
     * Jobs that log would wait at the hand-over then: the liveness check (README, "Health and metrics").
     */
    Optional<String> problem(Duration stuckAfter) {
        if (closed) {
            return Optional.empty();
        }
        if (!thread.isAlive()) {
            return Optional.of("The job-log writer thread has ended; jobs write their own logs meanwhile");
        }
        long since = writingSince;
        if (since != 0) {
            Duration writing = Duration.ofNanos(System.nanoTime() - since);
            if (writing.compareTo(stuckAfter) > 0) {
                return Optional.of("The job-log writer has been writing one buffer for " + writing.toSeconds()
                        + " s; " + queue.size() + " more wait in its queue");
            }
        }
        return Optional.empty();
    }

    private void writeUntilStopped() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                continue; // only STOP ends the writer, so that nothing handed over is lost
            }
            if (task == STOP) {
                break;
            }
            writingSince = System.nanoTime();
            try {
                write(task);
            } finally {
                writingSince = 0;
            }
        }
        writeLeftovers();
    }

    private void writeLeftovers() {
        for (Task late = queue.poll(); late != null; late = queue.poll()) {
            if (late != STOP) {
                write(late);
            }
        }
    }

    /** Synchronized only for the leftovers written by callers once the writer thread is gone. */
    private synchronized void write(Task task) {
        try {
            int size = task.bytes().size();
            if (size > 0) {
                task.files().append(task.part(), task.bytes());
                written.accept(size);
            }
        } catch (IOException e) {
            faults.accept(e);
        } finally {
            task.bytes().clear();
            spare.offer(task.bytes());
        }
        if (task.closed() != null) {
            try {
                task.files().close();
            } catch (IOException e) {
                faults.accept(e);
            } finally {
                task.closed().complete(null);
            }
        }
    }
}
