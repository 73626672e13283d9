package io.batchrest.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "restart", description = "Restart a batch job.", sortOptions = false,
        customSynopsis = "batchManager restart [options]",
        synopsisHeading = "Usage:%n  ", descriptionHeading = "%nDescription:%n", optionListHeading = "%nOptions:%n")
final class RestartCommand extends WaitingCommand {

    @Option(names = "--jobInstanceId", paramLabel = "jobInstanceId", description = "The job instance to restart. "
            + "Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobInstanceId;

    @Option(names = "--jobExecutionId", paramLabel = "jobExecutionId", description = "The job execution to restart "
            + "(the instance's most recent). Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobExecutionId;

    @Mixin
    JobParameters jobParameters;

    @Option(names = "--reusePreviousParams", description = "Reuse the job parameters of the previous execution; "
            + "--jobParameter and --jobPropertiesFile override them by name.")
    boolean reusePreviousParams;

    @Option(names = "--stopOnShutdown",
            description = "With --wait: if this program is terminated while it waits (e.g. Ctrl-C), a JVM shutdown "
                    + "hook sends a stop request for the job.")
    boolean stopOnShutdown;

    @Override
    int run() {
        requireOneOf(jobInstanceId, jobExecutionId);
        waiting.validate();
        Map<String, String> parameters = jobParameters.resolve();
        long instanceId = jobInstanceId != null ? jobInstanceId
                : instanceId(client().jobInstanceOfExecution(jobExecutionId));
        // The latest execution before the restart, to recognise the one the restart creates.
        JsonArray before = client().jobExecutions(instanceId);
        JsonObject previous = before.isEmpty() ? null : before.getJsonObject(0);
        JsonObject instance = jobInstanceId != null
                ? client().restartInstance(jobInstanceId, parameters, reusePreviousParams)
                : client().restartExecution(jobExecutionId, parameters, reusePreviousParams);
        output().info(Messages.JOB_RESTARTED, jobName(instance), instanceId(instance));
        output().info(Messages.JOB_INSTANCE_RECORD, record(instance));
        if (!waiting.wait) {
            return ExitCodes.OK;
        }
        JsonObject execution = waiter().nextExecution(instance, previous);
        return awaitAndFinish(instance, execution, stopOnShutdown, Messages.JOB_FINISHED);
    }
}
