package io.batchrest.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "View the status of a job: its instance and every execution, most recent "
        + "first. The exit code is the batch status code of the most recent execution (e.g. 35 for COMPLETED), 0 if "
        + "it has none.", sortOptions = false,
        customSynopsis = "batchManager status [options]",
        synopsisHeading = "Usage:%n  ", descriptionHeading = "%nDescription:%n", optionListHeading = "%nOptions:%n")
final class StatusCommand extends BatchCommand {

    @Option(names = "--jobInstanceId", paramLabel = "jobInstanceId", description = "The job instance to view. "
            + "Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobInstanceId;

    @Option(names = "--jobExecutionId", paramLabel = "jobExecutionId", description = "The job execution to view "
            + "(with its instance). Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobExecutionId;

    @Override
    int run() {
        requireOneOf(jobInstanceId, jobExecutionId);
        JsonObject instance = jobInstanceId != null ? client().jobInstance(jobInstanceId)
                : client().jobInstanceOfExecution(jobExecutionId);
        JsonArray executions = client().jobExecutions(instanceId(instance));
        output().info(Messages.JOB_INSTANCE_RECORD, record(instance));
        for (JsonValue execution : executions) {
            output().info(Messages.JOB_EXECUTION_RECORD, record(execution.asJsonObject()));
        }
        return executions.isEmpty() ? ExitCodes.OK : ExitCodes.of(batchStatus(executions.getJsonObject(0)));
    }
}
