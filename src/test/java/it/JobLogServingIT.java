package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import it.support.JsonShapes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static it.support.BatchApi.ROOT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Job logs as the product writes them on the server's disk and serves them (docs/contract.md §8, §9): the part files of
 * each work unit of the four sample jobs, the banner and line format, roll-over, the separation of concurrently running
 * jobs, and the links, text, zip and part responses, compared byte for byte with the files on disk (the test JVM
 * shares the server's disk and, per pom.xml, its time zone).
 */
class JobLogServingIT {

    /** The job-log root of the test server: {@code ${server.output.dir}/logs/joblogs}. */
    static final Path JOBLOGS = Path.of(System.getProperty("batchrest.server.dir",
            "target/liberty/wlp/usr/servers/batchServer"), "logs", "joblogs").toAbsolutePath().normalize();
    static final String RULE = "==========================================================";
    static final String BANNER_LOGGER = "io.batchrest.joblog";
    static final String SLEEPY_LOGGER = "io.batchrest.samples.SleepyBatchlet";
    static final String LOGGING_LOGGER = "io.batchrest.samples.LoggingBatchlet";
    static final String WRITER_LOGGER = "io.batchrest.samples.NumberWriter";
    /** The short name of the server's (= this JVM's) time zone, as {@code z} prints it. */
    static final String ZONE = DateTimeFormatter.ofPattern("z").format(ZonedDateTime.now());
    private static final Pattern RECORD_START = Pattern.compile(
            "\\[(\\d{2}/\\d{2}/\\d{2}, \\d{2}:\\d{2}:\\d{2}:\\d{3}) " + Pattern.quote(ZONE) + "\\] (.*)");
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("MM/dd/yy, HH:mm:ss:SSS");
    private static final DateTimeFormatter API_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS Z");
    private static final HttpClient CLIENT = BatchApi.client();
    private static final String TEXT_UTF8 = "text/plain;charset=UTF-8";

    // Jobs shared by the read-only tests, run once (in parallel) before them.
    private static Run sleepy;
    private static Run chunk;
    private static Run partitioned;
    private static Run split;
    private static Run elevenPartitions;
    private static Run restartedFirst;
    private static Run restartedSecond;

    /** One finished execution: its instance, its JSON and its log directory on disk. */
    record Run(long instanceId, long executionId, String jobName, JsonObject execution, Path directory) {

        Path file(String relativePath) {
            return directory.resolve(relativePath);
        }
    }

    @BeforeAll
    static void runTheSampleJobs() {
        long sleepyId = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "logLines", "3", "exitStatus", "LOGGED"));
        long chunkId = Jobs.submit("admin", "chunkCopy", Map.of("items", "30", "chunkSize", "10"));
        long partitionedId = Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "3", "logLines", "4"));
        long splitId = Jobs.submit("admin", "splitFlow", Map.of("logLines", "2"));
        long elevenId = Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "11", "logLines", "1"));
        long restartedId = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "forceFailure", "true", "logLines", "2"));

        sleepy = finished(sleepyId, "COMPLETED");
        chunk = finished(chunkId, "COMPLETED");
        partitioned = finished(partitionedId, "COMPLETED");
        split = finished(splitId, "COMPLETED");
        elevenPartitions = finished(elevenId, "COMPLETED");
        restartedFirst = finished(restartedId, "FAILED");
        ApiResponse restart = BatchApi.as("admin").putJson("jobinstances/" + restartedId + "?action=restart",
                "{\"jobParameters\":{\"forceFailure\":\"false\",\"sleepSeconds\":\"0\"}}");
        assertEquals(200, restart.status(), restart::toString);
        assertEquals("COMPLETED", Jobs.awaitFinal(restartedId).getString("instanceState"));
        restartedSecond = latestRun(restartedId);
    }

    // ------------------------------------------------------------------------------------------ files on disk

    @Test
    void sleepyBatchletWritesOnlyPartOneStartingWithTheBannerAndItsLinesInTheLibertyLineFormat() throws IOException {
        assertEquals(List.of("part.1.log"), filesOnDisk(sleepy));
        assertEquals(sleepy.directory() + File.separator, sleepy.execution().getString("logpath"));

        String log = read(sleepy.file("part.1.log"));
        List<String> lines = lines(log);
        assertBanner(lines, sleepy, "{exitStatus=LOGGED, logLines=3, sleepSeconds=0}");
        for (int line = 1; line <= 3; line++) {
            String text = lines.get(8 + line);
            Matcher start = RECORD_START.matcher(text);
            assertTrue(start.matches(), text);
            assertEquals(padded(SLEEPY_LOGGER) + "sleepyBatchlet line " + line + " of 3", start.group(2));
        }
        List<LogRecordLines> records = records(log);
        assertEquals(List.of("sleepyBatchlet line 1 of 3", "sleepyBatchlet line 2 of 3", "sleepyBatchlet line 3 of 3"),
                messagesOf(records, SLEEPY_LOGGER));
        assertEnded(records, sleepy, "{exitStatus=LOGGED, logLines=3, sleepSeconds=0}");
        assertTimesWithin(records, sleepy);
    }

    @Test
    void chunkCopyWritesOnlyTheTopLevelPartOneHoldingTheWritersLines() throws IOException {
        assertEquals(List.of("part.1.log"), filesOnDisk(chunk));
        assertEquals(chunk.directory() + File.separator, chunk.execution().getString("logpath"));

        String log = read(chunk.file("part.1.log"));
        assertBanner(lines(log), chunk, "{chunkSize=10, items=30}");
        List<LogRecordLines> records = records(log);
        assertEquals(List.of("chunkCopy wrote items 1..10", "chunkCopy wrote items 11..20", "chunkCopy wrote items 21..30"),
                messagesOf(records, WRITER_LOGGER));
        assertEnded(records, chunk, "{chunkSize=10, items=30}");
        assertTimesWithin(records, chunk);
    }

    @Test
    void partitionedBatchletWritesOnePartFilePerPartitionHoldingExactlyThatPartitionsLines() throws IOException {
        assertEquals(List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log", "step1/2/part.1.log"),
                filesOnDisk(partitioned));
        assertEquals(partitioned.directory() + File.separator, partitioned.execution().getString("logpath"));

        String topLevel = read(partitioned.file("part.1.log"));
        assertBanner(lines(topLevel), partitioned, "{logLines=4, partitions=3}");
        List<LogRecordLines> topRecords = records(topLevel);
        assertEquals(List.of(), messagesOf(topRecords, LOGGING_LOGGER));
        assertFalse(topLevel.contains("step1 partition"), topLevel);
        assertEnded(topRecords, partitioned, "{logLines=4, partitions=3}");
        assertTimesWithin(topRecords, partitioned);
        for (int partition = 0; partition < 3; partition++) {
            String log = read(partitioned.file("step1/" + partition + "/part.1.log"));
            List<LogRecordLines> records = records(log);
            int number = partition;
            assertEquals(IntStream.rangeClosed(1, 4).mapToObj(line -> "step1 partition " + number + " line " + line
                    + " of 4").toList(), records.stream().map(LogRecordLines::message).toList(), log);
            assertEquals(List.of(LOGGING_LOGGER), records.stream().map(LogRecordLines::logger).distinct().toList());
            assertTimesWithin(records, partitioned);
        }
    }

    @Test
    void splitFlowWritesOnePartFilePerFlowAndTheFinalStepsLinesGoToTheTopLevelFile() throws IOException {
        assertEquals(List.of("part.1.log", "split1/flow1/part.1.log", "split1/flow2/part.1.log"), filesOnDisk(split));
        assertEquals(split.directory() + File.separator, split.execution().getString("logpath"));

        String topLevel = read(split.file("part.1.log"));
        assertBanner(lines(topLevel), split, "{logLines=2}");
        List<LogRecordLines> topRecords = records(topLevel);
        assertEquals(List.of("finalStep line 1 of 2", "finalStep line 2 of 2"), messagesOf(topRecords, LOGGING_LOGGER));
        assertFalse(topLevel.contains("flow1step") || topLevel.contains("flow2step"), topLevel);
        assertEnded(topRecords, split, "{logLines=2}");
        for (String flow : List.of("flow1", "flow2")) {
            String log = read(split.file("split1/" + flow + "/part.1.log"));
            List<LogRecordLines> records = records(log);
            assertEquals(List.of(flow + "step line 1 of 2", flow + "step line 2 of 2"),
                    records.stream().map(LogRecordLines::message).toList(), log);
            assertEquals(List.of(LOGGING_LOGGER), records.stream().map(LogRecordLines::logger).distinct().toList());
            assertTimesWithin(records, split);
        }
    }

    @Test
    void aRestartWritesANewExecutionDirectoryWithItsOwnBannerNextToTheFailedOne() throws IOException {
        assertEquals(restartedFirst.directory().getParent(), restartedSecond.directory().getParent());
        assertEquals(List.of("part.1.log"), filesOnDisk(restartedFirst));
        assertEquals(List.of("part.1.log"), filesOnDisk(restartedSecond));
        assertEquals(restartedSecond.directory() + File.separator, restartedSecond.execution().getString("logpath"));

        String failed = read(restartedFirst.file("part.1.log"));
        assertBanner(lines(failed), restartedFirst, "{forceFailure=true, logLines=2, sleepSeconds=0}");
        List<LogRecordLines> failedRecords = records(failed);
        assertEquals(List.of("sleepyBatchlet line 1 of 2", "sleepyBatchlet line 2 of 2"),
                messagesOf(failedRecords, SLEEPY_LOGGER));
        assertEnded(failedRecords, restartedFirst, "{forceFailure=true, logLines=2, sleepSeconds=0}");
        // Why it failed, after the batchlet's lines: its exception with the stack trace, then the step's end.
        assertStepException(failedRecords.get(failedRecords.size() - 3), failed);
        assertEquals("Step step1 failed with batch status FAILED and exit status FAILED.",
                failedRecords.get(failedRecords.size() - 2).message(), failed);

        String completed = read(restartedSecond.file("part.1.log"));
        assertBanner(lines(completed), restartedSecond, "{forceFailure=false, sleepSeconds=0}");
        List<LogRecordLines> completedRecords = records(completed);
        assertEquals(IntStream.rangeClosed(1, 5).mapToObj(line -> "sleepyBatchlet line " + line + " of 5").toList(),
                messagesOf(completedRecords, SLEEPY_LOGGER));
        assertEnded(completedRecords, restartedSecond, "{forceFailure=false, sleepSeconds=0}");
        assertEquals(2, messagesOf(completedRecords, BANNER_LOGGER).size(), "the banners, and no failure: " + completed);
    }

    /**
     * Liberty's runtime does not call the step listener on a partition's thread and gives the top-level thread no
     * exception of a partition: the top-level log says that the step failed, the partitions' logs hold their lines.
     */
    @Test
    void aFailedPartitionedStepIsNamedInTheTopLevelLog() throws IOException {
        String jsl = "<job id=\"failingPartitions\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
                + "<step id=\"step1\"><batchlet ref=\"sleepyBatchlet\"><properties>"
                + "<property name=\"sleepSeconds\" value=\"0\"/><property name=\"logLines\" value=\"1\"/>"
                + "<property name=\"forceFailure\" value=\"true\"/></properties></batchlet>"
                + "<partition><mapper ref=\"partitionCountMapper\"><properties>"
                + "<property name=\"partitions\" value=\"2\"/></properties></mapper></partition></step></job>";
        ApiResponse submitted = BatchApi.as("admin").postJson("jobinstances", "{\"applicationName\":\"batch-rest\","
                + "\"jobXML\":\"" + jsl.replace("\"", "\\\"") + "\"}");
        assertEquals(201, submitted.status(), submitted::toString);
        Run run = finished(submitted.object().getJsonNumber("instanceId").longValue(), "FAILED");

        assertEquals(List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log"), filesOnDisk(run));
        for (String partition : List.of("step1/0/part.1.log", "step1/1/part.1.log")) {
            String log = read(run.file(partition));
            assertEquals(List.of("sleepyBatchlet line 1 of 1"), records(log).stream().map(LogRecordLines::message)
                    .toList(), log);
        }
        String topLevel = read(run.file("part.1.log"));
        List<LogRecordLines> records = records(topLevel);
        assertEquals(3, records.size(), topLevel);
        assertEquals("Step step1 failed with batch status FAILED and exit status FAILED.", records.get(1).message(),
                topLevel);
        assertEquals(BANNER_LOGGER, records.get(1).logger(), topLevel);
        assertEnded(records, run, "{}");
    }

    /** The record of a step's exception (sleepyBatchlet's): the message, then the stack trace. */
    static void assertStepException(LogRecordLines failure, String log) {
        assertEquals(BANNER_LOGGER, failure.logger(), log);
        List<String> lines = failure.message().lines().toList();
        assertEquals("An exception occurred while running the step step1.", lines.get(0), log);
        assertTrue(lines.get(1).endsWith("IllegalStateException: sleepyBatchlet failed because forceFailure=true"),
                log);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("\tat io.batchrest.samples.SleepyBatchlet"
                + ".process(")), log);
    }

    @Test
    void aThousandRecordsFillPartOneAndTheRestRollOverToPartTwo() throws IOException {
        Run run = finished(Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1005")),
                "COMPLETED");

        assertEquals(List.of("part.1.log", "part.2.log"), filesOnDisk(run));
        String first = read(run.file("part.1.log"));
        String second = read(run.file("part.2.log"));
        assertBanner(lines(first), run, "{logLines=1005, sleepSeconds=0}");
        List<LogRecordLines> firstRecords = records(first);
        List<LogRecordLines> secondRecords = records(second);
        assertEquals(1000, firstRecords.size());
        // Banner, lines 1..999 | lines 1000..1005, closing banner: each banner is one record.
        assertEquals(IntStream.rangeClosed(1, 999).mapToObj(line -> "sleepyBatchlet line " + line + " of 1005")
                .toList(), messagesOf(firstRecords, SLEEPY_LOGGER));
        assertEquals(IntStream.rangeClosed(1000, 1005).mapToObj(line -> "sleepyBatchlet line " + line + " of 1005")
                .toList(), messagesOf(secondRecords, SLEEPY_LOGGER));
        assertTrue(RECORD_START.matcher(lines(second).get(0)).matches(), "part.2.log starts with a record: " + second);
        assertFalse(second.contains("Started invoking execution for a job"), "part 2 has no opening banner");
        assertEnded(secondRecords, run, "{logLines=1005, sleepSeconds=0}");
        assertEquals(secondRecords.size() - 1, messagesOf(secondRecords, SLEEPY_LOGGER).size(),
                "part.2.log holds the rest of the application's records and the closing banner: " + second);
    }

    @Test
    void eachPartitionNumbersItsOwnPartsFromOneAndRollsOverOnItsOwn() throws IOException {
        Run run = finished(Jobs.submit("admin", "partitionedBatchlet", Map.of("partitions", "2", "logLines", "1001")),
                "COMPLETED");
        List<String> parts = List.of("part.1.log", "step1/0/part.1.log", "step1/0/part.2.log", "step1/1/part.1.log",
                "step1/1/part.2.log");

        assertEquals(parts, filesOnDisk(run));
        List<LogRecordLines> topLevel = records(read(run.file("part.1.log")));
        assertEquals(Set.of(BANNER_LOGGER), loggers(topLevel));
        assertEquals(2, topLevel.size());
        for (int partition = 0; partition < 2; partition++) {
            int number = partition;
            List<String> first = messagesOf(records(read(run.file("step1/" + partition + "/part.1.log"))), LOGGING_LOGGER);
            List<LogRecordLines> second = records(read(run.file("step1/" + partition + "/part.2.log")));
            assertEquals(IntStream.rangeClosed(1, 1000).mapToObj(line -> "step1 partition " + number + " line " + line
                    + " of 1001").toList(), first);
            assertEquals(List.of("step1 partition " + number + " line 1001 of 1001"),
                    second.stream().map(LogRecordLines::message).toList());
        }
        assertEquals(executionLinks(run, parts), linkLines(admin("jobexecutions/" + run.executionId() + "/joblogs")));
        assertArrayEquals(expectedText(List.of(new Section("execution." + run.executionId() + "/", run.directory(),
                parts))), fetch("admin", "jobexecutions/" + run.executionId() + "/joblogs?type=text").body());
    }

    @Test
    void partFilesAreNumberedAndListedByNumberSoPartTenFollowsPartNine() throws IOException {
        Run run = finished(Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "9500")),
                "COMPLETED");

        List<String> parts = IntStream.rangeClosed(1, 10).mapToObj(part -> "part." + part + ".log").toList();
        assertEquals(new TreeSet<>(parts), new TreeSet<>(filesOnDisk(run)));
        List<String> messages = new ArrayList<>();
        for (String part : parts) {
            List<LogRecordLines> records = records(read(run.file(part)));
            assertEquals(part.equals("part.10.log") ? 502 : 1000, records.size(), part);
            messages.addAll(messagesOf(records, SLEEPY_LOGGER));
        }
        assertEquals(IntStream.rangeClosed(1, 9500).mapToObj(line -> "sleepyBatchlet line " + line + " of 9500")
                .toList(), messages);

        assertEquals(executionLinks(run, parts), linkLines(admin("jobexecutions/" + run.executionId() + "/joblogs")));
        assertArrayEquals(expectedText(List.of(new Section("execution." + run.executionId() + "/", run.directory(),
                parts))), fetch("admin", "jobexecutions/" + run.executionId() + "/joblogs?type=text").body());
    }

    @Test
    void jobsRunningAtOnceEachLogOnlyTheirOwnRecordsAndRecordsOfRequestThreadsReachNoJobLog() throws IOException {
        String marker = "notAJob" + UUID.randomUUID().toString().replace("-", "");
        // Both run until the test stops them (their sleep ends on stop), however slowly a busy machine runs the rest.
        long partitionedRunning = Jobs.submit("admin", "partitionedBatchlet",
                Map.of("partitions", "2", "logLines", "1", "sleepSeconds", "600"));
        long longRunning = Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "600", "logLines", "7", "exitStatus", "ALONGSIDE_A"));
        try {
            awaitLogged(partitionedRunning, "step1/1/part.1.log", "step1 partition 1 line 1 of 1");
            awaitLogged(partitionedRunning, "step1/0/part.1.log", "step1 partition 0 line 1 of 1");
            awaitLogged(longRunning, "part.1.log", "sleepyBatchlet line 7 of 7");
            long quick = Jobs.submit("admin", "sleepyBatchlet",
                    Map.of("sleepSeconds", "0", "logLines", "9", "exitStatus", "ALONGSIDE_B"));
            // Requests while the jobs run, partitions included. A refused inline JSL makes the request thread log
            // an INFO record (io.batchrest.runtime.JslDocument): it must reach no job log.
            int[] refused = {0};
            Jobs.await(() -> {
                refuseInlineJob(marker + refused[0]++);
                assertEquals(200, BatchApi.as("admin").get("jobinstances?pageSize=5").status());
                assertEquals(404, BatchApi.as("admin").get("jobinstances/" + Long.MAX_VALUE).status());
                assertEquals(200, fetch("monitor", "jobinstances/" + longRunning + "/joblogs?type=text").status());
                JsonObject instance = BatchApi.as("admin").get("jobinstances/" + quick).object();
                return Jobs.FINAL_STATES.contains(instance.getString("instanceState")) ? instance : null;
            }, "the second sleepyBatchlet to finish while the others run");
            refuseInlineJob(marker + refused[0]++);
            for (long running : List.of(longRunning, partitionedRunning)) {
                assertEquals("DISPATCHED", BatchApi.as("admin").get("jobinstances/" + running).object()
                        .getString("instanceState"), "ran all along: " + running);
            }
            Path messages = Path.of(System.getProperty("batchrest.server.dir",
                    "target/liberty/wlp/usr/servers/batchServer"), "logs", "messages.log");
            Jobs.await(() -> readQuietly(messages).contains("The inline JSL of job " + marker + "0 was refused")
                    ? true : null, "the request thread's record in messages.log");
            for (long running : List.of(longRunning, partitionedRunning)) {
                ApiResponse stop = BatchApi.as("admin").put("jobinstances/" + running + "?action=stop");
                assertEquals(200, stop.status(), stop::toString);
            }
            assertEquals("STOPPED", Jobs.awaitFinal(longRunning).getString("instanceState"));
            assertEquals("STOPPED", Jobs.awaitFinal(partitionedRunning).getString("instanceState"));

            Run a = latestRun(longRunning);
            Run b = latestRun(quick);
            Run p = latestRun(partitionedRunning);
            assertEquals(List.of("part.1.log"), filesOnDisk(a));
            assertEquals(List.of("part.1.log"), filesOnDisk(b));
            assertEquals(List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log"), filesOnDisk(p));
            String aText = read(a.file("part.1.log"));
            String bText = read(b.file("part.1.log"));
            assertBanner(lines(aText), a, "{exitStatus=ALONGSIDE_A, logLines=7, sleepSeconds=600}");
            assertBanner(lines(bText), b, "{exitStatus=ALONGSIDE_B, logLines=9, sleepSeconds=0}");
            List<LogRecordLines> aRecords = records(aText);
            List<LogRecordLines> bRecords = records(bText);
            List<String> aLines = new ArrayList<>(IntStream.rangeClosed(1, 7)
                    .mapToObj(line -> "sleepyBatchlet line " + line + " of 7").toList());
            aLines.add("sleepyBatchlet stopped on request");
            assertEquals(aLines, messagesOf(aRecords, SLEEPY_LOGGER));
            assertEquals(IntStream.rangeClosed(1, 9).mapToObj(line -> "sleepyBatchlet line " + line + " of 9").toList(),
                    messagesOf(bRecords, SLEEPY_LOGGER));
            assertEnded(aRecords, a, "{exitStatus=ALONGSIDE_A, logLines=7, sleepSeconds=600}");
            assertEnded(bRecords, b, "{exitStatus=ALONGSIDE_B, logLines=9, sleepSeconds=0}");
            assertEquals(Set.of(BANNER_LOGGER, SLEEPY_LOGGER), loggers(aRecords), aText);
            assertEquals(Set.of(BANNER_LOGGER, SLEEPY_LOGGER), loggers(bRecords), bText);
            assertFalse(aText.contains("ALONGSIDE_B") || aText.contains(" of 9")
                    || aText.contains("id = " + b.executionId() + "\n"), aText);
            assertFalse(bText.contains("ALONGSIDE_A") || bText.contains(" of 7") || bText.contains("stopped on request")
                    || bText.contains("id = " + a.executionId() + "\n"), bText);

            String pText = read(p.file("part.1.log"));
            List<LogRecordLines> pRecords = records(pText);
            assertBanner(lines(pText), p, "{logLines=1, partitions=2, sleepSeconds=600}");
            assertEnded(pRecords, p, "{logLines=1, partitions=2, sleepSeconds=600}");
            assertEquals(Set.of(BANNER_LOGGER), loggers(pRecords), pText);
            for (int partition = 0; partition < 2; partition++) {
                List<LogRecordLines> records = records(read(p.file("step1/" + partition + "/part.1.log")));
                assertEquals(List.of("step1 partition " + partition + " line 1 of 1"),
                        records.stream().map(LogRecordLines::message).toList());
                assertEquals(Set.of(LOGGING_LOGGER), loggers(records));
            }
            for (Run run : List.of(a, b, p)) {
                for (String file : filesOnDisk(run)) {
                    String text = read(run.file(file));
                    assertFalse(text.contains(marker) || text.contains("was refused") || text.contains("\tat "),
                            () -> "a request thread's record in " + run.file(file) + ":\n" + text);
                }
            }
        } finally {
            Jobs.stopIfRunning(longRunning);
            Jobs.stopIfRunning(partitionedRunning);
        }
    }

    // ------------------------------------------------------------------------------------------------ links

    @Test
    void theExecutionLinksAreTextAndZipThenEveryPartFileInListingOrderWithNumericDirectoriesNumerically() {
        List<String> parts = new ArrayList<>(List.of("part.1.log"));
        IntStream.rangeClosed(0, 10).forEach(partition -> parts.add("step1/" + partition + "/part.1.log"));
        assertEquals(new TreeSet<>(parts), new TreeSet<>(filesOnDisk(elevenPartitions)));

        ApiResponse response = admin("jobexecutions/" + elevenPartitions.executionId() + "/joblogs");

        assertEquals("application/json;charset=UTF-8", response.contentType().replace(" ", ""));
        assertEquals(executionLinks(elevenPartitions, parts), linkLines(response));
    }

    @Test
    void theInstanceLinksListEveryExecutionNewestFirstThenTheInstanceTextAndZip() {
        long instanceId = restartedSecond.instanceId();
        List<String> expected = new ArrayList<>();
        expected.addAll(executionLinks(restartedSecond, List.of("part.1.log")));
        expected.addAll(executionLinks(restartedFirst, List.of("part.1.log")));
        expected.add("joblog text " + ROOT + "jobinstances/" + instanceId + "/joblogs?type=text");
        expected.add("joblog zip " + ROOT + "jobinstances/" + instanceId + "/joblogs?type=zip");

        ApiResponse response = admin("jobinstances/" + instanceId + "/joblogs");

        assertEquals("application/json;charset=UTF-8", response.contentType().replace(" ", ""));
        assertEquals(expected, linkLines(response));
    }

    @Test
    void instanceLinksRequestedUnderAVersionKeepTheVersionSegment() {
        long instanceId = partitioned.instanceId();
        List<String> parts = List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log", "step1/2/part.1.log");
        List<String> expected = new ArrayList<>(executionLinks(partitioned, parts, "v2/"));
        expected.add("joblog text " + ROOT + "v2/jobinstances/" + instanceId + "/joblogs?type=text");
        expected.add("joblog zip " + ROOT + "v2/jobinstances/" + instanceId + "/joblogs?type=zip");

        assertEquals(expected, linkLines(admin("v2/jobinstances/" + instanceId + "/joblogs")));
        assertEquals(executionLinks(partitioned, parts, "v4/"),
                linkLines(admin("v4/jobexecutions/" + partitioned.executionId() + "/joblogs")));
    }

    @Test
    void everyLinkAnswersWithTheFilesItNames() {
        List<String> links = linkLines(admin("jobinstances/" + split.instanceId() + "/joblogs"));
        for (String link : links) {
            String href = link.substring(link.lastIndexOf(' ') + 1);
            Raw response = fetch("admin", href);
            assertEquals(200, response.status(), href);
            assertEquals(link.contains("zip") ? "application/zip" : TEXT_UTF8,
                    response.header("Content-Type").replace(" ", ""), href);
        }
        assertEquals(10, links.size(), links::toString);
    }

    // ------------------------------------------------------------------------------------------------ text

    @Test
    void executionTextIsEveryFileInListingOrderBetweenBeginAndEndBannersByteForByte() {
        String prefix = "execution." + partitioned.executionId() + "/";
        List<String> parts = List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log", "step1/2/part.1.log");

        Raw response = fetch("admin", "jobexecutions/" + partitioned.executionId() + "/joblogs?type=text");

        assertEquals(200, response.status(), response::toString);
        assertEquals(TEXT_UTF8, response.header("Content-Type").replace(" ", ""));
        byte[] expected = expectedText(List.of(new Section(prefix, partitioned.directory(), parts)));
        assertEquals(new String(expected, StandardCharsets.UTF_8), response.text());
        assertArrayEquals(expected, response.body());
        assertTrue(response.text().startsWith("xxxxx Begin file: execution." + partitioned.executionId()
                + "/part.1.log xxxxxxxxxxxxxxxxxx\n[" ), response.text());
        assertTrue(response.text().endsWith("\nxxxxx End file: execution." + partitioned.executionId()
                + "/step1/2/part.1.log xxxxxxxxxxxxxxxxxx\n"), response.text());
    }

    @Test
    void instanceTextHoldsBothExecutionsOfARestartedInstanceNewestFirstEachFromItsOwnDirectory() {
        long instanceId = restartedSecond.instanceId();

        Raw response = fetch("admin", "jobinstances/" + instanceId + "/joblogs?type=text");

        assertEquals(200, response.status(), response::toString);
        assertEquals(TEXT_UTF8, response.header("Content-Type").replace(" ", ""));
        byte[] expected = expectedText(List.of(
                new Section("instance." + instanceId + "/execution." + restartedSecond.executionId() + "/",
                        restartedSecond.directory(), List.of("part.1.log")),
                new Section("instance." + instanceId + "/execution." + restartedFirst.executionId() + "/",
                        restartedFirst.directory(), List.of("part.1.log"))));
        assertEquals(new String(expected, StandardCharsets.UTF_8), response.text());
        assertArrayEquals(expected, response.body());
        String text = response.text();
        int newest = text.indexOf(" JobExecution id = " + restartedSecond.executionId() + "\n");
        int oldest = text.indexOf(" JobExecution id = " + restartedFirst.executionId() + "\n");
        assertTrue(newest > 0 && oldest > newest, text);
    }

    @Test
    void theInstanceTextOfASingleExecutionMatchesLibertysLayout() {
        long instanceId = sleepy.instanceId();
        String name = "instance." + instanceId + "/execution." + sleepy.executionId() + "/part.1.log";

        Raw response = fetch("admin", "jobinstances/" + instanceId + "/joblogs?type=text");

        assertEquals("xxxxx Begin file: " + name + " xxxxxxxxxxxxxxxxxx\n" + readQuietly(sleepy.file("part.1.log"))
                + "\nxxxxx End file: " + name + " xxxxxxxxxxxxxxxxxx\n", response.text());
    }

    @Test
    void nonAsciiJobParametersAreWrittenAndServedAsUtf8() throws IOException {
        String greeting = "Gr\u00fc\u00dfe \u2713 \u65e5\u672c";
        Run run = finished(Jobs.submit("admin", "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "logLines", "1", "greeting", greeting)), "COMPLETED");
        byte[] file = Files.readAllBytes(run.file("part.1.log"));
        String log = new String(file, StandardCharsets.UTF_8);
        assertBanner(lines(log), run, "{greeting=" + greeting + ", logLines=1, sleepSeconds=0}");

        Raw part = fetch("admin", "jobexecutions/" + run.executionId() + "/joblogs?part=part.1.log");
        assertEquals(TEXT_UTF8, part.header("Content-Type").replace(" ", ""));
        assertArrayEquals(file, part.body());
        assertArrayEquals(expectedText(List.of(new Section("execution." + run.executionId() + "/", run.directory(),
                List.of("part.1.log")))), fetch("admin", "jobexecutions/" + run.executionId() + "/joblogs?type=text")
                .body());
        assertArrayEquals(file, zipEntries(fetch("admin", "jobexecutions/" + run.executionId() + "/joblogs?type=zip")
                .body()).get("execution." + run.executionId() + "/part.1.log"));
    }

    @Test
    void permitRedirectIsAcceptedAndALocalExecutionIsServedDirectly() {
        long e = sleepy.executionId();
        String base = "jobexecutions/" + e + "/joblogs";
        for (String flag : List.of("true", "false")) {
            assertEquals(linkLines(admin(base)), linkLines(admin(base + "?permitRedirect=" + flag)));
            assertArrayEquals(fetch("admin", base + "?type=text").body(),
                    fetch("admin", base + "?type=text&permitRedirect=" + flag).body());
            assertArrayEquals(readBytes(sleepy.file("part.1.log")),
                    fetch("admin", base + "?part=part.1.log&permitRedirect=" + flag).body());
            Raw instanceText = fetch("admin", "jobinstances/" + sleepy.instanceId() + "/joblogs?type=text&permitRedirect="
                    + flag);
            assertEquals(200, instanceText.status(), instanceText::toString);
        }
    }

    // ------------------------------------------------------------------------------------------------ zip

    @Test
    void executionZipHasOneEntryPerFileNamedAsInTheTextInTheSameOrder() throws IOException {
        long e = split.executionId();
        List<String> parts = List.of("part.1.log", "split1/flow1/part.1.log", "split1/flow2/part.1.log");

        Raw response = fetch("admin", "jobexecutions/" + e + "/joblogs?type=zip");

        assertEquals(200, response.status(), response::toString);
        assertEquals("application/zip", response.header("Content-Type"));
        assertEquals("attachment; filename=\"joblogs.execution." + e + ".zip\"", response.header("Content-Disposition"));
        Map<String, byte[]> entries = zipEntries(response.body());
        assertEquals(parts.stream().map(part -> "execution." + e + "/" + part).toList(), List.copyOf(entries.keySet()));
        for (String part : parts) {
            assertArrayEquals(Files.readAllBytes(split.file(part)), entries.get("execution." + e + "/" + part), part);
        }
    }

    @Test
    void instanceZipIsNamedAfterJobAndInstanceAndHoldsEveryExecutionNewestFirst() throws IOException {
        long instanceId = restartedSecond.instanceId();
        String newest = "instance." + instanceId + "/execution." + restartedSecond.executionId() + "/part.1.log";
        String oldest = "instance." + instanceId + "/execution." + restartedFirst.executionId() + "/part.1.log";

        Raw response = fetch("admin", "jobinstances/" + instanceId + "/joblogs?type=zip");

        assertEquals(200, response.status(), response::toString);
        assertEquals("application/zip", response.header("Content-Type"));
        assertEquals("attachment; filename=\"joblogs.sleepyBatchlet.instance." + instanceId + ".zip\"",
                response.header("Content-Disposition"));
        Map<String, byte[]> entries = zipEntries(response.body());
        assertEquals(List.of(newest, oldest), List.copyOf(entries.keySet()));
        assertArrayEquals(Files.readAllBytes(restartedSecond.file("part.1.log")), entries.get(newest));
        assertArrayEquals(Files.readAllBytes(restartedFirst.file("part.1.log")), entries.get(oldest));
    }

    // ------------------------------------------------------------------------------------------------ parts

    @Test
    void aPartIsServedAsTheFilesRawBytesByDefaultAndWithTypeText() throws IOException {
        String base = "jobexecutions/" + partitioned.executionId() + "/joblogs?part=";
        for (String part : List.of("part.1.log", "step1/0/part.1.log", "step1/2/part.1.log")) {
            byte[] file = Files.readAllBytes(partitioned.file(part));
            for (String query : List.of(base + part, base + part + "&type=text", "jobexecutions/"
                    + partitioned.executionId() + "/joblogs?type=text&part=" + part)) {
                Raw response = fetch("admin", query);
                assertEquals(200, response.status(), query);
                assertEquals(TEXT_UTF8, response.header("Content-Type").replace(" ", ""), query);
                assertArrayEquals(file, response.body(), query);
            }
        }
    }

    @Test
    void aPartAsZipHoldsOnlyThatFileUnderItsExecutionNameWithDotsForSlashesInTheFileName() throws IOException {
        long e = partitioned.executionId();
        for (String part : List.of("step1/0/part.1.log", "part.1.log")) {
            Raw response = fetch("admin", "jobexecutions/" + e + "/joblogs?part=" + part + "&type=zip");

            assertEquals(200, response.status(), response::toString);
            assertEquals("application/zip", response.header("Content-Type"));
            assertEquals("attachment; filename=\"joblogs.execution." + e + "." + part.replace('/', '.') + ".zip\"",
                    response.header("Content-Disposition"));
            Map<String, byte[]> entries = zipEntries(response.body());
            assertEquals(List.of("execution." + e + "/" + part), List.copyOf(entries.keySet()));
            assertArrayEquals(Files.readAllBytes(partitioned.file(part)), entries.get("execution." + e + "/" + part));
        }
        assertEquals("attachment; filename=\"joblogs.execution." + e + ".step1.0.part.1.log.zip\"",
                fetch("admin", "jobexecutions/" + e + "/joblogs?part=step1/0/part.1.log&type=zip")
                        .header("Content-Disposition"));
    }

    @Test
    void anUnknownPartIs404() {
        long e = partitioned.executionId();
        for (String part : List.of("part.2.log", "step1/3/part.1.log", "step1/0", "step1", "part.1.log.bak",
                "PART.1.LOG", "")) {
            for (String type : List.of("", "&type=text", "&type=zip")) {
                Raw response = fetch("admin", "jobexecutions/" + e + "/joblogs?part=" + part + type);
                String detail = JsonShapes.assertProblem(response.api(), 404);
                assertTrue(detail.contains(Long.toString(e)), detail);
            }
        }
    }

    @Test
    void pathTraversalInAPartIsNeverResolvedOnDisk() {
        long e = partitioned.executionId();
        String otherFile = sleepy.file("part.1.log").toString();
        String ownFile = partitioned.file("part.1.log").toString();
        List<String> attempts = List.of("../../../../etc/passwd", "/etc/passwd", "step1/../part.1.log",
                "./part.1.log", "step1/0/../../part.1.log", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", "step1%5C0%5Cpart.1.log",
                "%2Fetc%2Fpasswd", encode(otherFile), encode(ownFile),
                encode("../../instance." + sleepy.instanceId() + "/execution." + sleepy.executionId() + "/part.1.log"),
                encode("../../../../sleepyBatchlet/" + sleepy.directory().getParent().getParent().getFileName()
                        + "/instance." + sleepy.instanceId() + "/execution." + sleepy.executionId() + "/part.1.log"));
        for (String attempt : attempts) {
            for (String type : List.of("", "&type=text", "&type=zip")) {
                Raw response = fetch("admin", "jobexecutions/" + e + "/joblogs?part=" + attempt + type);
                JsonShapes.assertProblem(response.api(), 404);
                assertFalse(response.text().contains("root:") || response.text().contains("Started invoking")
                        || response.text().contains(RULE), response::toString);
            }
        }
    }

    @Test
    void aPartOnAnInstanceIs400() {
        for (String query : List.of("?part=part.1.log", "?part=part.1.log&type=text", "?part=part.1.log&type=zip",
                "?part=../../../../etc/passwd")) {
            Raw response = fetch("admin", "jobinstances/" + sleepy.instanceId() + "/joblogs" + query);
            JsonShapes.assertProblem(response.api(), 400);
            assertEquals(List.of("part"), invalidParamNames(response));
            assertFalse(response.text().contains("root:"), response::toString);
        }
    }

    @Test
    void anUnsupportedTypeIs400NamingType() {
        for (String path : List.of("jobexecutions/" + sleepy.executionId() + "/joblogs?type=foo",
                "jobexecutions/" + sleepy.executionId() + "/joblogs?part=part.1.log&type=foo",
                "jobinstances/" + sleepy.instanceId() + "/joblogs?type=foo",
                "v4/jobinstances/" + sleepy.instanceId() + "/joblogs?type=json")) {
            Raw response = fetch("admin", path);
            String detail = JsonShapes.assertProblem(response.api(), 400);
            assertTrue(detail.contains("type"), detail);
            assertEquals(List.of("type"), invalidParamNames(response));
        }
    }

    @Test
    void theLogsOfAnUnknownExecutionOrInstanceAre404() {
        for (String path : List.of("jobexecutions/" + Long.MAX_VALUE + "/joblogs",
                "jobexecutions/" + Long.MAX_VALUE + "/joblogs?type=text",
                "jobexecutions/" + Long.MAX_VALUE + "/joblogs?part=part.1.log",
                "jobinstances/" + Long.MAX_VALUE + "/joblogs", "jobinstances/" + Long.MAX_VALUE + "/joblogs?type=zip")) {
            String detail = JsonShapes.assertProblem(fetch("admin", path).api(), 404);
            assertTrue(detail.contains(Long.toString(Long.MAX_VALUE)), detail);
        }
    }

    // ------------------------------------------------------------------------------------------------ roles

    @Test
    void anotherSubmitterIs403WhileMonitorsReadEveryLogAndCallersWithoutABatchRoleAre403() {
        Run own = finished(Jobs.submit("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "1")),
                "COMPLETED");
        List<String> paths = List.of("jobexecutions/" + own.executionId() + "/joblogs",
                "jobexecutions/" + own.executionId() + "/joblogs?type=text",
                "jobexecutions/" + own.executionId() + "/joblogs?type=zip",
                "jobexecutions/" + own.executionId() + "/joblogs?part=part.1.log",
                "jobexecutions/" + own.executionId() + "/joblogs?part=part.1.log&type=zip",
                "jobinstances/" + own.instanceId() + "/joblogs",
                "jobinstances/" + own.instanceId() + "/joblogs?type=text",
                "v3/jobinstances/" + own.instanceId() + "/joblogs?type=zip");
        for (String path : paths) {
            for (String reader : List.of("submitter1", "admin", "monitor", "submon")) {
                assertEquals(200, fetch(reader, path).status(), reader + " " + path);
            }
            for (String refused : List.of("submitter2", "nobody")) {
                Raw response = fetch(refused, path);
                String detail = JsonShapes.assertProblem(response.api(), 403);
                assertTrue(detail.contains(refused), detail);
                assertFalse(response.text().contains("sleepyBatchlet line"), response::toString);
            }
            Raw anonymous = fetch(null, path);
            assertEquals(401, anonymous.status(), path);
            assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic"), path);
        }
        assertArrayEquals(readBytes(own.file("part.1.log")),
                fetch("monitor", "jobexecutions/" + own.executionId() + "/joblogs?part=part.1.log").body());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A section of an expected text response: the files of one execution directory under a name prefix. */
    record Section(String prefix, Path directory, List<String> parts) {
    }

    /** One record of a job log: its logger and its message (continuation lines joined with {@code \n}). */
    record LogRecordLines(String time, String logger, String message) {
    }

    /** The HTTP answer as bytes, for bodies that must be compared byte for byte or unzipped. */
    record Raw(int status, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        ApiResponse api() {
            return new ApiResponse(status, headers, text());
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + text();
        }
    }

    /** Waits for the instance to reach {@code state} and returns its first execution. */
    static Run finished(long instanceId, String state) {
        JsonObject instance = Jobs.awaitFinal(instanceId);
        assertEquals(state, instance.getString("instanceState"), instance::toString);
        return run(BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions/0").object());
    }

    static Run latestRun(long instanceId) {
        return run(latestExecution(instanceId));
    }

    static JsonObject latestExecution(long instanceId) {
        ApiResponse executions = BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions");
        assertEquals(200, executions.status(), executions::toString);
        return executions.array().getJsonObject(0);
    }

    /**
     * The execution with the directory docs/contract.md §8 names for it: job, server-local start day, instance,
     * execution.
     */
    static Run run(JsonObject execution) {
        long instanceId = execution.getJsonNumber("instanceId").longValue();
        long executionId = execution.getJsonNumber("executionId").longValue();
        String jobName = execution.getString("jobName");
        Instant started = instant(execution.getString("startTime"));
        Path directory = JOBLOGS.resolve(jobName).resolve(started.atZone(ZoneId.systemDefault()).toLocalDate().toString())
                .resolve("instance." + instanceId).resolve("execution." + executionId);
        return new Run(instanceId, executionId, jobName, execution, directory);
    }

    static Instant instant(String apiDate) {
        return OffsetDateTime.parse(apiDate, API_DATE).toInstant();
    }

    /** Every regular file below the execution directory, relative with {@code /}, sorted by name. */
    static List<String> filesOnDisk(Run run) {
        return filesOnDisk(run.directory());
    }

    static List<String> filesOnDisk(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace(File.separatorChar, '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static String readQuietly(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a log file, which ends with a line break. */
    static List<String> lines(String log) {
        assertTrue(log.endsWith("\n"), "a job log ends with a line break");
        return List.of(log.substring(0, log.length() - 1).split("\n", -1));
    }

    /** The records of a log file: a record starts with a line {@code [MM/dd/yy, HH:mm:ss:SSS z] }. */
    static List<LogRecordLines> records(String log) {
        List<LogRecordLines> records = new ArrayList<>();
        String time = null;
        String logger = null;
        StringBuilder message = null;
        for (String line : lines(log)) {
            Matcher start = RECORD_START.matcher(line);
            if (start.matches()) {
                if (message != null) {
                    records.add(new LogRecordLines(time, logger, message.toString()));
                }
                String rest = start.group(2);
                time = start.group(1);
                logger = rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest;
                int column = Math.max(62, logger.length());
                assertTrue(rest.length() > column && rest.substring(logger.length(), column + 1).isBlank(),
                        () -> "the logger name is padded to 62 characters and followed by a space: '" + line + "'");
                message = new StringBuilder(rest.substring(column + 1));
            } else {
                assertTrue(message != null, () -> "a log starts with a record: " + line);
                message.append('\n').append(line);
            }
        }
        if (message != null) {
            records.add(new LogRecordLines(time, logger, message.toString()));
        }
        return records;
    }

    static Set<String> loggers(List<LogRecordLines> records) {
        return records.stream().map(LogRecordLines::logger).collect(Collectors.toSet());
    }

    /** Waits until a running job's log file holds {@code text}. */
    static void awaitLogged(long instanceId, String relativePath, String text) {
        Jobs.await(() -> {
            ApiResponse executions = BatchApi.as("admin").get("jobinstances/" + instanceId + "/jobexecutions");
            if (executions.array().isEmpty() || executions.array().getJsonObject(0).getString("logpath").isEmpty()) {
                return null;
            }
            Path file = Path.of(executions.array().getJsonObject(0).getString("logpath"), relativePath);
            return Files.exists(file) && readQuietly(file).contains(text) ? file : null;
        }, "'" + text + "' in " + relativePath + " of instance " + instanceId);
    }

    /** Inline JSL in a namespace that is not Jakarta Batch's: the runtime refuses it, the product answers 400. */
    static void refuseInlineJob(String jobId) {
        String jsl = "<job id=\"" + jobId + "\" xmlns=\"http://wrong.example\" version=\"2.0\"><step id=\"a\">"
                + "<batchlet ref=\"sleepyBatchlet\"/></step></job>";
        ApiResponse response = BatchApi.as("admin").postJson("jobinstances", "{\"applicationName\":\"batch-rest\","
                + "\"jobXML\":\"" + jsl.replace("\"", "\\\"") + "\"}");
        assertEquals(400, response.status(), response::toString);
    }

    static List<String> messagesOf(List<LogRecordLines> records, String logger) {
        return records.stream().filter(record -> record.logger().equals(logger)).map(LogRecordLines::message).toList();
    }

    static String padded(String logger) {
        return logger + " ".repeat(62 - logger.length()) + " ";
    }

    /** The opening banner of docs/contract.md §8 as the first nine lines of the first part of the top-level log. */
    static void assertBanner(List<String> lines, Run run, String parameters) {
        Matcher first = RECORD_START.matcher(lines.get(0));
        assertTrue(first.matches(), lines.get(0));
        assertEquals(padded(BANNER_LOGGER), first.group(2), "the banner's first line");
        assertEquals(List.of(RULE, "Started invoking execution for a job", " JobInstance id = " + run.instanceId(),
                " JobExecution id = " + run.executionId(), " Job Name = " + run.jobName(),
                " Job Parameters = " + parameters, RULE, ""), lines.subList(1, 9));
        assertTrue(RECORD_START.matcher(lines.get(9)).matches(), "a record follows the banner: " + lines.get(9));
    }

    /**
     * The first record is the opening banner and the last the closing one, each a single record; the closing one
     * names the execution's final batch and exit status, and says that an exception was thrown when it FAILED.
     */
    static void assertEnded(List<LogRecordLines> records, Run run, String parameters) {
        String fields = "\n JobInstance id = " + run.instanceId() + "\n JobExecution id = " + run.executionId()
                + "\n Job Name = " + run.jobName() + "\n Job Parameters = " + parameters;
        String batchStatus = run.execution().getString("batchStatus");
        String closing = "FAILED".equals(batchStatus) ? "Exception thrown when invoking execution for a job"
                : "Completed invoking execution for a job";
        LogRecordLines last = records.get(records.size() - 1);
        assertEquals(BANNER_LOGGER, last.logger());
        assertEquals("\n" + RULE + "\n" + closing + fields + "\n Job Batch Status = " + batchStatus
                + ", Job Exit Status = " + run.execution().getString("exitStatus") + "\n" + RULE + "\n", last.message());
        List<LogRecordLines> banners = records.stream().filter(record -> record.logger().equals(BANNER_LOGGER)
                && record.message().startsWith("\n" + RULE)).toList();
        if (banners.size() == 2) {
            assertEquals("\n" + RULE + "\nStarted invoking execution for a job" + fields + "\n" + RULE + "\n",
                    banners.get(0).message());
            assertEquals(records.get(0), banners.get(0));
        } else {
            assertEquals(List.of(last), banners, "only the closing banner in a later part");
        }
    }

    /** Every record's time is in the server's zone and falls within the execution (to the second). */
    static void assertTimesWithin(List<LogRecordLines> records, Run run) {
        JsonObject execution = BatchApi.as("admin").get("jobexecutions/" + run.executionId()).object();
        Instant from = instant(execution.getString("createTime")).minusSeconds(1);
        Instant to = instant(execution.getString("endTime")).plusSeconds(1);
        for (LogRecordLines record : records) {
            Instant time = LocalDateTime.parse(record.time(), RECORD_TIME).atZone(ZoneId.systemDefault()).toInstant();
            assertTrue(!time.isBefore(from) && !time.isAfter(to),
                    () -> record.time() + " " + ZONE + " is outside " + from + " .. " + to);
        }
    }

    /** The text form of docs/contract.md §8 built from the files on disk. */
    static byte[] expectedText(List<Section> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Section section : sections) {
            for (String part : section.parts()) {
                String name = section.prefix() + part;
                out.writeBytes(("xxxxx Begin file: " + name + " xxxxxxxxxxxxxxxxxx\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(readBytes(section.directory().resolve(part)));
                out.writeBytes(("\nxxxxx End file: " + name + " xxxxxxxxxxxxxxxxxx\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** The links of one execution as "rel href" lines, with the restUrl it recorded. */
    static List<String> executionLinks(Run run, List<String> parts) {
        return executionLinks(run, parts, "");
    }

    /** The links of an execution's logs as listed under {@code version} ("" or "v1/".."v4/"). */
    static List<String> executionLinks(Run run, List<String> parts, String version) {
        String base = run.execution().getString("restUrl") + version + "jobexecutions/" + run.executionId()
                + "/joblogs";
        List<String> links = new ArrayList<>(List.of("joblog text " + base + "?type=text",
                "joblog zip " + base + "?type=zip"));
        for (String part : parts) {
            links.add("joblog part text " + base + "?part=" + part + "&type=text");
            links.add("joblog part zip " + base + "?part=" + part + "&type=zip");
        }
        return links;
    }

    /** A joblogs link array as "rel href" lines, asserting each link is exactly {rel, href}. */
    static List<String> linkLines(ApiResponse response) {
        assertEquals(200, response.status(), response::toString);
        List<String> lines = new ArrayList<>();
        for (JsonValue value : response.array()) {
            JsonObject link = value.asJsonObject();
            assertEquals(List.of("rel", "href"), List.copyOf(link.keySet()));
            lines.add(link.getString("rel") + " " + link.getString("href"));
        }
        return lines;
    }

    static ApiResponse admin(String path) {
        return BatchApi.as("admin").get(path);
    }

    static List<String> invalidParamNames(Raw response) {
        JsonArray invalid = response.api().object().getJsonArray("invalidParams");
        return invalid == null ? List.of() : invalid.stream()
                .map(value -> value.asJsonObject().getString("name")).collect(Collectors.toList());
    }

    /** The entries of a zip in order, each with its bytes. */
    static Map<String, byte[]> zipEntries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertFalse(entries.containsKey(entry.getName()), "duplicate entry " + entry.getName());
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A GET as {@code user} (or without credentials if null), answering the body as bytes. */
    static Raw fetch(String user, String pathOrUrl) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("https:") ? pathOrUrl
                : ROOT + pathOrUrl)).timeout(Duration.ofSeconds(60)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "pwd").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Raw(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
