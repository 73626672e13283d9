package io.batchrest.health;

import io.batchrest.joblog.JobLogs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;

/**
 * Whether this server should be restarted (Liberty's {@code /health/live}, README "Health and metrics"): its job-log
 * writer thread has died, or one of its writes hangs, so that every job that logs waits.
 */
@ApplicationScoped
public class LivenessChecks {

    @Inject
    JobLogs jobLogs;

    @Produces
    @Liveness
    HealthCheck jobLogWriter() {
        return () -> Checks.response("job-log-writer", jobLogs.writerProblem());
    }
}
