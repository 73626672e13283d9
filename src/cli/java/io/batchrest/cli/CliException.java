package io.batchrest.cli;

/** A failure that ends the command with the given exit code and message (printed on standard error). */
class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** A required argument (or one of a set of alternatives) is missing: exit code 20. */
    static CliException missingArgument(String names) {
        return new ArgumentException(ExitCodes.MISSING_ARGUMENT, Messages.format(Messages.ARGUMENT_REQUIRED, names));
    }

    /** An argument's value cannot be used: exit code 22. */
    static CliException invalidValue(String name, String value, String acceptable) {
        return new ArgumentException(ExitCodes.INVALID_ARGUMENT_VALUE,
                Messages.format(Messages.ARGUMENT_INVALID_VALUE, name, value, acceptable));
    }

    /** Argument errors are followed by a pointer to the task's help. */
    static final class ArgumentException extends CliException {
        private static final long serialVersionUID = 1L;

        ArgumentException(int exitCode, String message) {
            super(exitCode, message);
        }
    }
}
