package io.batchrest.health;

import io.batchrest.joblog.JobLogs;
import io.batchrest.repository.BatchDatabase;
import io.batchrest.repository.InstanceParameters;
import io.batchrest.repository.RepositoryIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Whether this server can serve the API now (Liberty's {@code /health/ready}, README "Health and metrics"): a load
 * balancer sends it requests only while every check is UP. Each check is named after what it watches, and a DOWN
 * one says why in its {@code cause}.
 */
@ApplicationScoped
public class ReadinessChecks {

    /** How long the repository's connection may take to answer before the server counts as not ready. */
    private static final int REPOSITORY_TIMEOUT_SECONDS = 5;

    @Inject
    BatchDatabase database;

    @Inject
    JobLogs jobLogs;

    @Inject
    RepositoryIndexes indexes;

    @Inject
    InstanceParameters parameters;

    @Produces
    @Readiness
    HealthCheck jobRepository() {
        return () -> Checks.response("job-repository", database.unreachable(REPOSITORY_TIMEOUT_SECONDS));
    }

    @Produces
    @Readiness
    HealthCheck jobLogFolder() {
        return () -> Checks.response("job-log-folder", jobLogs.folderProblem());
    }

    /**
     * Searches are slow without the indexes, which the server builds in the background at start-up, and slower by a
     * job parameter until the copy of the parameters has caught up.
     */
    @Produces
    @Readiness
    HealthCheck searchIndexes() {
        return () -> Checks.response("search-indexes", indexes.building()
                ? Optional.of("The search indexes of the job repository are being built")
                : parameters.building() ? Optional.of("The job parameters are being copied for the searches")
                : Optional.empty());
    }
}
