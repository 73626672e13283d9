package io.batchrest.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "getJobLog", description = "Download the joblog for a batch job.", sortOptions = false,
        customSynopsis = "batchManager getJobLog [options]",
        synopsisHeading = "Usage:%n  ", descriptionHeading = "%nDescription:%n", optionListHeading = "%nOptions:%n")
final class GetJobLogCommand extends BatchCommand {

    static final List<String> TYPES = List.of("text", "zip");
    private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?",
            Pattern.CASE_INSENSITIVE);

    @Option(names = "--jobInstanceId", paramLabel = "jobInstanceId", description = "Download the joblog for the "
            + "given job instance. Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobInstanceId;

    @Option(names = "--jobExecutionId", paramLabel = "jobExecutionId", description = "Download the joblog for the "
            + "given job execution. Either --jobInstanceId or --jobExecutionId must be specified.")
    Long jobExecutionId;

    @Option(names = "--outputFile", paramLabel = "outputFile", description = "Path to a local file. The joblog is "
            + "written to this file. If not specified: with --type=text the joblog is written to STDOUT, with "
            + "--type=zip to the file name suggested by the response's Content-Disposition header.")
    Path outputFile;

    @Option(names = "--type", paramLabel = "text|zip", defaultValue = "text",
            description = "Download the joblog as either plain text or as a zip file. Default: ${DEFAULT-VALUE}.")
    String type;

    @Option(names = "--follow", description = "With --type=text: write the joblog as the job writes it, until the "
            + "job execution ends (with --jobInstanceId: the instance's latest execution). A broken connection is "
            + "resumed where it broke.")
    boolean follow;

    @Override
    int run() {
        requireOneOf(jobInstanceId, jobExecutionId);
        String format = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(format)) {
            throw CliException.invalidValue("--type", type, TYPES.toString());
        }
        String resource = jobInstanceId != null ? "jobinstances/" + jobInstanceId : "jobexecutions/" + jobExecutionId;
        if (follow) {
            if (!format.equals("text")) {
                throw CliException.invalidValue("--type", type, "text (a zip cannot be followed)");
            }
            return followTo(resource);
        }
        HttpResponse<InputStream> response = client().jobLog(resource, format);
        Path target = outputFile != null ? outputFile
                : suggestedFile(response.headers().firstValue("Content-Disposition").orElse(null));
        try (InputStream log = response.body()) {
            if (target == null) {
                log.transferTo(output().out());
                output().out().flush();
                return ExitCodes.OK;
            }
            Files.copy(log, target, StandardCopyOption.REPLACE_EXISTING);
            output().info(Messages.JOBLOG_TO_FILE, target.toRealPath());
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "Writing the job log failed: " + e, e);
        }
        return ExitCodes.OK;
    }

    private int followTo(String resource) {
        if (outputFile == null) {
            new JobLogFollowing(client()).copy(resource, output().out());
            return ExitCodes.OK;
        }
        try (OutputStream file = Files.newOutputStream(outputFile)) {
            new JobLogFollowing(client()).copy(resource, file);
            output().info(Messages.JOBLOG_TO_FILE, outputFile.toRealPath());
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "Writing the job log failed: " + e, e);
        }
        return ExitCodes.OK;
    }

    /** The file name of {@code attachment; filename="joblogs.execution.7.zip"}, in the working directory. */
    static Path suggestedFile(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher name = FILENAME.matcher(contentDisposition);
        if (!name.find()) {
            return null;
        }
        Path file = Path.of(name.group(1).strip()).getFileName();
        return file == null || file.toString().equals("..") ? null : file;
    }
}
