package io.batchrest.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * Polls the batch manager every {@code --pollingInterval_s} seconds until an execution appears or ends. Each poll
 * that finds the job still running writes a progress line to standard error; {@code --verbose} adds Liberty's
 * CWWKY0108I/0109I/0110I messages on standard output.
 */
final class JobWaiter {

    /** A polling interval of 0 still leaves this much time between two requests. */
    private static final long MINIMUM_PAUSE_MILLIS = 100;

    private final BatchRestClient client;
    private final Output output;
    private final WaitOptions options;

    JobWaiter(BatchRestClient client, Output output, WaitOptions options) {
        this.client = client;
        this.output = output;
        this.options = options;
    }

    /** The instance's latest execution once it has one (a submitted job gets its first execution shortly). */
    JsonObject firstExecution(JsonObject instance) {
        return nextExecution(instance, null);
    }

    /** The instance's latest execution once it is another one than {@code previousExecutionId} (after a restart). */
    JsonObject nextExecution(JsonObject instance, JsonObject previous) {
        long instanceId = BatchCommand.instanceId(instance);
        while (true) {
            JsonArray executions = client.jobExecutions(instanceId);
            if (!executions.isEmpty()) {
                JsonObject latest = executions.getJsonObject(0);
                if (previous == null || BatchCommand.executionId(latest) != BatchCommand.executionId(previous)) {
                    return latest;
                }
            }
            if (options.verbose) {
                if (previous == null) {
                    output.info(Messages.WAITING_FOR_LATEST_EXECUTION, instanceId);
                } else {
                    output.info(Messages.WAITING_FOR_NEXT_EXECUTION, BatchCommand.record(previous));
                }
            }
            output.progress(Messages.WAIT_PROGRESS_NO_EXECUTION, BatchCommand.jobName(instance), instanceId,
                    options.pollingIntervalSeconds);
            pause();
        }
    }

    /** The execution once its batch status is final (STOPPED, FAILED, COMPLETED, ABANDONED). */
    JsonObject termination(JsonObject instance, JsonObject execution) {
        JsonObject current = execution;
        while (!BatchCommand.batchStatus(current).isDone()) {
            if (options.verbose) {
                output.info(Messages.WAITING_FOR_TERMINATION, BatchCommand.record(current));
            }
            output.progress(Messages.WAIT_PROGRESS, BatchCommand.jobName(instance), BatchCommand.instanceId(instance),
                    BatchCommand.executionId(current), BatchCommand.batchStatus(current),
                    options.pollingIntervalSeconds);
            pause();
            current = client.jobExecution(BatchCommand.executionId(current));
        }
        return current;
    }

    private void pause() {
        try {
            Thread.sleep(Math.max(MINIMUM_PAUSE_MILLIS, options.pollingIntervalSeconds * 1000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "Interrupted while waiting for the job", e);
        }
    }
}
