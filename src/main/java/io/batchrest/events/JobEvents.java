package io.batchrest.events;

import io.batchrest.model.JobChange;
import io.batchrest.model.JobEventType;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.StepMetrics;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.RepositoryException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job events (docs/api.md, "Job events"): the submission and purge services and the listeners in every job's JSL
 * report state changes here, which {@link JobEventFeed} hands to the subscribers of every server. Settings, as server
 * variables or any MicroProfile Config source: {@code batchrest.events.bufferSize} (default 10000) events are kept
 * for subscribers that resume, {@code batchrest.events.pollMillis} (default 500) between reads of the event table,
 * {@code batchrest.events.heartbeatSeconds} (default 15) between keep-alive comments.
 */
@ApplicationScoped
public class JobEvents {

    public static final int DEFAULT_HEARTBEAT_SECONDS = 15;

    private static final Logger LOG = Logger.getLogger(JobEvents.class.getName());

    @Inject
    JobInstanceRepository instances;

    @Inject
    JobEventFeed feed;

    /** For CDI. */
    public JobEvents() {
    }

    /** Events that go to {@code feed}: for tests of the services that report changes. */
    public JobEvents(JobEventFeed feed) {
        this.feed = feed;
    }

    /** Guarded by itself, which also orders an instance's submitted event before its first started event. */
    private final RecentIds announcedInstances = new RecentIds(JobEventFeed.configuredBufferSize());

    /** The submitter of each execution running on this server, read once as it starts, for its later events. */
    private final Map<Long, String> runningSubmitters = new ConcurrentHashMap<>();

    /**
     * How many listeners of a step are between beforeStep and afterStep. Liberty's runtime calls a partitioned step's
     * listener once, on the step's own thread; counting keeps one started and one ended event per step should a
     * runtime call it per partition as well.
     */
    private final Map<String, Integer> openSteps = new ConcurrentHashMap<>();

    public Duration heartbeat() {
        return Duration.ofSeconds(ConfigProvider.getConfig()
                .getOptionalValue("batchrest.events.heartbeatSeconds", Integer.class)
                .filter(value -> value > 0).orElse(DEFAULT_HEARTBEAT_SECONDS));
    }

    public JobEventBuffer.Subscription subscribe(OptionalLong lastEventId, JobEventFilter filter,
                                                 JobEventSubscriber subscriber) {
        return feed.subscribe(lastEventId, filter, subscriber);
    }

    /** How many events are kept; also how far a subscriber may fall behind before it is released. */
    public int bufferSize() {
        return feed.bufferSize();
    }

    public int subscribers() {
        return feed.subscribers();
    }

    /**
     * The batch runtime may start the job before the submission's answer is ready, so whichever comes first — the
     * submission or the first execution's start — reports the instance, and once.
     */
    public void submitted(JobInstanceRecord instance) {
        synchronized (announcedInstances) {
            if (announcedInstances.add(instance.instanceId())) {
                feed.record(new JobChange(JobEventType.SUBMITTED, instance.instanceId(), instance.jobName(),
                        instance.submitter(), 0, Optional.empty(), "", Optional.empty(),
                        Optional.ofNullable(instance.createTime())));
            }
        }
    }

    public void purged(JobInstanceRecord instance) {
        feed.record(new JobChange(JobEventType.PURGED, instance.instanceId(), instance.jobName(),
                instance.submitter(), 0, Optional.empty(), "", Optional.empty(), Optional.empty()));
    }

    public void executionStarted(long instanceId, long executionId, String jobName) {
        Optional<JobInstanceRecord> instance = instanceOf(instanceId);
        String submitter = instance.map(JobInstanceRecord::submitter).orElse("");
        runningSubmitters.put(executionId, submitter);
        synchronized (announcedInstances) {
            instance.filter(started -> started.executionCount() <= 1).ifPresent(this::submitted);
            feed.record(new JobChange(JobEventType.STARTED, instanceId, jobName, submitter, executionId,
                    Optional.of(BatchStatus.STARTED), "", Optional.empty(), Optional.of(Instant.now())));
        }
    }

    /** {@code batchStatus} is the final one, and {@code exitStatus} the execution's (its batch status if unset). */
    public void executionEnded(long instanceId, long executionId, String jobName, BatchStatus batchStatus,
                               String exitStatus) {
        String submitter = runningSubmitters.remove(executionId);
        JobEventType type = switch (batchStatus) {
            case COMPLETED -> JobEventType.COMPLETED;
            case STOPPED -> JobEventType.STOPPED;
            default -> JobEventType.FAILED;
        };
        feed.record(new JobChange(type, instanceId, jobName, submitter != null ? submitter
                : submitterOf(instanceId), executionId, Optional.of(batchStatus), exitStatus, Optional.empty(),
                Optional.of(Instant.now())));
    }

    public void stepStarted(long instanceId, long executionId, String jobName, long stepExecutionId,
                            String stepName) {
        if (openSteps.merge(executionId + "/" + stepName, 1, Integer::sum) == 1) {
            feed.record(new JobChange(JobEventType.STEP_STARTED, instanceId, jobName, submitterOfRunning(
                    executionId, instanceId), executionId, Optional.of(BatchStatus.STARTED), "",
                    Optional.of(new JobChange.Step(stepExecutionId, stepName, Optional.empty())),
                    Optional.of(Instant.now())));
        }
    }

    /** Reported once, by the last listener of the step to end: for a partitioned step, the step's own thread. */
    public void stepEnded(long instanceId, long executionId, String jobName, long stepExecutionId, String stepName,
                          BatchStatus batchStatus, String exitStatus, StepMetrics metrics) {
        if (openSteps.computeIfPresent(executionId + "/" + stepName, (step, open) -> open > 1 ? open - 1 : null)
                == null) {
            feed.record(new JobChange(JobEventType.STEP_ENDED, instanceId, jobName, submitterOfRunning(
                    executionId, instanceId), executionId, Optional.of(batchStatus), exitStatus,
                    Optional.of(new JobChange.Step(stepExecutionId, stepName, Optional.of(metrics))),
                    Optional.of(Instant.now())));
        }
    }

    private String submitterOfRunning(long executionId, long instanceId) {
        String submitter = runningSubmitters.get(executionId);
        return submitter != null ? submitter : submitterOf(instanceId);
    }

    private String submitterOf(long instanceId) {
        return instanceOf(instanceId).map(JobInstanceRecord::submitter).orElse("");
    }

    /** Without the repository the event still goes out, to those who see every instance. */
    private Optional<JobInstanceRecord> instanceOf(long instanceId) {
        try {
            return instances.findById(instanceId);
        } catch (RepositoryException e) {
            LOG.log(Level.WARNING, "The submitter of job instance " + instanceId + " could not be read for its "
                    + "events; only callers who see every instance receive them", e);
            return Optional.empty();
        }
    }

    /** The ids of the latest instances reported as submitted, as many as the buffer holds events. */
    private static final class RecentIds extends LinkedHashMap<Long, Boolean> {
        private final int capacity;

        RecentIds(int capacity) {
            this.capacity = capacity;
        }

        boolean add(long id) {
            return put(id, Boolean.TRUE) == null;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
        }
    }
}
