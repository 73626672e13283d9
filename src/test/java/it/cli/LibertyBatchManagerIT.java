package it.cli;

import it.cli.BatchManagerProcess.Result;
import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.Jobs;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static it.cli.BatchManagerProcess.SERVER;
import static it.cli.BatchManagerProcess.TIMESTAMP;
import static it.cli.BatchManagerProcess.connectAs;
import static it.cli.CliOutput.assertLine;
import static it.cli.CliOutput.instanceIds;
import static it.cli.CliOutput.latestExecution;
import static it.cli.CliOutput.record;
import static it.cli.CliOutput.withoutLinks;
import static it.cli.CliOutput.zipEntries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Open Liberty's own command-line client, {@code bin/batchManager} of the Liberty install the build creates, run as
 * a process against batch-rest: every action, and the options and filters it sends, with its exit codes and its
 * {@code CWWKY01xxI} messages as Liberty's client prints them against Liberty's own batch API. Unlike
 * {@link BatchManagerCliIT}, nothing here is batch-rest's code on the client side: what the client cannot read
 * (a shape, a status, a query it sends unencoded) fails here.
 */
class LibertyBatchManagerIT {

    private static final BatchApi ADMIN = BatchApi.as("admin");
    /** Liberty's client always addresses the API at this context root. */
    private static final String ROOT = "https://" + SERVER + "/ibm/api/batch/";
    private static final String INSTANCE_RECORD = "CWWKY0106I: JobInstance:";
    private static final String EXECUTION_RECORD = "CWWKY0107I: JobExecution:";

    @TempDir
    Path directory;

    /** Instances that may still run when a test ends; stopped after it whatever its outcome. */
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsStillRunning() {
        started.forEach(Jobs::stopIfRunning);
    }

    // ------------------------------------------------------------------------------------- submit

    @Test
    void submitOfAPackagedJobWaitsAndPrintsTheJobLog() {
        Result result = liberty("admin", "submit", "--applicationName=batch-rest", "--jobXMLName=sleepyBatchlet",
                "--jobParameter=sleepSeconds=0", "--jobParameter=logLines=2", "--wait", "--pollingInterval_s=1",
                "--getJobLog");

        assertEquals(35, result.exitCode(), result::toString);
        long instanceId = submitted(result, "sleepyBatchlet");
        JsonObject instance = record(result.out().get(1), INSTANCE_RECORD);
        assertEquals(instanceId, instance.getJsonNumber("instanceId").longValue());
        assertEquals("batch-rest#batch-rest.war", instance.getString("appName"));
        assertEquals("admin", instance.getString("submitter"));
        assertEquals("sleepyBatchlet", instance.getString("jobXMLName"));
        assertEquals(withoutLinks(ADMIN.get("jobinstances/" + instanceId).object()).keySet(), instance.keySet());
        assertLine(result.out().get(2), "CWWKY0113I: The joblog for job sleepyBatchlet with instance ID " + instanceId
                + " will be downloaded when the job completes. In the meantime, you may view the joblog by following "
                + "the links here: " + ROOT + "jobinstances/" + instanceId + "/joblogs");
        assertLine(result.out().get(3), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: COMPLETED. Exit status: COMPLETED");
        JsonObject execution = record(result.out().get(4), EXECUTION_RECORD);
        assertEquals(withoutLinks(latestExecution(instanceId)), execution);
        assertEquals(Json.createObjectBuilder().add("sleepSeconds", "0").add("logLines", "2").build(),
                execution.getJsonObject("jobParameters"));
        assertLine(result.out().get(5), "CWWKY0114I: The joblog for job sleepyBatchlet with instance ID " + instanceId
                + " is being downloaded via " + ROOT + "jobinstances/" + instanceId + "/joblogs?type=text.");
        String log = ADMIN.get("jobinstances/" + instanceId + "/joblogs?type=text").body();
        assertTrue(log.contains("sleepyBatchlet line 2 of 2"), log);
        assertEquals(log.lines().toList(), result.out().subList(6, result.out().size()));
        assertEquals(List.of(), result.err());
    }

    @Test
    void submitOfInlineJslWithAPropertiesFileAndParametersThatOverrideIt() throws IOException {
        Path jsl = Files.writeString(directory.resolve("libertyInline.xml"),
                "<job id=\"libertyInline\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                        + "  <step id=\"only\"><batchlet ref=\"loggingBatchlet\"/></step>\n</job>\n");
        Path properties = Files.writeString(directory.resolve("job.properties"), "logLines=2\nsleepSeconds=30\n");

        Result result = liberty("admin", "submit", "--applicationName=batch-rest", "--jobXMLFile=" + jsl,
                "--jobPropertiesFile=" + properties, "--jobParameter=sleepSeconds=0", "--wait",
                "--pollingInterval_s=1");

        assertEquals(35, result.exitCode(), result::toString);
        assertEquals(4, result.out().size(), result::toString);
        long instanceId = submitted(result, "libertyInline");
        JsonObject instance = record(result.out().get(1), INSTANCE_RECORD);
        assertEquals("libertyInline", instance.getString("jobName"));
        assertEquals("", instance.getString("jobXMLName"));
        assertLine(result.out().get(2), "CWWKY0105I: Job libertyInline with instance ID " + instanceId
                + " has finished. Batch status: COMPLETED. Exit status: COMPLETED");
        JsonObject execution = record(result.out().get(3), EXECUTION_RECORD);
        assertEquals(withoutLinks(latestExecution(instanceId)), execution);
        assertEquals(Json.createObjectBuilder().add("logLines", "2").add("sleepSeconds", "0").build(),
                execution.getJsonObject("jobParameters"));
    }

    @Test
    void returnExitStatusExitsWithTheNumberOfTheJobsExitStatusOrItsBatchStatus() {
        Result numbered = liberty("admin", "submit", "--applicationName=batch-rest", "--jobXMLName=sleepyBatchlet",
                "--jobParameter=sleepSeconds=0", "--jobParameter=exitStatus=8:bad input", "--wait",
                "--pollingInterval_s=1", "--returnExitStatus");
        assertEquals(8, numbered.exitCode(), numbered::toString);
        assertLine(numbered.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID "
                + submitted(numbered, "sleepyBatchlet") + " has finished. Batch status: COMPLETED. Exit status: "
                + "8:bad input");

        Result failed = liberty("admin", "submit", "--applicationName=batch-rest", "--jobXMLName=sleepyBatchlet",
                "--jobParameter=sleepSeconds=0", "--jobParameter=forceFailure=true", "--wait",
                "--pollingInterval_s=1", "--returnExitStatus");
        // The exit status FAILED is a batch status name: the batch status code, 30 + FAILED's ordinal.
        assertEquals(34, failed.exitCode(), failed::toString);
        long instanceId = submitted(failed, "sleepyBatchlet");
        assertEquals("FAILED", latestExecution(instanceId).getString("exitStatus"));
        assertLine(failed.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: FAILED. Exit status: FAILED");
    }

    @Test
    void aRestartTokenFileRestartsTheFailedInstanceOnTheNextSubmit() throws IOException {
        // Liberty's client reads the token file before it submits: it must exist.
        Path token = Files.writeString(directory.resolve("restart.token"), "");
        Result first = liberty("admin", "submit", "--moduleName=batch-rest.war", "--jobXMLName=sleepyBatchlet",
                "--jobParameter=sleepSeconds=0", "--jobParameter=forceFailure=true", "--restartTokenFile=" + token,
                "--wait", "--pollingInterval_s=1");
        assertEquals(34, first.exitCode(), first::toString);
        long instanceId = submitted(first, "sleepyBatchlet");
        assertEquals("restartJob=" + instanceId, Files.readString(token));

        Result second = liberty("admin", "submit", "--moduleName=batch-rest.war", "--jobXMLName=sleepyBatchlet",
                "--jobParameter=sleepSeconds=0", "--jobParameter=forceFailure=false", "--restartTokenFile=" + token,
                "--wait", "--pollingInterval_s=1");

        assertEquals(35, second.exitCode(), second::toString);
        assertEquals(4, second.out().size(), second::toString);
        assertLine(second.out().get(0), "CWWKY0102I: A restart request has been submitted for job sleepyBatchlet with "
                + "instance ID " + instanceId + ".");
        assertEquals(instanceId, record(second.out().get(1), INSTANCE_RECORD).getJsonNumber("instanceId").longValue());
        assertLine(second.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: COMPLETED. Exit status: COMPLETED");
        assertEquals(2, ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array().size());
        assertEquals("", Files.readString(token), "a completed instance is not restarted again");
    }

    @Test
    void stopOnShutdownStopsTheJobWhenTheWaitingClientIsTerminated() {
        BatchManagerProcess client = BatchManagerProcess.startLiberty(withConnection("admin", "submit",
                "--applicationName=batch-rest", "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=60",
                "--wait", "--pollingInterval_s=1", "--stopOnShutdown", "--verbose"), null);
        long instanceId = Long.parseLong(client.awaitOutLine(Pattern.compile(TIMESTAMP
                + "CWWKY0101I: Job sleepyBatchlet with instance ID ([\\d,]+) has been submitted\\.")).group(1)
                .replace(",", ""));
        started.add(instanceId);
        Jobs.awaitLatestExecution(instanceId, "STARTED");
        // The client registers its shutdown hook before it starts waiting, which --verbose shows at every poll.
        client.awaitOutLine(Pattern.compile(TIMESTAMP + Pattern.quote("CWWKY0108I: Waiting for termination of "
                + "JobExecution:") + ".*\"batchStatus\":\"STARTED\".*"));

        client.terminate();
        Result result = client.finish();

        CliOutput.assertStoppedOnShutdown(result, instanceId);
    }

    // ------------------------------------------------------------------------------------- status, stop, restart

    @Test
    void statusStopAndRestartByInstanceAndByExecution() {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "60", "logLines", "1"));
        started.add(instanceId);
        long firstExecution = Jobs.awaitLatestExecution(instanceId, "STARTED").getJsonNumber("executionId")
                .longValue();

        Result running = liberty("admin", "status", "--jobInstanceId=" + instanceId);
        assertEquals(31, running.exitCode(), running::toString);
        assertEquals(2, running.out().size(), running::toString);
        assertEquals(instanceId, record(running.out().get(0), INSTANCE_RECORD).getJsonNumber("instanceId")
                .longValue());
        assertEquals("STARTED", record(running.out().get(1), EXECUTION_RECORD).getString("batchStatus"));

        Result stopByExecution = liberty("admin", "stop", "--jobExecutionId=" + firstExecution);
        assertEquals(0, stopByExecution.exitCode(), stopByExecution::toString);
        assertEquals(1, stopByExecution.out().size(), stopByExecution::toString);
        assertLine(stopByExecution.out().get(0), "CWWKY0104I: A stop request has been submitted for job "
                + "sleepyBatchlet with instance ID " + instanceId + ".");
        assertEquals("STOPPED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        Result restartByExecution = liberty("admin", "restart", "--jobExecutionId=" + firstExecution,
                "--reusePreviousParams");
        assertEquals(0, restartByExecution.exitCode(), restartByExecution::toString);
        assertEquals(2, restartByExecution.out().size(), restartByExecution::toString);
        assertLine(restartByExecution.out().get(0), "CWWKY0102I: A restart request has been submitted for job "
                + "sleepyBatchlet with instance ID " + instanceId + ".");
        assertEquals(instanceId, record(restartByExecution.out().get(1), INSTANCE_RECORD)
                .getJsonNumber("instanceId").longValue());
        JsonObject secondExecution = Jobs.await(() -> {
            JsonObject latest = latestExecution(instanceId);
            return latest.getJsonNumber("executionId").longValue() != firstExecution
                    && "STARTED".equals(latest.getString("batchStatus")) ? latest : null;
        }, "the restarted execution to run");
        assertEquals("60", secondExecution.getJsonObject("jobParameters").getString("sleepSeconds"));

        Result stopWait = liberty("admin", "stop", "--jobInstanceId=" + instanceId, "--wait", "--pollingInterval_s=1");
        assertEquals(33, stopWait.exitCode(), stopWait::toString);
        assertEquals(3, stopWait.out().size(), stopWait::toString);
        assertLine(stopWait.out().get(0), "CWWKY0104I: A stop request has been submitted for job sleepyBatchlet with "
                + "instance ID " + instanceId + ".");
        JsonObject stopped = latestExecution(instanceId);
        assertLine(stopWait.out().get(1), "CWWKY0103I: Job sleepyBatchlet with instance ID " + instanceId
                + " has stopped. Batch status: STOPPED. Exit status: " + stopped.getString("exitStatus"));
        assertEquals(withoutLinks(stopped), record(stopWait.out().get(2), EXECUTION_RECORD));

        Result restartWait = liberty("admin", "restart", "--jobInstanceId=" + instanceId, "--reusePreviousParams",
                "--jobParameter=sleepSeconds=0", "--wait", "--pollingInterval_s=1");
        assertEquals(35, restartWait.exitCode(), restartWait::toString);
        assertEquals(4, restartWait.out().size(), restartWait::toString);
        assertLine(restartWait.out().get(0), "CWWKY0102I: A restart request has been submitted for job sleepyBatchlet "
                + "with instance ID " + instanceId + ".");
        assertLine(restartWait.out().get(2), "CWWKY0105I: Job sleepyBatchlet with instance ID " + instanceId
                + " has finished. Batch status: COMPLETED. Exit status: COMPLETED");
        JsonObject completed = record(restartWait.out().get(3), EXECUTION_RECORD);
        assertEquals(withoutLinks(latestExecution(instanceId)), completed);
        assertEquals(Json.createObjectBuilder().add("sleepSeconds", "0").add("logLines", "1").build(),
                completed.getJsonObject("jobParameters"));

        Result status = liberty("admin", "status", "--jobExecutionId=" + firstExecution);
        assertEquals(35, status.exitCode(), status::toString);
        JsonArray executions = ADMIN.get("jobinstances/" + instanceId + "/jobexecutions").array();
        assertEquals(3, executions.size());
        assertEquals(4, status.out().size(), status::toString);
        assertEquals(withoutLinks(ADMIN.get("jobinstances/" + instanceId).object()),
                record(status.out().get(0), INSTANCE_RECORD));
        for (int i = 0; i < 3; i++) {
            assertEquals(withoutLinks(executions.getJsonObject(i)), record(status.out().get(i + 1), EXECUTION_RECORD));
        }

        Result again = liberty("admin", "restart", "--jobInstanceId=" + instanceId);
        assertEquals(255, again.exitCode(), again::toString);
        assertError(again, "Server returned HTTP response code: 409 for URL: " + ROOT + "jobinstances/" + instanceId
                + "?", "cannot be restarted because it is already complete.");
    }

    // ------------------------------------------------------------------------------------- listJobs

    @Test
    void listJobsWithoutFiltersPrintsLibertysFirstApiPage() {
        long newest = finishedJob(Map.of());

        Result result = liberty("admin", "listJobs", "--page=0", "--pageSize=3");

        assertEquals(0, result.exitCode(), result::toString);
        JsonArray page = ADMIN.get("jobinstances?page=0&pageSize=3").array();
        assertEquals(3, result.out().size(), result::toString);
        assertEquals(newest, instanceIds(result).get(0));
        for (int i = 0; i < 3; i++) {
            assertEquals(withoutLinks(page.getJsonObject(i)), record(result.out().get(i), INSTANCE_RECORD));
        }
        Result second = liberty("admin", "listJobs", "--page=1", "--pageSize=1");
        assertEquals(List.of(page.getJsonObject(1).getJsonNumber("instanceId").longValue()), instanceIds(second),
                second::toString);
    }

    @Test
    void listJobsByInstanceIdsStatesExitStatusAndPage() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long first = finishedJob(Map.of("exitStatus", "T" + tag + ":ok"));
        long second = finishedJob(Map.of("exitStatus", "T" + tag + ":ok"));
        long failed = finishedJob(Map.of("forceFailure", "true"));
        long stopped = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "60"));
        started.add(stopped);
        Jobs.awaitLatestExecution(stopped, "STARTED");
        assertEquals(200, ADMIN.put("jobinstances/" + stopped + "?action=stop").status());
        Jobs.awaitFinal(stopped);
        String all = "--jobInstanceId=" + first + ":" + stopped;

        Result listed = liberty("admin", "listJobs", "--jobInstanceId=" + first + "," + failed);
        assertEquals(0, listed.exitCode(), listed::toString);
        assertEquals(List.of(failed, first), instanceIds(listed), listed::toString);
        assertEquals(withoutLinks(ADMIN.get("jobinstances/" + failed).object()),
                record(listed.out().get(0), INSTANCE_RECORD));

        assertListed(List.of(stopped, failed, second, first), all);
        assertListed(List.of(failed, second), "--jobInstanceId=" + second + ":" + failed);
        // ">n" and "<n" include n; they reach beyond this test's instances only downwards, hence the exit status.
        assertListed(List.of(stopped, failed), "--jobInstanceId=>" + failed);
        assertListed(List.of(second, first), "--jobInstanceId=<" + second, "--exitStatus=T" + tag + "*");
        assertListed(List.of(stopped, failed), all, "--instanceState=FAILED,STOPPED");
        assertListed(List.of(failed), all, "--instanceState=failed");
        assertListed(List.of(second, first), "--exitStatus=*" + tag + ":ok");
        assertListed(List.of(stopped, failed), all, "--exitStatus=*ED");
        assertListed(List.of(stopped, failed, second), all, "--page=0", "--pageSize=3");
        assertListed(List.of(first), all, "--page=1", "--pageSize=3");
        assertListed(List.of(), all, "--page=2", "--pageSize=3");
    }

    @Test
    void listJobsByCreateTimeDatesRangesAndDaysAgo() {
        ZoneId zone = ZoneId.systemDefault(); // the server's: the build runs both in the same zone
        Instant now = Instant.now();
        long tenDaysAgo = finishedJob(Map.of());
        long fiveDaysAgo = finishedJob(Map.of());
        long twoDaysAgo = finishedJob(Map.of());
        long today = finishedJob(Map.of());
        JobRepositoryFixture.setCreateTime(tenDaysAgo, now.minus(Duration.ofDays(10)));
        JobRepositoryFixture.setCreateTime(fiveDaysAgo, now.minus(Duration.ofDays(5)));
        JobRepositoryFixture.setCreateTime(twoDaysAgo, now.minus(Duration.ofDays(2)));
        String mine = "--jobInstanceId=" + tenDaysAgo + ":" + today;

        assertListed(List.of(today, twoDaysAgo), mine, "--createTime=>3d");
        assertListed(List.of(fiveDaysAgo, tenDaysAgo), mine, "--createTime=<3d");
        assertListed(List.of(today, twoDaysAgo, fiveDaysAgo, tenDaysAgo), mine, "--createTime=>10d");
        assertListed(List.of(today), mine, "--createTime=>0d");
        assertListed(List.of(fiveDaysAgo), mine, "--createTime=" + day(now, 5, zone));
        assertListed(List.of(twoDaysAgo, fiveDaysAgo, tenDaysAgo), mine,
                "--createTime=" + day(now, 10, zone) + ":" + day(now, 2, zone));
        assertListed(List.of(today), mine, "--createTime=" + day(now, 0, zone), "--instanceState=COMPLETED",
                "--exitStatus=COMPLETED");
    }

    // ------------------------------------------------------------------------------------- purge

    @Test
    void purgeOfOneInstanceDeletesItsLogsUnlessPurgeJobStoreOnly() {
        long withLogs = finishedJob(Map.of());
        long storeOnly = finishedJob(Map.of());
        Path logsOfWithLogs = Path.of(latestExecution(withLogs).getString("logpath"));
        Path logsOfStoreOnly = Path.of(latestExecution(storeOnly).getString("logpath"));
        assertTrue(Files.isDirectory(logsOfWithLogs), logsOfWithLogs::toString);

        Result purged = liberty("admin", "purge", "--jobInstanceId=" + withLogs);
        assertEquals(0, purged.exitCode(), purged::toString);
        assertEquals(1, purged.out().size(), purged::toString);
        assertLine(purged.out().get(0), "CWWKY0115I: Job sleepyBatchlet with instance ID " + withLogs
                + " has been successfully purged.");
        assertEquals(404, ADMIN.get("jobinstances/" + withLogs).status());
        assertFalse(Files.exists(logsOfWithLogs), logsOfWithLogs::toString);

        Result keptLogs = liberty("admin", "purge", "--jobInstanceId=" + storeOnly, "--purgeJobStoreOnly");
        assertEquals(0, keptLogs.exitCode(), keptLogs::toString);
        assertLine(keptLogs.out().get(0), "CWWKY0115I: Job sleepyBatchlet with instance ID " + storeOnly
                + " has been successfully purged.");
        assertEquals(404, ADMIN.get("jobinstances/" + storeOnly).status());
        assertTrue(Files.isDirectory(logsOfStoreOnly), logsOfStoreOnly::toString);

        // Liberty's client knows an unknown instance by Liberty's message id in the answer: exit code 23.
        Result gone = liberty("admin", "purge", "--jobInstanceId=" + withLogs);
        assertEquals(23, gone.exitCode(), gone::toString);
        assertEquals(List.of(), gone.out());
        assertEquals(List.of("", ROOT + "jobinstances/" + withLogs + ": "
                + ADMIN.get("jobinstances/" + withLogs).body().lines().toList()), gone.err());
        assertTrue(gone.err().get(1).contains("\"CWWKY0151E: No job instance found for instance id " + withLogs
                + ".\""), gone::toString);
    }

    @Test
    void purgeByFiltersPrintsOneResultPerMatch() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long first = finishedJob(Map.of("exitStatus", "P" + tag));
        long second = finishedJob(Map.of("exitStatus", "P" + tag));
        long third = finishedJob(Map.of());
        long running = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "60"));
        started.add(running);
        Jobs.awaitLatestExecution(running, "STARTED");
        Path logsOfThird = Path.of(latestExecution(third).getString("logpath"));
        String mine = "--jobInstanceId=" + first + ":" + running;

        Result onePage = liberty("admin", "purge", mine, "--exitStatus=P" + tag + "*", "--page=0", "--pageSize=1");
        assertEquals(0, onePage.exitCode(), onePage::toString);
        assertEquals(1, onePage.out().size(), onePage::toString);
        assertPurged(onePage.out().get(0), second);
        assertEquals(404, ADMIN.get("jobinstances/" + second).status());
        assertEquals(200, ADMIN.get("jobinstances/" + first).status());

        Result rest = liberty("admin", "purge", mine, "--createTime=>1d", "--purgeJobStoreOnly");
        assertEquals(0, rest.exitCode(), rest::toString);
        assertEquals(3, rest.out().size(), rest::toString);
        assertLine(rest.out().get(0), "CWWKY0117I: Attempt to purge job with instance id " + running
                + " returned status: STILL_ACTIVE. Message: The specified job instance, " + running
                + ", cannot be purged because it has active job executions. RedirectUrl: ");
        assertPurged(rest.out().get(1), third);
        assertPurged(rest.out().get(2), first);
        assertEquals(200, ADMIN.get("jobinstances/" + running).status());
        assertEquals(404, ADMIN.get("jobinstances/" + third).status());
        assertTrue(Files.isDirectory(logsOfThird), logsOfThird::toString);

        Result stateFilter = liberty("admin", "purge", mine, "--instanceState=COMPLETED");
        assertEquals(0, stateFilter.exitCode(), stateFilter::toString);
        assertEquals(List.of(), stateFilter.out(), "nothing of this test is left to purge");

        Result nothing = liberty("admin", "purge");
        assertEquals(20, nothing.exitCode(), nothing::toString);
        assertEquals(List.of("", "Missing required argument: Must specify at least one of --jobInstanceId, "
                + "--createTime, --instanceState or --exitStatus.", "For task description and usage: batchManager "
                + "help purge"), nothing.err());
    }

    // ------------------------------------------------------------------------------------- getJobLog

    @Test
    void getJobLogAsTextAndZipByInstanceAndByExecution() throws IOException {
        long instanceId = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "logLines", "2", "forceFailure", "true"));
        assertEquals("FAILED", Jobs.awaitFinal(instanceId).getString("instanceState"));
        long firstExecution = latestExecution(instanceId).getJsonNumber("executionId").longValue();
        assertEquals(200, ADMIN.put("jobinstances/" + instanceId + "?action=restart").status());
        long secondExecution = Jobs.await(() -> {
            JsonObject latest = latestExecution(instanceId);
            return latest.getJsonNumber("executionId").longValue() != firstExecution
                    && "COMPLETED".equals(latest.getString("batchStatus")) ? latest : null;
        }, "the restart to complete").getJsonNumber("executionId").longValue();
        assertEquals("COMPLETED", Jobs.awaitFinal(instanceId).getString("instanceState"));

        Result instanceText = liberty("admin", "getJobLog", "--jobInstanceId=" + instanceId);
        assertEquals(0, instanceText.exitCode(), instanceText::toString);
        String text = ADMIN.get("jobinstances/" + instanceId + "/joblogs?type=text").body();
        assertTrue(text.contains("execution." + firstExecution + "/part.1.log")
                && text.contains("execution." + secondExecution + "/part.1.log"), text);
        assertEquals(text.lines().toList(), instanceText.out());

        Result executionText = liberty("admin", "getJobLog", "--jobExecutionId=" + firstExecution, "--type=text");
        assertEquals(0, executionText.exitCode(), executionText::toString);
        assertEquals(ADMIN.get("jobexecutions/" + firstExecution + "/joblogs?type=text").body().lines().toList(),
                executionText.out());

        Path textFile = directory.resolve("execution.txt");
        Result toFile = liberty("admin", "getJobLog", "--jobExecutionId=" + secondExecution,
                "--outputFile=" + textFile);
        assertEquals(0, toFile.exitCode(), toFile::toString);
        assertEquals(1, toFile.out().size(), toFile::toString);
        assertLine(toFile.out().get(0), "CWWKY0111I: The joblog was written to file " + textFile.toRealPath());
        assertEquals(ADMIN.get("jobexecutions/" + secondExecution + "/joblogs?type=text").body(),
                Files.readString(textFile));

        // Without --outputFile a zip goes to the file the answer's Content-Disposition names.
        Result instanceZip = BatchManagerProcess.startLiberty(withConnection("admin", "getJobLog",
                "--jobInstanceId=" + instanceId, "--type=zip"), directory).finish();
        assertEquals(0, instanceZip.exitCode(), instanceZip::toString);
        Path zip = directory.resolve("joblogs.sleepyBatchlet.instance." + instanceId + ".zip");
        assertEquals(1, instanceZip.out().size(), instanceZip::toString);
        assertLine(instanceZip.out().get(0), "CWWKY0111I: The joblog was written to file " + zip.toRealPath());
        assertEquals(List.of("instance." + instanceId + "/execution." + secondExecution + "/part.1.log",
                "instance." + instanceId + "/execution." + firstExecution + "/part.1.log"), zipEntries(zip));

        Path named = directory.resolve("first.zip");
        Result executionZip = liberty("admin", "getJobLog", "--jobExecutionId=" + firstExecution, "--type=zip",
                "--outputFile=" + named);
        assertEquals(0, executionZip.exitCode(), executionZip::toString);
        assertLine(executionZip.out().get(0), "CWWKY0111I: The joblog was written to file " + named.toRealPath());
        assertEquals(List.of("execution." + firstExecution + "/part.1.log"), zipEntries(named));

        Result badType = liberty("admin", "getJobLog", "--jobInstanceId=" + instanceId, "--type=pdf");
        assertEquals(22, badType.exitCode(), badType::toString);
        assertEquals(List.of("", "Unacceptable value for argument: --type=pdf. Acceptable values: [text, zip].",
                "For task description and usage: batchManager help getJobLog"), badType.err());
    }

    // ------------------------------------------------------------------------------------- errors, users

    @Test
    void unknownInstancesArgumentErrorsAndRefusals() {
        Result unknown = liberty("admin", "status", "--jobInstanceId=987654321");
        assertEquals(23, unknown.exitCode(), unknown::toString);
        assertEquals(List.of("", ROOT + "jobinstances/987654321: "
                + ADMIN.get("jobinstances/987654321").body().lines().toList()), unknown.err());

        Result unknownExecution = liberty("admin", "status", "--jobExecutionId=987654321");
        assertEquals(255, unknownExecution.exitCode(), unknownExecution::toString);
        assertError(unknownExecution, ROOT + "jobexecutions/987654321/jobinstance: ",
                "No job execution found for execution id 987654321.");

        Result missing = liberty("admin", "submit", "--jobXMLName=sleepyBatchlet");
        assertEquals(20, missing.exitCode(), missing::toString);
        assertEquals(List.of("", "Missing required argument: --applicationName or --moduleName.",
                "For task description and usage: batchManager help submit"), missing.err());

        Result unrecognized = liberty("admin", "listJobs", "--pagesize=5");
        assertEquals(21, unrecognized.exitCode(), unrecognized::toString);
        assertEquals(List.of("", "Unrecognized argument: --pagesize.",
                "For task description and usage: batchManager help listJobs"), unrecognized.err());

        Result untrusted = BatchManagerProcess.runLiberty(List.of("listJobs", "--batchManager=" + SERVER,
                "--user=admin", "--password=adminpwd"));
        assertEquals(255, untrusted.exitCode(), untrusted::toString);
        assertTrue(untrusted.err().get(2).startsWith("javax.net.ssl.SSLHandshakeException"), untrusted::toString);

        Result badPassword = BatchManagerProcess.runLiberty(List.of("listJobs", "--batchManager=" + SERVER,
                "--user=admin", "--password=wrong", "--trustSslCertificates"));
        assertEquals(255, badPassword.exitCode(), badPassword::toString);
        assertError(badPassword, "Server returned HTTP response code: 401 for URL: " + ROOT + "jobinstances?", "");
    }

    @Test
    void aSubmitterSeesOnlyTheirOwnInstancesAndAMonitorCannotPurge() {
        Result submitted = liberty("submitter1", "submit", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=0", "--wait", "--pollingInterval_s=1");
        assertEquals(35, submitted.exitCode(), submitted::toString);
        long own = submitted(submitted, "sleepyBatchlet");
        assertEquals("submitter1", record(submitted.out().get(1), INSTANCE_RECORD).getString("submitter"));
        long other = finishedJob(Map.of());

        Result listed = liberty("submitter1", "listJobs", "--jobInstanceId=" + own + ":" + other);
        assertEquals(List.of(own), instanceIds(listed), listed::toString);
        Result all = liberty("monitor", "listJobs", "--jobInstanceId=" + own + ":" + other);
        assertEquals(List.of(other, own), instanceIds(all), all::toString);

        Result refused = liberty("monitor", "purge", "--jobInstanceId=" + own);
        assertEquals(255, refused.exitCode(), refused::toString);
        assertError(refused, "Server returned HTTP response code: 403 for URL: " + ROOT + "jobinstances/" + own + "?",
                "User monitor is not authorized to purge job instance " + own + ".");
        assertEquals(200, ADMIN.get("jobinstances/" + own).status());
    }

    // ------------------------------------------------------------------------------------- helpers

    /** Runs Liberty's batchManager as the given development user against the test server. */
    private static Result liberty(String user, String action, String... options) {
        return BatchManagerProcess.runLiberty(withConnection(user, action, options));
    }

    private static List<String> withConnection(String user, String action, String... options) {
        List<String> args = new ArrayList<>();
        args.add(action);
        args.addAll(connectAs(user));
        args.addAll(List.of(options));
        return args;
    }

    /** Checks the CWWKY0101I line of a submission and answers the instance id it names. */
    private static long submitted(Result result, String jobName) {
        Matcher line = Pattern.compile(TIMESTAMP + "CWWKY0101I: Job " + Pattern.quote(jobName)
                + " with instance ID ([\\d,]+) has been submitted\\.").matcher(result.out().get(0));
        assertTrue(line.matches(), result::toString);
        return Long.parseLong(line.group(1).replace(",", ""));
    }

    /** A finished sleepyBatchlet of admin's with these parameters (no sleep, one log line). */
    private static long finishedJob(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(Map.of("sleepSeconds", "0", "logLines", "1"));
        all.putAll(parameters);
        long instanceId = Jobs.submit("admin", "sleepyBatchlet", all);
        Jobs.awaitFinal(instanceId);
        return instanceId;
    }

    /** listJobs with these filters as admin lists exactly these instances, in this order. */
    private static void assertListed(List<Long> expected, String... filters) {
        Result result = liberty("admin", "listJobs", filters);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(expected, instanceIds(result), () -> String.join(" ", filters) + ": " + result);
    }

    private static void assertPurged(String line, long instanceId) {
        assertLine(line, "CWWKY0117I: Attempt to purge job with instance id " + instanceId
                + " returned status: COMPLETED. Message: Successful purge. RedirectUrl: ");
    }

    /**
     * Liberty's client reports any other failure as an empty line, "Error:" with the exception's message (which
     * carries the answer's body), and the stack trace.
     */
    private static void assertError(Result result, String messageStart, String detail) {
        assertEquals("", result.err().get(0), result::toString);
        assertTrue(result.err().get(1).matches(TIMESTAMP + Pattern.quote("Error: " + messageStart) + ".*"),
                result::toString);
        assertTrue(result.err().get(1).contains(detail), result::toString);
        assertEquals(List.of(), result.out());
    }

    /** The server's day (yyyy-MM-dd) of the moment this many days before now. */
    private static String day(Instant now, int daysAgo, ZoneId zone) {
        return LocalDate.ofInstant(now.minus(Duration.ofDays(daysAgo)), zone).toString();
    }
}
