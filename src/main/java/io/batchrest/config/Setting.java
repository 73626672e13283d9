package io.batchrest.config;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One setting (a server variable, or any MicroProfile Config property) that the application reads on a hot path, such
 * as every job start: looked up again at most once a second. A lookup through MicroProfile Config cost about as much
 * CPU as a statement on the job repository (docs/benchmarks.md, "Submissions with each API's own job log"), and a job
 * start read several. A setting changed on a running server (a configDropins file) is in effect a second later.
 */
public final class Setting<T> {

    static final long REREAD_AFTER_NANOS = 1_000_000_000L;

    private final String name;
    private final Class<T> type;
    private final LongSupplier nanoTime;
    private volatile Reading<T> last;

    private record Reading<T>(Optional<T> value, long readAtNanos) {
    }

    Setting(String name, Class<T> type, LongSupplier nanoTime) {
        this.name = name;
        this.type = type;
        this.nanoTime = nanoTime;
    }

    public static <T> Setting<T> of(String name, Class<T> type) {
        return new Setting<>(name, type, System::nanoTime);
    }

    public String name() {
        return name;
    }

    public Optional<T> value() {
        Reading<T> reading = last;
        long now = nanoTime.getAsLong();
        if (reading == null || now - reading.readAtNanos() >= REREAD_AFTER_NANOS) {
            reading = new Reading<>(ConfigProvider.getConfig().getOptionalValue(name, type), now);
            last = reading;
        }
        return reading.value();
    }
}
