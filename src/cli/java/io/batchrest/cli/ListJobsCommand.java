package io.batchrest.cli;

import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "listJobs", description = "List job instances, newest first, one CWWKY0106I line each.",
        sortOptions = false, customSynopsis = "batchManager listJobs [options]",
        synopsisHeading = "Usage:%n  ", descriptionHeading = "%nDescription:%n", optionListHeading = "%nOptions:%n")
final class ListJobsCommand extends BatchCommand {

    @Mixin
    InstanceSearch search;

    @Override
    int run() {
        for (JsonValue instance : client().searchInstances(search.toQuery())) {
            output().info(Messages.JOB_INSTANCE_RECORD, record(instance.asJsonObject()));
        }
        return ExitCodes.OK;
    }
}
