package io.batchrest.security;

import io.batchrest.model.Refusal;

import java.util.Optional;

/**
 * What the authenticated caller may see and do (docs/contract.md §9), decided once per request from the security
 * context. Services ask it before every read and action, and the repository queries use {@link #ownInstancesOnly()} to
 * scope lists, so no resource does security by hand.
 */
public record CallerScope(String user, boolean admin, boolean submitter, boolean monitor) {

    /**
     * Another server of the cluster deleting this server's log files of an instance it purges in the background (a
     * purge task or retention), which has no user: the one request a server answers without one (README, "Several
     * servers"). The authentication filter lets no other request through without a user.
     */
    public static CallerScope cluster() {
        return new CallerScope("(another server of the cluster)", true, false, false);
    }

    /** Reads every instance: admins and monitors. */
    public boolean readsAll() {
        return admin || monitor;
    }

    /** The submitter that lists must be restricted to, for a caller who may only see their own instances. */
    public Optional<String> ownInstancesOnly() {
        requireBatchRole();
        return readsAll() ? Optional.empty() : Optional.of(user);
    }

    public void requireBatchRole() {
        if (!admin && !submitter && !monitor) {
            throw Refusal.forbidden("User " + user + " is not authorized to perform batch operations: "
                    + "the user has none of the roles batchAdmin, batchSubmitter, batchMonitor.");
        }
    }

    public void requireSubmit() {
        requireBatchRole();
        if (!admin && !submitter) {
            throw Refusal.forbidden("User " + user + " is not authorized to start batch jobs.");
        }
    }

    /** Operations on the whole repository rather than on instances (retention): batchAdmin only. */
    public void requireAdmin(String operation) {
        requireBatchRole();
        if (!admin) {
            throw Refusal.forbidden("User " + user + " is not authorized to " + operation + ": that needs the "
                    + "batchAdmin role.");
        }
    }

    /** Reading one instance (or its executions, steps, logs): all for admin and monitor, own for a submitter. */
    public void requireRead(long instanceId, String instanceSubmitter) {
        requireBatchRole();
        if (!readsAll() && !user.equals(instanceSubmitter)) {
            throw notAuthorizedFor("read", instanceId);
        }
    }

    /** Stop, restart and purge: all for admin, own for a submitter, never for a monitor alone. */
    public void requireAct(String operation, long instanceId, String instanceSubmitter) {
        requireBatchRole();
        if (!admin && !(submitter && user.equals(instanceSubmitter))) {
            throw notAuthorizedFor(operation, instanceId);
        }
    }

    /**
     * The submitter that an action on every instance of a search (a bulk purge) is restricted to: none for an admin,
     * their own for a submitter; a monitor alone may not act.
     */
    public Optional<String> ownInstancesToAct(String operation) {
        requireBatchRole();
        if (!admin && !submitter) {
            throw Refusal.forbidden("User " + user + " is not authorized to " + operation + " job instances.");
        }
        return admin ? Optional.empty() : Optional.of(user);
    }

    private Refusal notAuthorizedFor(String operation, long instanceId) {
        return Refusal.forbidden("User " + user + " is not authorized to " + operation
                + " job instance " + instanceId + ".");
    }
}
