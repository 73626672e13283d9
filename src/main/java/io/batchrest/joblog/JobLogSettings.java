package io.batchrest.joblog;

import io.batchrest.config.Setting;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where job logs go and when a part rolls over: server variables (or any MicroProfile Config source)
 * {@code batchrest.joblog.dir} (default {@code ${server.output.dir}/logs/joblogs}) and
 * {@code batchrest.joblog.maxRecords} (default 1000), and {@code batchrest.joblog.enabled} (default true; jobs
 * started while it is false write no job log). Every job start reads them, so they are read as {@link Setting}s.
 */
@ApplicationScoped
public class JobLogSettings {

    public static final int DEFAULT_MAX_RECORDS = 1000;
    public static final int DEFAULT_WRITER_STUCK_SECONDS = 60;

    private final Setting<String> directory = Setting.of("batchrest.joblog.dir", String.class);
    private final Setting<Boolean> enabled = Setting.of("batchrest.joblog.enabled", Boolean.class);
    private final Setting<Integer> writerStuckSeconds = Setting.of("batchrest.joblog.writerStuckSeconds",
            Integer.class);
    private final Setting<Integer> maxRecords = Setting.of("batchrest.joblog.maxRecords", Integer.class);

    public Path root() {
        return directory.value()
                .map(Path::of)
                // Liberty runs the server in its output directory.
                .orElseGet(() -> Path.of(System.getProperty("user.dir"), "logs", "joblogs"))
                .toAbsolutePath().normalize();
    }

    public boolean enabled() {
        return enabled.value().orElse(true);
    }

    /**
     * One write to a part file taking longer than this means the job-log writer is stuck (a hung file system): the
     * liveness check reports it. {@code batchrest.joblog.writerStuckSeconds}, default 60.
     */
    public Duration writerStuckAfter() {
        return Duration.ofSeconds(writerStuckSeconds.value()
                .filter(value -> value > 0)
                .orElse(DEFAULT_WRITER_STUCK_SECONDS));
    }

    public int maxRecords() {
        return maxRecords.value()
                .filter(value -> value > 0)
                .orElse(DEFAULT_MAX_RECORDS);
    }
}
