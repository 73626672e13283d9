package io.batchrest.metrics;

import io.batchrest.events.JobEvents;
import io.batchrest.model.InstanceState;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.RepositoryException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's metrics, in the application registry of MicroProfile Metrics, which Liberty serves at
 * {@code /metrics} in Prometheus text format with the prefix {@code batchrest_} (README, "Health and metrics").
 * Counters count from the server's start. Duration buckets are set in META-INF/microprofile-config.properties.
 */
@ApplicationScoped
public class BatchMetrics {

    static final String SUBMITTED = "batchrest.jobs.submitted";
    static final String ENDED = "batchrest.job.executions.ended";
    static final String DURATION = "batchrest.job.execution.duration";
    static final String ACTIVE = "batchrest.job.instances.active";
    static final String JOB_LOG_WRITTEN = "batchrest.joblog.written";
    static final String PURGED = "batchrest.job.instances.purged";
    static final String RETENTION_PURGED = "batchrest.retention.purged";
    static final String REQUESTS = "batchrest.api.requests";
    static final String FOLLOWERS = "batchrest.joblog.followers";
    static final String EVENT_SUBSCRIBERS = "batchrest.events.subscribers";

    private static final Metadata SUBMITTED_METADATA = Metadata.builder().withName(SUBMITTED)
            .withDescription("Jobs submitted through the API (new instances), by job name").build();
    private static final Metadata ENDED_METADATA = Metadata.builder().withName(ENDED)
            .withDescription("Job executions of this server that ended, by job name and final batch status").build();
    private static final Metadata DURATION_METADATA = Metadata.builder().withName(DURATION)
            .withDescription("Run time of the job executions of this server that ended, by job name")
            .withUnit(MetricUnits.SECONDS).build();
    private static final Metadata ACTIVE_METADATA = Metadata.builder().withName(ACTIVE)
            .withDescription("Job instances in the repository that are not final yet, by instance state").build();
    private static final Metadata JOB_LOG_WRITTEN_METADATA = Metadata.builder().withName(JOB_LOG_WRITTEN)
            .withDescription("Bytes this server wrote to job-log part files").withUnit(MetricUnits.BYTES).build();
    private static final Metadata PURGED_METADATA = Metadata.builder().withName(PURGED)
            .withDescription("Job instances purged through this server, by what was purged (all: rows and job "
                    + "logs; jobstore: rows only)").build();
    private static final Metadata RETENTION_PURGED_METADATA = Metadata.builder().withName(RETENTION_PURGED)
            .withDescription("Job instances that retention runs of this server selected, by outcome (purged, or "
                    + "failed: left in place for the next run)").build();
    private static final Metadata REQUESTS_METADATA = Metadata.builder().withName(REQUESTS)
            .withDescription("API requests that reached a resource, by endpoint (method and path template) and "
                    + "status").withUnit(MetricUnits.SECONDS).build();

    private static final Metadata FOLLOWERS_METADATA = Metadata.builder().withName(FOLLOWERS)
            .withDescription("Answers of this server that follow a running job's log now (follow=true)").build();

    private static final Metadata EVENT_SUBSCRIBERS_METADATA = Metadata.builder().withName(EVENT_SUBSCRIBERS)
            .withDescription("Clients of this server subscribed to the job event stream now").build();

    /** One query serves the gauges of every state for this long, however many scrapes ask meanwhile. */
    private static final Duration ACTIVE_COUNTS_FRESH_FOR = Duration.ofSeconds(1);

    @Inject
    MetricRegistry registry;

    @Inject
    JobInstanceRepository instances;

    @Inject
    JobEvents events;

    private record ActiveCounts(long readAtNanos, Map<InstanceState, Long> counts) {
    }

    private volatile ActiveCounts activeCounts;

    private final AtomicInteger followers = new AtomicInteger();

    /** The gauges exist from the start, one per state that is not final. */
    void registerGauges(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (InstanceState state : InstanceState.values()) {
            if (state.isActive()) {
                registry.gauge(ACTIVE_METADATA, this, metrics -> metrics.activeInstances(state),
                        new Tag("state", state.name()));
            }
        }
        registry.gauge(FOLLOWERS_METADATA, followers, AtomicInteger::get);
        registry.gauge(EVENT_SUBSCRIBERS_METADATA, events, JobEvents::subscribers);
    }

    /** An answer that follows a job log has begun. */
    public void followStarted() {
        followers.incrementAndGet();
    }

    /** An answer that follows a job log has ended: the execution ended, or the client went away. */
    public void followEnded() {
        followers.decrementAndGet();
    }

    public void jobSubmitted(String jobName) {
        registry.counter(SUBMITTED_METADATA, new Tag("jobName", jobName)).inc();
    }

    public void executionEnded(String jobName, BatchStatus batchStatus, Duration runTime) {
        registry.counter(ENDED_METADATA, new Tag("jobName", jobName), new Tag("batchStatus", batchStatus.name()))
                .inc();
        registry.timer(DURATION_METADATA, new Tag("jobName", jobName)).update(runTime);
    }

    public void jobLogBytesWritten(long bytes) {
        registry.counter(JOB_LOG_WRITTEN_METADATA).inc(bytes);
    }

    public void instancePurged(boolean jobStoreOnly) {
        registry.counter(PURGED_METADATA, new Tag("purged", jobStoreOnly ? "jobstore" : "all")).inc();
    }

    /** An instance that retention selected was purged ({@code true}), or could not be. */
    public void retentionPurge(boolean purged) {
        registry.counter(RETENTION_PURGED_METADATA, new Tag("outcome", purged ? "purged" : "failed")).inc();
    }

    /**
     * The timer of each endpoint and status, once the registry has given it: finding it in the registry by its
     * metadata and tags took about 4 % of the CPU of a cheap search (docs/benchmarks.md, "Cheap requests").
     */
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();

    /** {@code endpoint} is the method and the matched path template, e.g. {@code GET jobinstances/{instanceId}}. */
    public void requestServed(String endpoint, int status, Duration latency) {
        requestTimers.computeIfAbsent(status + " " + endpoint, key -> registry.timer(REQUESTS_METADATA,
                new Tag("endpoint", endpoint), new Tag("status", Integer.toString(status)))).update(latency);
    }

    /** NaN while the repository cannot be read: a scrape then still answers, with the other metrics. */
    private double activeInstances(InstanceState state) {
        ActiveCounts current = activeCounts;
        long now = System.nanoTime();
        if (current == null || now - current.readAtNanos() > ACTIVE_COUNTS_FRESH_FOR.toNanos()) {
            try {
                current = new ActiveCounts(now, instances.countActiveByState());
            } catch (RepositoryException e) {
                return Double.NaN;
            }
            activeCounts = current;
        }
        return current.counts().getOrDefault(state, 0L);
    }
}
