package io.batchrest.cli;

/** Jakarta Batch's batch status, in its declaration order (the exit codes depend on it). */
enum BatchStatus {
    STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED;

    /** True for the statuses an execution ends in. */
    boolean isDone() {
        return this == STOPPED || this == FAILED || this == COMPLETED || this == ABANDONED;
    }

    static BatchStatus of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CliException(ExitCodes.ERROR, "The batch manager answered an unknown batch status: " + name);
        }
    }
}
