package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bounded counts of a search that reached their bound, reused for a moment (docs/api.md, "Totals"). A page of a
 * large search counts up to the count limit plus one: its probes (how many instances a filter matches) and the
 * bounded count of its total. At a million instances each such count reads about a thousand index entries, up to a
 * fifth of the server's time for a page. A client that pages through a list, or a dashboard that polls it, asks the
 * same counts again and again, and while they exceed the limit their exact value does not matter: a probe above it
 * only chooses to walk an index (which answers correctly whatever the data), and a total above it is shown as a
 * lower bound. So a count that reached its bound is taken again for at most {@link #reuseNanos} (server variable
 * {@code batchrest.search.largeCountMillis}, default 1,000; 0 turns this off); a count below its bound, an exact
 * total or an empty match, is always read afresh. batch-rest's own purges forget every count at once.
 */
@ApplicationScoped
public class LargeCounts {

    static final long DEFAULT_REUSE_MILLIS = 1000;

    /** At most this many statements are remembered; a search with a relative time range has new parameters each time. */
    static final int MAX_ENTRIES = 512;

    private final long reuseNanos;

    private final Map<JobInstanceSearchSql.Sql, Counted> counts = new ConcurrentHashMap<>();

    /** A count and when it was read ({@link System#nanoTime()}). */
    private record Counted(long count, long at) {
    }

    public LargeCounts() {
        this(ConfigProvider.getConfig().getOptionalValue("batchrest.search.largeCountMillis", Long.class)
                .filter(millis -> millis >= 0).orElse(DEFAULT_REUSE_MILLIS));
    }

    LargeCounts(long reuseMillis) {
        this.reuseNanos = reuseMillis * 1_000_000;
    }

    /** The count of {@code sql} if it reached its bound less than the reuse time ago. */
    OptionalLong recent(JobInstanceSearchSql.Sql sql) {
        if (reuseNanos == 0) {
            return OptionalLong.empty();
        }
        Counted counted = counts.get(sql);
        if (counted == null) {
            return OptionalLong.empty();
        }
        if (System.nanoTime() - counted.at() >= reuseNanos) {
            counts.remove(sql, counted);
            return OptionalLong.empty();
        }
        return OptionalLong.of(counted.count());
    }

    /** Keeps {@code count} of {@code sql} if it reached {@code bound}, the most the statement counts. */
    void counted(JobInstanceSearchSql.Sql sql, long count, long bound) {
        if (reuseNanos == 0 || count < bound) {
            return;
        }
        long now = System.nanoTime();
        if (counts.size() >= MAX_ENTRIES) {
            counts.values().removeIf(counted -> now - counted.at() >= reuseNanos);
            if (counts.size() >= MAX_ENTRIES) {
                counts.clear();
            }
        }
        counts.put(sql, new Counted(count, now));
    }

    /** How many statements are kept now. */
    int size() {
        return counts.size();
    }

    /** Forgets every count: instances have been purged. */
    public void forget() {
        counts.clear();
    }
}
