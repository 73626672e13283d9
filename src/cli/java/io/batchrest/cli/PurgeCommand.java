package io.batchrest.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "purge", description = {"Purge all records and logs for a job instance or purge a list of job "
        + "instance records.", "  --jobInstanceId=<id> alone purges that instance (CWWKY0115I); any other selection "
        + "purges the matching instances of one page (default 50), one CWWKY0117I line each."},
        sortOptions = false, customSynopsis = "batchManager purge [options]",
        synopsisHeading = "Usage:%n  ", descriptionHeading = "%nDescription:%n", optionListHeading = "%nOptions:%n")
final class PurgeCommand extends BatchCommand {

    @Mixin
    InstanceSearch search;

    @Option(names = "--purgeJobStoreOnly", description = "Only delete entries from the job store database; the job "
            + "logs are left on the file system.")
    boolean purgeJobStoreOnly;

    @Override
    int run() {
        if (!search.hasFilter()) {
            throw CliException.missingArgument(InstanceSearch.FILTER_NAMES);
        }
        Long single = search.singleInstanceId();
        if (single != null) {
            JsonObject instance = client().jobInstance(single);
            client().purge(single, purgeJobStoreOnly);
            output().info(Messages.JOB_PURGED, jobName(instance), instanceId(instance));
            return ExitCodes.OK;
        }
        String query = search.toQuery() + (purgeJobStoreOnly ? "&purgeJobStoreOnly=true" : "");
        for (JsonValue value : client().purgeAll(query)) {
            JsonObject result = value.asJsonObject();
            output().info(Messages.JOB_PURGED_MULTI, result.get("instanceId"), result.getString("purgeStatus", ""),
                    result.getString("message", ""), result.getString("redirectUrl", ""));
        }
        return ExitCodes.OK;
    }
}
