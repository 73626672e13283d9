package io.batchrest.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exit codes of Liberty's {@code batchManager}: 0 on success, 20 for a missing required argument, 21 for an
 * unrecognized argument, 22 for an unacceptable argument value, 23 when the named job instance or execution does not
 * exist, 255 for any other error; with {@code --wait} (and for {@code status}) the job's batch status shifted by 30
 * (STOPPED 33, FAILED 34, COMPLETED 35, ABANDONED 36), so that it does not collide with exit statuses such as 0, 4, 8.
 */
final class ExitCodes {

    static final int OK = 0;
    static final int MISSING_ARGUMENT = 20;
    static final int UNRECOGNIZED_ARGUMENT = 21;
    static final int INVALID_ARGUMENT_VALUE = 22;
    static final int NOT_FOUND = 23;
    static final int ERROR = 255;

    private static final int BATCH_STATUS_SHIFT = 30;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\d+");

    private ExitCodes() {
    }

    /** BatchStatus ordinal + 30. */
    static int of(BatchStatus status) {
        return status.ordinal() + BATCH_STATUS_SHIFT;
    }

    /**
     * {@code --returnExitStatus}: the number the exit status starts with ({@code "8:bad input"} → 8), or the batch
     * status code if the exit status is a batch status name ({@code "COMPLETED"} → 35).
     */
    static int ofExitStatus(String exitStatus) {
        String value = exitStatus == null ? "" : exitStatus;
        Matcher number = LEADING_NUMBER.matcher(value);
        if (number.find()) {
            try {
                return Integer.parseInt(number.group());
            } catch (NumberFormatException tooLong) {
                // falls through to the error below
            }
        }
        for (BatchStatus status : BatchStatus.values()) {
            if (status.name().equals(value)) {
                return of(status);
            }
        }
        throw new CliException(ERROR, "The exitStatus, '" + value + "', does not begin with a parsable integer");
    }
}
