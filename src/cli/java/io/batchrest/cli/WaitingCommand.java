package io.batchrest.cli;

import jakarta.json.JsonObject;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/** submit, restart and stop: they can wait for the job to end and exit with its status. */
abstract class WaitingCommand extends BatchCommand {

    @Mixin
    WaitOptions waiting;

    JobWaiter waiter() {
        return new JobWaiter(client(), output(), waiting);
    }

    /**
     * Waits until {@code execution} ends (stopping the job if the client is shut down meanwhile and
     * {@code stopOnShutdown} is set), prints {@code finishedMessage} and the execution, the job log with
     * {@code --getJobLog}, and answers the exit code.
     */
    int awaitAndFinish(JsonObject instance, JsonObject execution, boolean stopOnShutdown, String finishedMessage) {
        StopOnShutdown hook = stopOnShutdown ? StopOnShutdown.register(client(), output(), instance) : null;
        try {
            JsonObject current = execution;
            if (waiting.getJobLog && waiting.follow) {
                current = followLog(instance, execution);
            } else if (waiting.getJobLog) {
                output().info(Messages.JOBLOG_LOCATION, jobName(instance), instanceId(instance),
                        client().root() + "jobinstances/" + instanceId(instance) + "/joblogs");
            }
            JsonObject ended = waiter().termination(instance, current);
            if (hook != null) {
                hook.unregister();
            }
            return finish(instance, ended, finishedMessage);
        } finally {
            if (hook != null) {
                hook.unregister();
            }
        }
    }

    /**
     * {@code --getJobLog --follow}: prints the instance's log while its latest execution runs (the one just submitted,
     * restarted or stopped); the answer ends when that execution ends, whose state is then read once.
     */
    private JsonObject followLog(JsonObject instance, JsonObject execution) {
        String resource = "jobinstances/" + instanceId(instance);
        output().info(Messages.JOBLOG_DOWNLOAD, jobName(instance), instanceId(instance),
                client().root() + resource + "/joblogs?type=text&follow=true");
        new JobLogFollowing(client()).copy(resource, output().out());
        return client().jobExecution(executionId(execution));
    }

    private int finish(JsonObject instance, JsonObject execution, String finishedMessage) {
        output().info(finishedMessage, jobName(instance), instanceId(instance), batchStatus(execution),
                exitStatus(execution));
        output().info(Messages.JOB_EXECUTION_RECORD, record(execution));
        if (waiting.getJobLog && !waiting.follow) {
            String resource = "jobinstances/" + instanceId(instance);
            output().info(Messages.JOBLOG_DOWNLOAD, jobName(instance), instanceId(instance),
                    client().root() + resource + "/joblogs?type=text");
            HttpResponse<InputStream> log = client().jobLog(resource, "text");
            try (InputStream text = log.body()) {
                text.transferTo(output().out());
                output().out().flush();
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "Reading the job log failed: " + e.getMessage(), e);
            }
        }
        return waiting.exitCode(batchStatus(execution), exitStatus(execution));
    }
}
