package io.batchrest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code batchManager}: the command line of Liberty's batch management, working against batch-rest's API. The same
 * actions, options, messages (CWWKY01xxI) and exit codes as Liberty's utility, so that scripts and schedulers that
 * call it keep working.
 */
@Command(name = BatchManager.NAME, sortOptions = false,
        subcommands = {SubmitCommand.class, StopCommand.class, RestartCommand.class, StatusCommand.class,
                GetJobLogCommand.class, ListJobsCommand.class, PurgeCommand.class, CommandLine.HelpCommand.class},
        synopsisHeading = "Usage:%n  ", customSynopsis = "batchManager {action} [options]",
        description = "Manage batch jobs through the batch management REST API (/ibm/api/batch).",
        descriptionHeading = "%nDescription:%n", commandListHeading = "%nActions:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExit codes:%n", footer = {
            "  0      the action completed",
            "  20     a required argument is missing",
            "  21     an argument is not recognized",
            "  22     an argument has an unacceptable value",
            "  23     the job instance or execution does not exist",
            "  255    any other error (e.g. no batch manager could be reached, or it refused the request)",
            "  33..36 with --wait (and for status): the job's batch status, STOPPED 33, FAILED 34,",
            "         COMPLETED 35, ABANDONED 36; with --returnExitStatus the job's exit status instead",
            "",
            "Use help [action] for detailed option information of each action."})
public final class BatchManager implements Callable<Integer> {

    static final String NAME = "batchManager";

    @Option(names = {"-h", "--help", "-help"}, usageHelp = true, description = "Print this help.")
    boolean help;

    private final Output output;
    private CommandLine commandLine;

    private BatchManager(Output output) {
        this.output = output;
    }

    Output output() {
        return output;
    }

    /** Without an action: the usage. */
    @Override
    public Integer call() {
        commandLine.usage(output.out());
        return ExitCodes.OK;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line and answers its exit code; the streams are the program's standard output and error. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        BatchManager root = new BatchManager(new Output(out, err));
        CommandLine commandLine = new CommandLine(root);
        root.commandLine = commandLine;
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setUsageHelpWidth(100);
        commandLine.setParameterExceptionHandler(root::onParameterError);
        commandLine.setExecutionExceptionHandler(root::onFailure);
        return commandLine.execute(args);
    }

    /** Parse errors, as Liberty reports them: exit code 20 (missing), 21 (unrecognized) or 22 (bad value). */
    private int onParameterError(ParameterException error, String[] args) {
        CommandLine failed = error.getCommandLine();
        PrintStream err = output.err();
        if (failed.getCommandSpec().userObject() == this) {
            String task = args.length > 0 ? args[0] : "";
            err.println(Messages.format(Messages.UNKNOWN_TASK, task));
            commandLine.usage(err);
            return ExitCodes.UNRECOGNIZED_ARGUMENT;
        }
        err.println();
        int exitCode;
        if (error instanceof CommandLine.MissingParameterException missing) {
            err.println(Messages.format(Messages.ARGUMENT_REQUIRED, names(missing.getMissing())));
            exitCode = ExitCodes.MISSING_ARGUMENT;
        } else if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String argument = unmatched.getUnmatched().isEmpty() ? "" : unmatched.getUnmatched().get(0);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            String suggestion = suggestion(failed, name, unmatched.getSuggestions());
            err.println(suggestion == null ? Messages.format(Messages.ARGUMENT_UNRECOGNIZED, name)
                    : Messages.format(Messages.ARGUMENT_UNRECOGNIZED_EXPECTED, name, suggestion));
            exitCode = ExitCodes.UNRECOGNIZED_ARGUMENT;
        } else if (error.getArgSpec() instanceof OptionSpec option && error.getValue() != null) {
            err.println(Messages.format(Messages.ARGUMENT_INVALID_VALUE, option.longestName(), error.getValue(),
                    acceptable(option)));
            exitCode = ExitCodes.INVALID_ARGUMENT_VALUE;
        } else {
            err.println(error.getMessage());
            exitCode = ExitCodes.INVALID_ARGUMENT_VALUE;
        }
        err.println(Messages.format(Messages.FOR_TASK_USAGE, NAME, failed.getCommandName()));
        err.flush();
        return exitCode;
    }

    /** Failures while running: argument checks of the action (20, 22), unknown ids (23), anything else (255). */
    private int onFailure(Exception failure, CommandLine failed, ParseResult parsed) {
        PrintStream err = output.err();
        err.println();
        int exitCode;
        if (failure instanceof CliException.ArgumentException argument) {
            err.println(argument.getMessage());
            err.println(Messages.format(Messages.FOR_TASK_USAGE, NAME, failed.getCommandName()));
            exitCode = argument.exitCode();
        } else if (failure instanceof CliException known) {
            err.println(Output.timestamp() + " " + Messages.format(Messages.ERROR, known.getMessage()));
            exitCode = known.exitCode();
        } else {
            err.println(Output.timestamp() + " " + Messages.format(Messages.ERROR, failure));
            exitCode = ExitCodes.ERROR;
        }
        err.flush();
        return exitCode;
    }

    /** The option the user probably meant: one that differs only in case, else picocli's nearest. */
    private static String suggestion(CommandLine command, String name, List<String> suggestions) {
        for (String option : command.getCommandSpec().optionsMap().keySet()) {
            if (option.equalsIgnoreCase(name)) {
                return option;
            }
        }
        return suggestions.isEmpty() ? null : suggestions.get(0);
    }

    private static String names(List<ArgSpec> specs) {
        StringBuilder names = new StringBuilder();
        for (ArgSpec spec : specs) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel());
        }
        return names.toString();
    }

    private static String acceptable(OptionSpec option) {
        Class<?> type = option.auxiliaryTypes().length > 0 && Map.class.isAssignableFrom(option.type())
                ? Map.class : option.type();
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "key=value";
        }
        if (type == Path.class) {
            return "a file name";
        }
        return option.paramLabel();
    }

}
