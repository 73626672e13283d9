package io.batchrest.cluster;

import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.repository.RepositoryException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When this server starts, no job of it can be running: executions that the repository still shows as running on
 * this server (STARTING, STARTED, STOPPING) were cut off by a crash or a kill. They, their running steps and their
 * instances are marked FAILED, so that they can be restarted, through any server (docs/contract.md §10).
 */
@ApplicationScoped
public class CrashedExecutions {

    private static final Logger LOG = Logger.getLogger(CrashedExecutions.class.getName());

    @Inject
    JobExecutionRepository executions;

    @Inject
    ServerIdentity identity;

    @Resource
    ManagedExecutorService executor;

    /**
     * In the background, like the search indexes: start-up does not wait for the repository. Only executions created
     * before this start count: a job submitted meanwhile is already running here and is not a crashed one.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Instant started = Instant.now();
        executor.execute(() -> markFailedOrWarn(started));
    }

    private void markFailedOrWarn(Instant started) {
        try {
            markFailed(started);
        } catch (RepositoryException e) {
            LOG.log(Level.WARNING, "Executions cut off by an earlier stop of this server could not be marked "
                    + "FAILED", e);
        }
    }

    private void markFailed(Instant createdBefore) {
        for (long executionId : executions.runningOn(identity.serverId(), createdBefore)) {
            executions.markFailed(executionId);
            LOG.warning("Job execution " + executionId + " was running on this server when it stopped without "
                    + "ending it; it is marked FAILED and can be restarted.");
        }
    }
}
