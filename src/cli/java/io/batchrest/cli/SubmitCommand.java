package io.batchrest.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

@Command(name = "submit", description = "Submit a new batch job.", sortOptions = false,
        customSynopsis = "batchManager submit [options]",
        synopsisHeading = "Usage:%n  ", descriptionHeading = "%nDescription:%n", optionListHeading = "%nOptions:%n")
final class SubmitCommand extends WaitingCommand {

    @Option(names = "--applicationName", paramLabel = "applicationName",
            description = "The name of the batch application. Either --applicationName or --moduleName must be "
                    + "specified; it defaults to [moduleName] without the \".war\" or \".jar\" extension.")
    String applicationName;

    @Option(names = "--moduleName", paramLabel = "moduleName",
            description = "A WAR or EJB module within the batch application. Defaults to \"[applicationName].war\".")
    String moduleName;

    @Option(names = "--componentName", paramLabel = "componentName",
            description = "An EJB component within the batch application EJB module.")
    String componentName;

    @Option(names = "--jobXMLName", paramLabel = "jobXMLName",
            description = "The name of the job XML in the batch-jobs directory of the application module. Either "
                    + "--jobXMLName or --jobXMLFile must be specified.")
    String jobXMLName;

    @Option(names = "--jobXMLFile", paramLabel = "jobXMLFile",
            description = "A file containing the JSL of the job, read by this utility and submitted in-line with "
                    + "the request. Either --jobXMLName or --jobXMLFile must be specified.")
    Path jobXMLFile;

    @Mixin
    JobParameters jobParameters;

    @Option(names = "--stopOnShutdown",
            description = "With --wait: if this program is terminated while it waits (e.g. Ctrl-C), a JVM shutdown "
                    + "hook sends a stop request for the job.")
    boolean stopOnShutdown;

    @Override
    int run() {
        if (isBlank(applicationName) && isBlank(moduleName)) {
            throw CliException.missingArgument("--applicationName or --moduleName");
        }
        if (isBlank(jobXMLName) && jobXMLFile == null) {
            throw CliException.missingArgument("--jobXMLName or --jobXMLFile");
        }
        waiting.validate();
        JsonObject instance = client().submit(submission());
        output().info(Messages.JOB_SUBMITTED, jobName(instance), instanceId(instance));
        output().info(Messages.JOB_INSTANCE_RECORD, record(instance));
        if (!waiting.wait) {
            return ExitCodes.OK;
        }
        JsonObject execution = waiter().firstExecution(instance);
        return awaitAndFinish(instance, execution, stopOnShutdown, Messages.JOB_FINISHED);
    }

    /** The submit request body of docs/contract.md §4. */
    JsonObject submission() {
        JsonObjectBuilder body = Json.createObjectBuilder();
        addIfSet(body, "applicationName", applicationName);
        addIfSet(body, "moduleName", moduleName);
        addIfSet(body, "componentName", componentName);
        addIfSet(body, "jobXMLName", jobXMLName);
        body.add("jobParameters", Json.createObjectBuilder(new LinkedHashMap<String, Object>(jobParameters.resolve())));
        if (jobXMLFile != null) {
            body.add("jobXML", readJsl(jobXMLFile));
        }
        return body.build();
    }

    private static String readJsl(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.invalidValue("--jobXMLFile", file.toString(), "a readable JSL file ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static void addIfSet(JsonObjectBuilder body, String name, String value) {
        if (!isBlank(value)) {
            body.add(name, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
