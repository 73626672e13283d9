package io.batchrest.service;

import io.batchrest.api.problem.ApiException;
import io.batchrest.repository.JobInstancePurge;
import io.batchrest.repository.JobInstanceRecord;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Purge of one job instance (SPEC §7): authority first (a monitor is refused before anything is touched), then
 * the active check, then the repository rows in one transaction.
 */
@ApplicationScoped
public class PurgeService {

    @Inject
    JobLookup lookup;

    @Inject
    JobInstancePurge purge;

    public void purge(long instanceId, boolean jobStoreOnly, CallerScope caller) {
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireAct("purge", instanceId, instance.submitter());
        switch (purge.purge(instanceId)) {
            case ACTIVE -> throw ApiException.conflict("The specified job instance, " + instanceId
                    + ", cannot be purged because it has active job executions.");
            case NOT_FOUND -> throw ApiException.notFound("No job instance found for instance id " + instanceId + ".");
            case PURGED -> {
                // Job log files are the job-log service's; until it exists there is nothing else to remove.
            }
        }
    }
}
