package io.batchrest.service;

import io.batchrest.api.problem.ApiException;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.repository.JobInstancePurge;
import io.batchrest.repository.JobInstanceRecord;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.RepositoryException;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Purge (SPEC §7). Authority is checked first (a monitor is refused before anything is touched), then the active
 * check, then the repository rows of each instance in one transaction of its own: a failure on one instance
 * leaves that instance whole and does not stop the others.
 */
@ApplicationScoped
public class PurgeService {

    private static final Logger LOG = Logger.getLogger(PurgeService.class.getName());

    @Inject
    JobLookup lookup;

    @Inject
    JobInstanceRepository instances;

    @Inject
    JobInstancePurge purge;

    /** Purges one instance, or refuses with 403 / 404 / 409. */
    public void purge(long instanceId, boolean jobStoreOnly, CallerScope caller) {
        JobInstanceRecord instance = lookup.instance(instanceId);
        caller.requireAct("purge", instanceId, instance.submitter());
        switch (purge.purge(instanceId)) {
            case ACTIVE -> throw ApiException.conflict(activeMessage(instanceId));
            case NOT_FOUND -> throw ApiException.notFound("No job instance found for instance id " + instanceId + ".");
            case PURGED -> {
                // The rows are gone; job log files are not written by this server yet, so there are none to remove.
            }
        }
    }

    /**
     * Purges the current page of a search, one result per match in search order. A submitter-only caller's search
     * sees only their own instances, so they can never purge another's.
     */
    public List<PurgeResult> purgeMatching(JobInstanceSearch search, boolean jobStoreOnly, CallerScope caller) {
        caller.requireBatchRole();
        if (!caller.admin() && !caller.submitter()) {
            throw ApiException.forbidden("User " + caller.user() + " is not authorized to purge job instances.");
        }
        List<PurgeResult> results = new ArrayList<>();
        for (JobInstanceRecord instance : instances.search(search, caller.admin() ? java.util.Optional.empty()
                : java.util.Optional.of(caller.user()))) {
            results.add(purgeOne(instance.instanceId()));
        }
        return results;
    }

    private PurgeResult purgeOne(long instanceId) {
        try {
            return switch (purge.purge(instanceId)) {
                case PURGED -> PurgeResult.completed(instanceId);
                case ACTIVE -> new PurgeResult(instanceId, PurgeResult.Status.STILL_ACTIVE, activeMessage(instanceId), "");
                case NOT_FOUND -> new PurgeResult(instanceId, PurgeResult.Status.FAILED,
                        "No job instance found for instance id " + instanceId + ".", "");
            };
        } catch (RepositoryException e) {
            LOG.log(Level.WARNING, "Purge of job instance " + instanceId + " failed; its rows were left in place", e);
            return new PurgeResult(instanceId, PurgeResult.Status.FAILED, "The job repository rows of job instance "
                    + instanceId + " could not be deleted; the instance was left unchanged.", "");
        }
    }

    private static String activeMessage(long instanceId) {
        return "The specified job instance, " + instanceId + ", cannot be purged because it has active job executions.";
    }
}
