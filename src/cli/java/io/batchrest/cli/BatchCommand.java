package io.batchrest.cli;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** A command that talks to the batch manager: connection options, output, and the records it prints. */
abstract class BatchCommand implements Callable<Integer> {

    @ParentCommand
    BatchManager batchManager;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help information for this action.")
    boolean help;

    private BatchRestClient client;

    @Override
    public final Integer call() {
        return run();
    }

    /** Does the command's work and answers its exit code. */
    abstract int run();

    Output output() {
        return batchManager.output();
    }

    BatchRestClient client() {
        if (client == null) {
            client = connection.client(output());
        }
        return client;
    }

    /** A job instance or execution as Liberty's batchManager prints it: the JSON without its links. */
    static String record(JsonObject json) {
        return Json.createObjectBuilder(json).remove("_links").build().toString();
    }

    static long instanceId(JsonObject json) {
        return number(json, "instanceId");
    }

    static long executionId(JsonObject json) {
        return number(json, "executionId");
    }

    static String jobName(JsonObject json) {
        return json.getString("jobName", "");
    }

    static BatchStatus batchStatus(JsonObject json) {
        return BatchStatus.of(json.getString("batchStatus", null));
    }

    static String exitStatus(JsonObject json) {
        return json.getString("exitStatus", "");
    }

    private static long number(JsonObject json, String name) {
        if (json.get(name) instanceof JsonNumber number) {
            return number.longValue();
        }
        throw new CliException(ExitCodes.ERROR, "The batch manager's answer has no " + name + ": " + json);
    }

    /** Either of two id options is required. */
    static void requireOneOf(Long first, Long second) {
        if (first == null && second == null) {
            throw CliException.missingArgument("--jobInstanceId or --jobExecutionId");
        }
    }
}
