package it.cli;

import it.cli.BatchManagerProcess.Result;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static it.cli.BatchManagerProcess.SERVER;
import static it.cli.BatchManagerProcess.TIMESTAMP;
import static it.cli.BatchManagerProcess.closedPort;
import static it.cli.BatchManagerProcess.connectAs;
import static it.cli.CliOutput.assertLine;
import static it.cli.CliOutput.instanceIds;
import static it.cli.CliOutput.latestExecution;
import static it.cli.CliOutput.record;
import static it.cli.CliOutput.withoutLinks;
import static it.cli.CliOutput.zipEntries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-line client ({@code target/batch-rest-cli.jar}) run as a process against the test server: Liberty's
 * batchManager messages and exit codes for submit, stop, restart, status, getJobLog, listJobs and purge.
 */
class BatchManagerCliIT {

    private static final BatchApi ADMIN = BatchApi.as("admin");
    private static final String ROOT = "https://" + SERVER + "/ibm/api/batch/";
    private static final Pattern SUBMITTED = Pattern.compile(TIMESTAMP
            + "CWWKY0101I: Job sleepyBatchlet with instance ID (\\d+) has been submitted\\.");

    @TempDir
    Path directory;

    /** Instances that may still run when a test ends; stopped after it whatever its outcome. */
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsStillRunning() {
        started.forEach(Jobs::stopIfRunning);
    }

    // ------------------------------------------------------------------------------------- submit --wait

    @Test
    void submitWaitOfACompletedJobPrintsLibertysLinesAndExitsWith35() {
        Result result = BatchManagerProcess.run(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=0", "--jobParameter=logLines=1",
                "--wait", "--pollingInterval_s=1"));

        assertEquals(35, result.exitCode(), result::toString);
        assertEquals(4, result.out().size(), result::toString);
        long instanceId = instanceIdOfSubmitted(result);
        JsonObject instance = record(result.out().get(1), "CWWKY0106I: JobInstance:");
        assertEquals("sleepyBatchlet", instance.getString("jobName"));
        assertEquals(instanceId, instance.getJsonNumber("instanceId").longValue());
        assertEquals("batch-rest#batch-rest.war", instance.getString("appName"));
        assertEquals("admin", instance.getString("submitter"));
        assertEquals("sleepyBatchlet", instance.getString("jobXMLName"));
        assertTrue(!instance.containsKey("_links"), "a record has no links");

        JsonObject execution = latestExecution(instanceId);
        assertLine(result.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: COMPLETED. Exit status: COMPLETED");
        assertEquals(withoutLinks(execution), record(result.out().get(3), "CWWKY0107I: JobExecution:"));
        assertEquals("COMPLETED", ADMIN.get("jobinstances/" + instanceId).object().getString("instanceState"));
        assertTrue(result.err().stream().noneMatch(line -> line.contains("Error")), result::toString);
    }

    @Test
    void submitWaitOfAFailingJobExitsWith34() {
        Result result = BatchManagerProcess.run(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=0", "--jobParameter=forceFailure=true",
                "--wait", "--pollingInterval_s=1"));

        assertEquals(34, result.exitCode(), result::toString);
        long instanceId = instanceIdOfSubmitted(result);
        JsonObject execution = latestExecution(instanceId);
        assertEquals("FAILED", execution.getString("batchStatus"));
        assertLine(result.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: FAILED. Exit status: " + execution.getString("exitStatus"));
        assertEquals(withoutLinks(execution), record(result.out().get(3), "CWWKY0107I: JobExecution:"));
    }

    @Test
    void submitWaitOfAJobStoppedMeanwhileExitsWith33AndReportsProgressWhileItWaits() {
        BatchManagerProcess client = BatchManagerProcess.start(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=60", "--wait", "--pollingInterval_s=1"),
                null);
        long instanceId = Long.parseLong(client.awaitOutLine(SUBMITTED).group(1));
        started.add(instanceId);
        long executionId = Jobs.awaitLatestExecution(instanceId, "STARTED").getJsonNumber("executionId").longValue();
        client.awaitErrLine(line -> line.matches(TIMESTAMP + Pattern.quote("Job sleepyBatchlet with instance ID "
                + instanceId + ", execution " + executionId + ": batch status STARTED; checking again in 1 s")),
                "reporting the progress");

        assertEquals(200, ADMIN.put("jobinstances/" + instanceId + "?action=stop").status());
        Result result = client.finish();

        assertEquals(33, result.exitCode(), result::toString);
        assertEquals(4, result.out().size(), result::toString);
        JsonObject execution = latestExecution(instanceId);
        assertEquals("STOPPED", execution.getString("batchStatus"));
        assertLine(result.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: STOPPED. Exit status: " + execution.getString("exitStatus"));
        assertEquals(withoutLinks(execution), record(result.out().get(3), "CWWKY0107I: JobExecution:"));
    }

    @Test
    void returnExitStatusExitsWithTheNumberTheJobsExitStatusStartsWith() {
        Result result = BatchManagerProcess.run(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=0", "--jobParameter=exitStatus=8:bad input",
                "--wait", "--pollingInterval_s=1", "--returnExitStatus"));

        assertEquals(8, result.exitCode(), result::toString);
        assertLine(result.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID "
                + instanceIdOfSubmitted(result) + " has finished. Batch status: COMPLETED. Exit status: 8:bad input");
    }

    @Test
    void anInlineJslFileIsSubmittedAndRunsUnderItsOwnJobName() throws IOException {
        Path jsl = Files.writeString(directory.resolve("cliInline.xml"),
                "<job id=\"cliInline\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                        + "  <step id=\"only\"><batchlet ref=\"loggingBatchlet\"/></step>\n</job>\n");
        Properties parameters = new Properties("logLines=2\n");
        Result result = BatchManagerProcess.run(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLFile=" + jsl, "--jobPropertiesFile=" + parameters.write(directory), "--wait",
                "--pollingInterval_s=1"));

        assertEquals(35, result.exitCode(), result::toString);
        Matcher submitted = Pattern.compile(TIMESTAMP + "CWWKY0101I: Job cliInline with instance ID (\\d+) has been "
                + "submitted\\.").matcher(result.out().get(0));
        assertTrue(submitted.matches(), result::toString);
        long instanceId = Long.parseLong(submitted.group(1));
        assertEquals("", ADMIN.get("jobinstances/" + instanceId).object().getString("jobXMLName"));
        assertEquals(Json.createObjectBuilder().add("logLines", "2").build(),
                latestExecution(instanceId).getJsonObject("jobParameters"));
    }

    @Test
    void stopOnShutdownStopsTheJobWhenTheWaitingClientIsTerminated() {
        BatchManagerProcess client = BatchManagerProcess.start(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=60", "--wait", "--pollingInterval_s=1",
                "--stopOnShutdown"), null);
        long instanceId = Long.parseLong(client.awaitOutLine(SUBMITTED).group(1));
        started.add(instanceId);
        Jobs.awaitLatestExecution(instanceId, "STARTED");
        client.awaitErrLine(line -> line.contains("batch status STARTED"), "showing the job running");

        client.terminate();
        Result result = client.finish();

        CliOutput.assertStoppedOnShutdown(result, instanceId);
    }

    // ------------------------------------------------------------------------------------- job logs

    @Test
    void submitWaitWithGetJobLogPrintsTheJobLogAfterTheJob() {
        Result result = BatchManagerProcess.run(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=0", "--jobParameter=logLines=3",
                "--wait", "--pollingInterval_s=1", "--getJobLog"));

        assertEquals(35, result.exitCode(), result::toString);
        long instanceId = instanceIdOfSubmitted(result);
        assertLine(result.out().get(2), "CWWKY0113I: The joblog for job sleepyBatchlet with instance ID " + instanceId
                + " will be downloaded when the job completes. In the meantime, you may view the joblog by following "
                + "the links here: " + ROOT + "jobinstances/" + instanceId + "/joblogs");
        assertTrue(result.out().get(3).contains("CWWKY0105I"), result::toString);
        assertTrue(result.out().get(4).contains("CWWKY0107I"), result::toString);
        assertLine(result.out().get(5), "CWWKY0114I: The joblog for job sleepyBatchlet with instance ID " + instanceId
                + " is being downloaded via " + ROOT + "jobinstances/" + instanceId + "/joblogs?type=text.");
        String log = ADMIN.get("jobinstances/" + instanceId + "/joblogs?type=text").body();
        assertEquals(log.lines().toList(), result.out().subList(6, result.out().size()));
        assertTrue(log.contains("sleepyBatchlet line 3 of 3"), log);
    }

    @Test
    void getJobLogWritesTheTextToStandardOutputOrToAFile() throws IOException {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "2"));
        Jobs.awaitFinal(instanceId);
        long executionId = latestExecution(instanceId).getJsonNumber("executionId").longValue();

        Result toStdout = BatchManagerProcess.run(adminArgs("getJobLog", "--jobInstanceId=" + instanceId));
        assertEquals(0, toStdout.exitCode(), toStdout::toString);
        String instanceLog = ADMIN.get("jobinstances/" + instanceId + "/joblogs?type=text").body();
        assertEquals(instanceLog.lines().toList(), toStdout.out());
        assertTrue(toStdout.out().get(0).startsWith("xxxxx Begin file: instance." + instanceId + "/execution."
                + executionId + "/part.1.log"), toStdout::toString);
        assertTrue(toStdout.outText().contains("sleepyBatchlet line 2 of 2"), toStdout::toString);

        Path file = directory.resolve("execution.log");
        Result toFile = BatchManagerProcess.run(adminArgs("getJobLog", "--jobExecutionId=" + executionId,
                "--outputFile=" + file));
        assertEquals(0, toFile.exitCode(), toFile::toString);
        assertEquals(1, toFile.out().size(), toFile::toString);
        assertLine(toFile.out().get(0), "CWWKY0111I: The joblog was written to file " + file.toRealPath());
        String executionLog = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(ADMIN.get("jobexecutions/" + executionId + "/joblogs?type=text").body(), executionLog);
        assertTrue(executionLog.contains("sleepyBatchlet line 1 of 2"), executionLog);
    }

    @Test
    void getJobLogAsZipIsSavedUnderTheServersFileNameUnlessAnOutputFileIsGiven() throws IOException {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "2"));
        Jobs.awaitFinal(instanceId);
        long executionId = latestExecution(instanceId).getJsonNumber("executionId").longValue();

        Result suggested = BatchManagerProcess.start(adminArgs("getJobLog", "--jobInstanceId=" + instanceId,
                "--type=zip"), directory).finish();
        assertEquals(0, suggested.exitCode(), suggested::toString);
        Path zip = directory.resolve("joblogs.sleepyBatchlet.instance." + instanceId + ".zip");
        assertLine(suggested.out().get(0), "CWWKY0111I: The joblog was written to file " + zip.toRealPath());
        assertEquals(List.of("instance." + instanceId + "/execution." + executionId + "/part.1.log"),
                zipEntries(zip));

        Path named = directory.resolve("named.zip");
        Result given = BatchManagerProcess.run(adminArgs("getJobLog", "--jobExecutionId=" + executionId, "--type=zip",
                "--outputFile=" + named));
        assertEquals(0, given.exitCode(), given::toString);
        assertEquals(List.of("execution." + executionId + "/part.1.log"), zipEntries(named));
    }

    @Test
    void getJobLogFollowPrintsTheLogWhileTheJobRunsAndEndsWithIt() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "5", "logLines", "4"));
        Jobs.awaitLatestExecution(instanceId, "STARTED");

        BatchManagerProcess client = BatchManagerProcess.start(adminArgs("getJobLog", "--jobInstanceId=" + instanceId,
                "--follow"), null);
        client.awaitOutLine(Pattern.compile(".*sleepyBatchlet line 4 of 4"));
        assertTrue(Jobs.FINAL_STATES.stream().noneMatch(latestExecution(instanceId).getString("batchStatus")::equals),
                "the log is printed while the job runs");
        Result result = client.finish();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(ADMIN.get("jobinstances/" + instanceId + "/joblogs?type=text").body().lines().toList(),
                result.out());
        assertEquals(22, BatchManagerProcess.run(adminArgs("getJobLog", "--jobInstanceId=" + instanceId,
                "--follow", "--type=zip")).exitCode());
    }

    @Test
    void submitWaitGetJobLogFollowPrintsTheLogAsTheJobRunsThenTheEnd() {
        BatchManagerProcess client = BatchManagerProcess.start(adminArgs("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=4", "--jobParameter=logLines=3",
                "--wait", "--getJobLog", "--follow"), null);
        long instanceId = Long.parseLong(client.awaitOutLine(SUBMITTED).group(1));
        client.awaitOutLine(Pattern.compile(".*sleepyBatchlet line 3 of 3"));
        assertTrue(Jobs.FINAL_STATES.stream().noneMatch(latestExecution(instanceId).getString("batchStatus")::equals),
                "the log is printed while the job runs");
        Result result = client.finish();

        assertEquals(35, result.exitCode(), result::toString);
        assertLine(result.out().get(2), "CWWKY0114I: The joblog for job sleepyBatchlet with instance ID " + instanceId
                + " is being downloaded via " + ROOT + "jobinstances/" + instanceId
                + "/joblogs?type=text&follow=true.");
        List<String> log = ADMIN.get("jobinstances/" + instanceId + "/joblogs?type=text").body().lines().toList();
        assertEquals(log, result.out().subList(3, 3 + log.size()));
        assertTrue(result.out().get(3 + log.size()).contains("CWWKY0105I"), result::toString);
        assertTrue(result.out().get(4 + log.size()).contains("CWWKY0107I"), result::toString);
    }

    // ------------------------------------------------------------------------------------- failover, errors

    @Test
    void aBatchManagerThatCannotBeReachedFailsOverToTheNext() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        Jobs.awaitFinal(instanceId);
        int closed = closedPort();

        Result result = BatchManagerProcess.run(List.of("status", "--batchManager=localhost:" + closed + "," + SERVER,
                "--user=admin", "--password=adminpwd", "--trustSslCertificates", "--jobInstanceId=" + instanceId));

        assertEquals(35, result.exitCode(), result::toString);
        assertEquals(3, result.out().size(), result::toString);
        assertTrue(result.out().get(0).matches(TIMESTAMP + Pattern.quote("CWWKY0112I: A request for the batch manager "
                + "at localhost:" + closed + " failed. Forwarding the request to the batch manager at " + SERVER
                + ". The failure was: java.net.ConnectException:") + ".*"), result::toString);
        assertEquals(instanceId, record(result.out().get(1), "CWWKY0106I: JobInstance:")
                .getJsonNumber("instanceId").longValue());
    }

    @Test
    void argumentErrorsExitWithLibertysCodesAndMessages() {
        Result missing = BatchManagerProcess.run(List.of("submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet"));
        assertEquals(20, missing.exitCode(), missing::toString);
        assertEquals(List.of("", "Missing required argument: --batchManager.",
                "For task description and usage: batchManager help submit"), missing.err());

        Result unrecognized = BatchManagerProcess.run(adminArgs("listJobs", "--pagesize=5"));
        assertEquals(21, unrecognized.exitCode(), unrecognized::toString);
        assertEquals(List.of("", "Unrecognized argument: --pagesize. Perhaps you meant: --pageSize.",
                "For task description and usage: batchManager help listJobs"), unrecognized.err());

        Result invalid = BatchManagerProcess.run(adminArgs("stop", "--jobExecutionId=latest"));
        assertEquals(22, invalid.exitCode(), invalid::toString);
        assertEquals(List.of("", "Unacceptable value for argument: --jobExecutionId=latest. Acceptable values: an "
                + "integer.", "For task description and usage: batchManager help stop"), invalid.err());
        assertEquals(List.of(), invalid.out());
    }

    @Test
    void anUnknownInstanceExitsWith23AndOtherFailuresWith255() {
        Result unknown = BatchManagerProcess.run(adminArgs("status", "--jobInstanceId=987654321"));
        assertEquals(23, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().get(1).matches(TIMESTAMP + Pattern.quote("Error: CWWKY0151E: No job instance found "
                + "for instance id 987654321. (HTTP status 404)")), unknown::toString);

        Result unreachable = BatchManagerProcess.run(List.of("listJobs", "--batchManager=localhost:" + closedPort(),
                "--user=admin", "--password=adminpwd", "--trustSslCertificates"));
        assertEquals(255, unreachable.exitCode(), unreachable::toString);
        assertTrue(unreachable.err().get(1).contains("Error: The batch manager at localhost:"), unreachable::toString);

        Result badPassword = BatchManagerProcess.run(List.of("listJobs", "--batchManager=" + SERVER, "--user=admin",
                "--password=wrong", "--trustSslCertificates"));
        assertEquals(255, badPassword.exitCode(), badPassword::toString);
        assertTrue(badPassword.err().get(1).endsWith("(HTTP status 401)"), badPassword::toString);

        Result untrusted = BatchManagerProcess.run(List.of("listJobs", "--batchManager=" + SERVER, "--user=admin",
                "--password=adminpwd"));
        assertEquals(255, untrusted.exitCode(), untrusted::toString);
        assertTrue(untrusted.err().get(1).contains("javax.net.ssl.SSLHandshakeException"), untrusted::toString);
    }

    // ------------------------------------------------------------------------------------- restart, stop, status

    @Test
    void restartWaitReusesThePreviousParametersAndExitsWithTheNewBatchStatus() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "logLines", "1", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        Result result = BatchManagerProcess.run(adminArgs("restart", "--jobInstanceId=" + instanceId,
                "--reusePreviousParams", "--jobParameter=forceFailure=false", "--wait", "--pollingInterval_s=1"));

        assertEquals(35, result.exitCode(), result::toString);
        assertEquals(4, result.out().size(), result::toString);
        assertLine(result.out().get(0), "CWWKY0102I: A restart request has been submitted for job sleepyBatchlet with "
                + "instance ID " + instanceId + ".");
        assertEquals(instanceId, record(result.out().get(1), "CWWKY0106I: JobInstance:")
                .getJsonNumber("instanceId").longValue());
        assertLine(result.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: COMPLETED. Exit status: COMPLETED");
        JsonObject execution = record(result.out().get(3), "CWWKY0107I: JobExecution:");
        assertEquals(withoutLinks(latestExecution(instanceId)), execution);
        assertEquals(Json.createObjectBuilder().add("sleepSeconds", "0").add("logLines", "1")
                .add("forceFailure", "false").build(), execution.getJsonObject("jobParameters"));

        Result status = BatchManagerProcess.run(adminArgs("status", "--jobInstanceId=" + instanceId));
        assertEquals(35, status.exitCode(), status::toString);
        JsonArray executions = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array();
        assertEquals(3, status.out().size(), status::toString);
        assertEquals(withoutLinks(ADMIN.get("jobinstances/" + instanceId).object()),
                record(status.out().get(0), "CWWKY0106I: JobInstance:"));
        assertEquals(withoutLinks(executions.getJsonObject(0)), record(status.out().get(1), "CWWKY0107I: JobExecution:"));
        assertEquals(withoutLinks(executions.getJsonObject(1)), record(status.out().get(2), "CWWKY0107I: JobExecution:"));

        long firstExecution = executions.getJsonObject(1).getJsonNumber("executionId").longValue();
        Result byExecution = BatchManagerProcess.run(adminArgs("status", "--jobExecutionId=" + firstExecution));
        assertEquals(35, byExecution.exitCode(), byExecution::toString);
        assertEquals(status.out().subList(1, 3).stream().map(line -> line.substring(line.indexOf("CWWKY"))).toList(),
                byExecution.out().subList(1, 3).stream().map(line -> line.substring(line.indexOf("CWWKY"))).toList());

        Result again = BatchManagerProcess.run(adminArgs("restart", "--jobInstanceId=" + instanceId));
        assertEquals(255, again.exitCode(), again::toString);
        assertTrue(again.err().get(1).endsWith("cannot be restarted because it is already complete. (HTTP status 409)"),
                again::toString);
    }

    @Test
    void stopWaitStopsARunningJobAndExitsWith33() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "60"));
        started.add(instanceId);
        Jobs.awaitLatestExecution(instanceId, "STARTED");

        Result result = BatchManagerProcess.run(adminArgs("stop", "--jobInstanceId=" + instanceId, "--wait",
                "--pollingInterval_s=1"));

        assertEquals(33, result.exitCode(), result::toString);
        assertEquals(3, result.out().size(), result::toString);
        assertLine(result.out().get(0), "CWWKY0104I: A stop request has been submitted for job sleepyBatchlet with "
                + "instance ID " + instanceId + ".");
        JsonObject execution = latestExecution(instanceId);
        assertLine(result.out().get(1), "CWWKY0103I: Job sleepyBatchlet with instance ID " + instanceId
                + " has stopped. Batch status: STOPPED. Exit status: " + execution.getString("exitStatus"));
        assertEquals(withoutLinks(execution), record(result.out().get(2), "CWWKY0107I: JobExecution:"));
    }

    // ------------------------------------------------------------------------------------- listJobs, purge

    @Test
    void listJobsPrintsOneRecordPerMatchingInstanceNewestFirst() {
        String tag = UUID.randomUUID().toString();
        long first = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "cliTag", tag));
        long second = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "cliTag", tag));
        long failed = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "cliTag", tag, "forceFailure", "true"));
        Jobs.awaitFinal(first);
        Jobs.awaitFinal(second);
        Jobs.awaitFinal(failed);

        Result all = BatchManagerProcess.run(adminArgs("listJobs", "--jobParameter=cliTag=" + tag));
        assertEquals(0, all.exitCode(), all::toString);
        JsonArray expected = ADMIN.get("v4/jobinstances?jobParameter.cliTag=" + tag).array();
        assertEquals(3, all.out().size(), all::toString);
        for (int i = 0; i < 3; i++) {
            assertEquals(withoutLinks(expected.getJsonObject(i)), record(all.out().get(i), "CWWKY0106I: JobInstance:"));
        }
        assertEquals(List.of(failed, second, first), instanceIds(all));

        Result completed = BatchManagerProcess.run(adminArgs("listJobs", "--jobParameter=cliTag=" + tag,
                "--instanceState=COMPLETED", "--jobInstanceId=" + first + ":" + failed, "--submitter=adm*",
                "--jobName=sleepyBatchlet"));
        assertEquals(List.of(second, first), instanceIds(completed), completed::toString);

        Result paged = BatchManagerProcess.run(adminArgs("listJobs", "--jobParameter=cliTag=" + tag, "--page=1",
                "--pageSize=2"));
        assertEquals(List.of(first), instanceIds(paged), paged::toString);

        Result failedOnly = BatchManagerProcess.run(adminArgs("listJobs", "--jobInstanceId=" + first + ","
                + failed, "--exitStatus=FAIL*"));
        assertEquals(List.of(failed), instanceIds(failedOnly), failedOnly::toString);
    }

    @Test
    void purgeOfOneInstanceAndOfASelection() {
        String tag = UUID.randomUUID().toString();
        long single = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "cliTag", tag));
        long first = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "cliTag", tag));
        long second = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "cliTag", tag));
        List.of(single, first, second).forEach(Jobs::awaitFinal);

        Result one = BatchManagerProcess.run(adminArgs("purge", "--jobInstanceId=" + single));
        assertEquals(0, one.exitCode(), one::toString);
        assertEquals(1, one.out().size(), one::toString);
        assertLine(one.out().get(0), "CWWKY0115I: Job sleepyBatchlet with instance ID " + single
                + " has been successfully purged.");
        assertEquals(404, ADMIN.get("jobinstances/" + single).status());

        Result selection = BatchManagerProcess.run(adminArgs("purge", "--jobParameter=cliTag=" + tag,
                "--instanceState=COMPLETED"));
        assertEquals(0, selection.exitCode(), selection::toString);
        assertEquals(2, selection.out().size(), selection::toString);
        assertLine(selection.out().get(0), "CWWKY0117I: Attempt to purge job with instance id " + second
                + " returned status: COMPLETED. Message: Successful purge. RedirectUrl: ");
        assertLine(selection.out().get(1), "CWWKY0117I: Attempt to purge job with instance id " + first
                + " returned status: COMPLETED. Message: Successful purge. RedirectUrl: ");
        assertEquals(404, ADMIN.get("jobinstances/" + first).status());
        assertEquals(404, ADMIN.get("jobinstances/" + second).status());

        Result gone = BatchManagerProcess.run(adminArgs("purge", "--jobInstanceId=" + single));
        assertEquals(23, gone.exitCode(), gone::toString);
    }

    @Test
    void aSubmitterListsOnlyTheirOwnInstancesAndAMonitorCannotPurge() {
        String tag = UUID.randomUUID().toString();
        long own = Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0", "cliTag", tag));
        long other = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "cliTag", tag));
        Jobs.awaitFinal(own);
        Jobs.awaitFinal(other);

        Result listed = BatchManagerProcess.run(withConnection("submitter1", "listJobs", "--jobParameter=cliTag=" + tag));
        assertEquals(List.of(own), instanceIds(listed), listed::toString);

        Result refused = BatchManagerProcess.run(withConnection("monitor", "purge", "--jobInstanceId=" + own));
        assertEquals(255, refused.exitCode(), refused::toString);
        assertTrue(refused.err().get(1).endsWith("(HTTP status 403)"), refused::toString);
        assertEquals(200, ADMIN.get("jobinstances/" + own).status());
    }

    // ------------------------------------------------------------------------------------- helpers

    private static List<String> adminArgs(String action, String... options) {
        return withConnection("admin", action, options);
    }

    private static List<String> withConnection(String user, String action, String... options) {
        List<String> args = new ArrayList<>();
        args.add(action);
        args.addAll(connectAs(user));
        args.addAll(List.of(options));
        return args;
    }

    private static long instanceIdOfSubmitted(Result result) {
        Matcher submitted = SUBMITTED.matcher(result.out().get(0));
        assertTrue(submitted.matches(), result::toString);
        long instanceId = Long.parseLong(submitted.group(1));
        assertLine(result.out().get(0), "CWWKY0101I: Job sleepyBatchlet with instance ID " + instanceId
                + " has been submitted.");
        return instanceId;
    }

    /** A job parameters file. */
    private record Properties(String content) {
        Path write(Path directory) throws IOException {
            return Files.writeString(directory.resolve("job.properties"), content, StandardCharsets.UTF_8);
        }
    }
}
