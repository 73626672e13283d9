package io.batchrest.cli;

import picocli.CommandLine.Option;

/** {@code --wait} and what goes with it, for submit, restart and stop. */
final class WaitOptions {

    @Option(names = "--wait", description = {
            "Wait for the job to finish before exiting. The exit code is set according to the job's batch status "
                    + "(unless --returnExitStatus is specified). Batch status exit codes:",
            "  BatchStatus.STOPPED = 33", "  BatchStatus.FAILED = 34", "  BatchStatus.COMPLETED = 35",
            "  BatchStatus.ABANDONED = 36"})
    boolean wait;

    @Option(names = "--pollingInterval_s", paramLabel = "seconds", defaultValue = "30",
            description = "The interval of time at which to poll for job status. Default: ${DEFAULT-VALUE}.")
    int pollingIntervalSeconds;

    @Option(names = "--verbose",
            description = "Log a message (CWWKY0108I) every time the job status is polled.")
    boolean verbose;

    @Option(names = "--getJobLog",
            description = "Download the job log and print it to STDOUT after the job finishes. Combine with --wait.")
    boolean getJobLog;

    @Option(names = "--follow", description = "With --getJobLog: print the job log while the job writes it, "
            + "instead of after the job has finished.")
    boolean follow;

    @Option(names = "--returnExitStatus", description = {
            "Use the job's exit status as this program's exit code. Combine with --wait. If the exit status matches "
                    + "a BatchStatus name (e.g. \"COMPLETED\"), the exit code is set according to the mapping of "
                    + "--wait. Otherwise the exit code is parsed from the beginning of the exit status string, e.g.",
            "  exitStatus=\"0\", exit code: 0", "  exitStatus=\"8:failure message can go here\", exit code: 8"})
    boolean returnExitStatus;

    void validate() {
        if (follow && !getJobLog) {
            throw CliException.missingArgument("--getJobLog (with --follow)");
        }
        if (pollingIntervalSeconds < 0) {
            throw CliException.invalidValue("--pollingInterval_s", String.valueOf(pollingIntervalSeconds),
                    "0 or a positive number of seconds");
        }
    }

    /** The exit code for a finished execution. */
    int exitCode(BatchStatus batchStatus, String exitStatus) {
        return returnExitStatus ? ExitCodes.ofExitStatus(exitStatus) : ExitCodes.of(batchStatus);
    }
}
