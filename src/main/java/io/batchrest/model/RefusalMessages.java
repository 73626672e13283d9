package io.batchrest.model;

/**
 * The words of the refusals that more than one layer gives: the service refuses before it asks the batch runtime,
 * and the runtime refuses the same things when they change in between (an execution ends between the service's check
 * and the runtime's stop). Both say the same thing, in Liberty's words where Liberty has them.
 */
public final class RefusalMessages {

    private RefusalMessages() {
    }

    /**
     * Liberty's message for an unknown instance, with its message id: Liberty's own batchManager client recognises
     * an unknown instance by the id CWWKY0151E in the error body (exit code 23); without it, it prints a stack trace
     * and exits with 255.
     */
    public static String noSuchInstance(long instanceId) {
        return "CWWKY0151E: No job instance found for instance id " + instanceId + ".";
    }

    public static String noSuchExecution(long executionId) {
        return "No job execution found for execution id " + executionId + ".";
    }

    public static String executionNotRunning(long executionId) {
        return "The job execution id " + executionId + " is not currently running.";
    }

    public static String alreadyComplete(long executionId, long instanceId) {
        return "The most recent job execution " + executionId + " for job instance " + instanceId
                + " cannot be restarted because it is already complete.";
    }

    public static String notRestartable(long instanceId) {
        return "The job " + instanceId + " cannot be restarted.";
    }

    public static String notMostRecent(long executionId, long instanceId) {
        return "The job execution " + executionId + " is not the most recent execution of job instance " + instanceId
                + ".";
    }
}
