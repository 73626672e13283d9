package io.batchrest.joblog;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where job logs go and when a part rolls over: server variables (or any MicroProfile Config source)
 * {@code batchrest.joblog.dir} (default {@code ${server.output.dir}/logs/joblogs}) and
 * {@code batchrest.joblog.maxRecords} (default 1000), and {@code batchrest.joblog.enabled} (default true; jobs
 * started while it is false write no job log).
 */
@ApplicationScoped
public class JobLogSettings {

    public static final int DEFAULT_MAX_RECORDS = 1000;
    public static final int DEFAULT_WRITER_STUCK_SECONDS = 60;

    public Path root() {
        return ConfigProvider.getConfig().getOptionalValue("batchrest.joblog.dir", String.class)
                .map(Path::of)
                // Liberty runs the server in its output directory.
                .orElseGet(() -> Path.of(System.getProperty("user.dir"), "logs", "joblogs"))
                .toAbsolutePath().normalize();
    }

    public boolean enabled() {
        return ConfigProvider.getConfig().getOptionalValue("batchrest.joblog.enabled", Boolean.class).orElse(true);
    }

    /**
     * One write to a part file taking longer than this means the job-log writer is stuck (a hung file system): the
     * liveness check reports it. {@code batchrest.joblog.writerStuckSeconds}, default 60.
     */
    public Duration writerStuckAfter() {
        return Duration.ofSeconds(ConfigProvider.getConfig()
                .getOptionalValue("batchrest.joblog.writerStuckSeconds", Integer.class)
                .filter(value -> value > 0)
                .orElse(DEFAULT_WRITER_STUCK_SECONDS));
    }

    public int maxRecords() {
        return ConfigProvider.getConfig().getOptionalValue("batchrest.joblog.maxRecords", Integer.class)
                .filter(value -> value > 0)
                .orElse(DEFAULT_MAX_RECORDS);
    }
}
