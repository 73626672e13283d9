package io.batchrest.cli;

import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stop", description = "Stop a batch job.", sortOptions = false,
        customSynopsis = "batchManager stop [options]",
        synopsisHeading = "Usage:%n  ", descriptionHeading = "%nDescription:%n", optionListHeading = "%nOptions:%n")
final class StopCommand extends WaitingCommand {

    @Option(names = "--jobInstanceId", paramLabel = "jobInstanceId", description = "The job instance to stop (its "
            + "running execution). Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobInstanceId;

    @Option(names = "--jobExecutionId", paramLabel = "jobExecutionId", description = "The job execution to stop. "
            + "Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobExecutionId;

    @Override
    int run() {
        requireOneOf(jobInstanceId, jobExecutionId);
        waiting.validate();
        JsonObject instance;
        JsonObject execution;
        if (jobExecutionId != null) {
            execution = client().stopExecution(jobExecutionId);
            instance = client().jobInstanceOfExecution(jobExecutionId);
        } else {
            instance = client().jobInstance(jobInstanceId);
            JsonObject stopped = client().stopInstance(jobInstanceId);
            // An instance that never got an execution is answered itself, already STOPPED.
            execution = stopped.containsKey("executionId") ? stopped : null;
            if (execution == null) {
                instance = stopped;
            }
        }
        output().info(Messages.JOB_STOP_SUBMITTED, jobName(instance), instanceId(instance));
        if (!waiting.wait) {
            return ExitCodes.OK;
        }
        if (execution == null) {
            output().info(Messages.JOB_STOPPED, jobName(instance), instanceId(instance), batchStatus(instance), "");
            return ExitCodes.OK;
        }
        return awaitAndFinish(instance, execution, false, Messages.JOB_STOPPED);
    }
}
