package io.batchrest.cli;

/**
 * Every line the client prints, with the message ids and texts of Liberty's {@code batchManager} utility
 * (component prefix CWWKY), so that scripts that look for them keep working. Inserts are {@code {0}}, {@code {1}}, …
 * and are written as they are (no number grouping).
 */
final class Messages {

    static final String JOB_SUBMITTED = "CWWKY0101I: Job {0} with instance ID {1} has been submitted.";
    static final String JOB_RESTARTED = "CWWKY0102I: A restart request has been submitted for job {0} with instance ID {1}.";
    static final String JOB_STOPPED = "CWWKY0103I: Job {0} with instance ID {1} has stopped. Batch status: {2}. Exit status: {3}";
    static final String JOB_STOP_SUBMITTED = "CWWKY0104I: A stop request has been submitted for job {0} with instance ID {1}.";
    static final String JOB_FINISHED = "CWWKY0105I: Job {0} with instance ID {1} has finished. Batch status: {2}. Exit status: {3}";
    static final String JOB_INSTANCE_RECORD = "CWWKY0106I: JobInstance:{0}";
    static final String JOB_EXECUTION_RECORD = "CWWKY0107I: JobExecution:{0}";
    static final String WAITING_FOR_TERMINATION = "CWWKY0108I: Waiting for termination of JobExecution:{0}";
    static final String WAITING_FOR_LATEST_EXECUTION = "CWWKY0109I: Waiting for the latest job execution for job with instance ID {0}";
    static final String WAITING_FOR_NEXT_EXECUTION = "CWWKY0110I: Waiting for the next job execution after JobExecution:{0}";
    static final String JOBLOG_TO_FILE = "CWWKY0111I: The joblog was written to file {0}";
    static final String FAILOVER = "CWWKY0112I: A request for the batch manager at {0} failed. Forwarding the request to the batch manager at {1}. The failure was: {2}";
    static final String JOBLOG_LOCATION = "CWWKY0113I: The joblog for job {0} with instance ID {1} will be downloaded when the job completes. In the meantime, you may view the joblog by following the links here: {2}";
    static final String JOBLOG_DOWNLOAD = "CWWKY0114I: The joblog for job {0} with instance ID {1} is being downloaded via {2}.";
    static final String JOB_PURGED = "CWWKY0115I: Job {0} with instance ID {1} has been successfully purged.";
    static final String SHUTDOWN_HOOK = "CWWKY0116I: The client utility was shut down while waiting for job {0} with instance ID {1} to finish.";
    static final String JOB_PURGED_MULTI = "CWWKY0117I: Attempt to purge job with instance id {0} returned status: {1}. Message: {2} RedirectUrl: {3}";

    static final String ERROR = "Error: {0}";
    static final String CONSOLE_NOT_AVAILABLE = "Input console is not available.";
    static final String UNKNOWN_TASK = "Unknown task: {0}";
    static final String FOR_TASK_USAGE = "For task description and usage: {0} help {1}";
    static final String ARGUMENT_REQUIRED = "Missing required argument: {0}.";
    static final String ARGUMENT_UNRECOGNIZED = "Unrecognized argument: {0}.";
    static final String ARGUMENT_UNRECOGNIZED_EXPECTED = "Unrecognized argument: {0}. Perhaps you meant: {1}.";
    static final String ARGUMENT_INVALID_VALUE = "Unacceptable value for argument: {0}={1}. Acceptable values: {2}.";

    /** Progress while {@code --wait} polls (stderr, so that standard output stays as Liberty's). */
    static final String WAIT_PROGRESS = "Job {0} with instance ID {1}, execution {2}: batch status {3}; checking again in {4} s";
    static final String WAIT_PROGRESS_NO_EXECUTION = "Job {0} with instance ID {1}: no execution yet; checking again in {2} s";

    private Messages() {
    }

    /** The pattern with each {@code {i}} replaced by {@code String.valueOf(inserts[i])}. */
    static String format(String pattern, Object... inserts) {
        StringBuilder text = new StringBuilder(pattern.length() + 64);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(pattern.substring(i + 1, close));
                text.append(index < inserts.length ? String.valueOf(inserts[index]) : pattern.substring(i, close + 1));
                i = close + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }
}
