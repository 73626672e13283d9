package io.batchrest.joblog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The part-file writer, the line format, and listing, streaming and deleting files (docs/contract.md §8). */
class JobLogWritingTest {

    @TempDir
    Path root;

    private final List<IOException> diskFaults = new CopyOnWriteArrayList<>();
    private final JobLogDisk disk = new JobLogDisk(Thread::new, diskFaults::add, bytes -> {
    });

    @AfterEach
    void stopTheDisk() {
        disk.close();
    }

    @Test
    void aNewPartStartsAfterMaxRecordsRecords() throws IOException {
        Path unit = root.resolve("job/2026-11-21/instance.1/execution.1");
        try (JobLogPartWriter writer = new JobLogPartWriter(unit, 3, disk)) {
            for (int record = 1; record <= 7; record++) {
                writer.write(record("record " + record + "\nsecond line of record " + record));
            }
        }

        assertEquals(6, Files.readAllLines(unit.resolve("part.1.log")).size());
        assertEquals(6, Files.readAllLines(unit.resolve("part.2.log")).size());
        List<String> lastPart = Files.readAllLines(unit.resolve("part.3.log"));
        assertEquals(2, lastPart.size());
        assertTrue(lastPart.get(0).endsWith(" record 7"), lastPart::toString);
        assertEquals("second line of record 7", lastPart.get(1));
        assertFalse(Files.exists(unit.resolve("part.4.log")));
    }

    @Test
    void recordsAfterTheUnitEndedAreIgnored() throws IOException {
        Path unit = root.resolve("unit");
        JobLogPartWriter writer = new JobLogPartWriter(unit, 10, disk);
        writer.write(record("kept"));
        writer.close();
        writer.write(record("dropped"));

        List<String> lines = Files.readAllLines(unit.resolve("part.1.log"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith(" kept"), lines::toString);
        assertTrue(writer.isClosed());
    }

    @Test
    void flushedRecordsAreInThePartWhileTheUnitGoesOn() throws Exception {
        Path unit = root.resolve("unit");
        try (JobLogPartWriter writer = new JobLogPartWriter(unit, 10, disk)) {
            writer.write(record("first"));
            writer.flush();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Files.exists(unit.resolve("part.1.log")) || Files.size(unit.resolve("part.1.log")) == 0) {
                assertTrue(System.currentTimeMillis() < deadline, "the flushed record never reached the part file");
                Thread.sleep(10);
            }
            assertEquals(JobLogRecordFormat.format(record("first")).length(), Files.size(unit.resolve("part.1.log")));
            writer.write(record("second"));
        }
        assertEquals(2, Files.readAllLines(unit.resolve("part.1.log")).size());
    }

    @Test
    void unitsLoggingAtOnceFromSeveralThreadsKeepEveryRecordInOrder() throws Exception {
        int units = 4;
        int records = 5_000;
        ExecutorService threads = Executors.newFixedThreadPool(units);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int u = 0; u < units; u++) {
                Path unit = root.resolve("unit" + u);
                done.add(threads.submit(() -> {
                    try (JobLogPartWriter writer = new JobLogPartWriter(unit, 1000, disk)) {
                        for (int r = 0; r < records; r++) {
                            writer.write(record("record " + r + " " + "x".repeat(r % 300)));
                            if (r % 777 == 0) {
                                writer.flush();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> unit : done) {
                unit.get();
            }
        } finally {
            threads.shutdown();
        }

        for (int u = 0; u < units; u++) {
            Path unit = root.resolve("unit" + u);
            for (int part = 1; part <= 5; part++) {
                List<String> lines = Files.readAllLines(unit.resolve("part." + part + ".log"));
                assertEquals(1000, lines.size());
                for (int line = 0; line < 1000; line++) {
                    int r = (part - 1) * 1000 + line;
                    assertTrue(lines.get(line).endsWith(" record " + r + " " + "x".repeat(r % 300)),
                            unit + " part " + part + " line " + line + ": " + lines.get(line));
                }
            }
            assertFalse(Files.exists(unit.resolve("part.6.log")));
        }
        assertEquals(List.of(), diskFaults);
    }

    @Test
    void aUnitWhoseDirectoryCannotBeMadeReportsTheFaultAndOtherUnitsGoOn() throws IOException {
        Path blocked = root.resolve("blocked");
        Files.writeString(blocked, "a file where the unit's directory should be");
        Path fine = root.resolve("fine");

        try (JobLogPartWriter failing = new JobLogPartWriter(blocked.resolve("execution.1"), 10, disk);
             JobLogPartWriter writer = new JobLogPartWriter(fine, 10, disk)) {
            failing.write(record("lost"));
            writer.write(record("kept"));
        }

        assertEquals(1, diskFaults.size(), diskFaults::toString);
        assertTrue(Files.readString(fine.resolve("part.1.log")).endsWith(" kept\n"));
    }

    @Test
    void onceTheWriterThreadHasStoppedTheLoggingThreadWritesItself() throws IOException {
        disk.close();
        Path unit = root.resolve("unit");

        try (JobLogPartWriter writer = new JobLogPartWriter(unit, 2, disk)) {
            for (int record = 1; record <= 3; record++) {
                writer.write(record("record " + record));
            }
        }

        assertEquals(2, Files.readAllLines(unit.resolve("part.1.log")).size());
        assertTrue(Files.readString(unit.resolve("part.2.log")).endsWith(" record 3\n"));
    }

    @Test
    void aUnitThatLoggedNothingLeavesNoFile() {
        Path unit = root.resolve("unit");
        new JobLogPartWriter(unit, 10, disk).close();

        assertFalse(Files.exists(unit));
    }

    @Test
    void aLineHasLibertysLayoutWithTheLoggerPaddedTo62() {
        TimeZone previous = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            LogRecord record = new LogRecord(Level.INFO, "copied {0} items");
            record.setParameters(new Object[] {25});
            record.setLoggerName("probe.SimpleBatchlet");
            record.setInstant(Instant.parse("2026-11-21T12:53:28.946Z"));

            assertEquals("[11/21/26, 12:53:28:946 UTC] probe.SimpleBatchlet                                 "
                    + "          copied 25 items\n", JobLogRecordFormat.format(record));
            assertEquals(63, JobLogRecordFormat.format(record).indexOf("copied") - "[11/21/26, 12:53:28:946 UTC] ".length());
        } finally {
            TimeZone.setDefault(previous);
        }
    }

    @Test
    void aRecordWrittenToAPartIsExactlyItsFormattedLine() throws IOException {
        LogRecord plain = new LogRecord(Level.INFO, "item 7");
        plain.setLoggerName("io.batchrest.samples.NumberWriter");
        LogRecord withParameters = new LogRecord(Level.WARNING, "copied {0} of {1}");
        withParameters.setParameters(new Object[] {3, 4});
        withParameters.setLoggerName("a.logger.name.longer.than.the.sixty.two.characters.of.the.column.it.fills");
        withParameters.setThrown(new IllegalStateException("boom"));
        Path unit = root.resolve("unit");

        try (JobLogPartWriter writer = new JobLogPartWriter(unit, 10, disk)) {
            writer.write(plain);
            writer.write(withParameters);
        }

        assertEquals(JobLogRecordFormat.format(plain) + JobLogRecordFormat.format(withParameters),
                Files.readString(unit.resolve("part.1.log")));
    }

    @Test
    void aThrownExceptionFollowsItsRecord() {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setLoggerName("x");
        record.setThrown(new IllegalStateException("boom"));

        String formatted = JobLogRecordFormat.format(record);

        assertTrue(formatted.contains(" failed\njava.lang.IllegalStateException: boom\n"), formatted);
    }

    @Test
    void partsAreListedByNumberThenSubDirectoriesNumericNamesNumerically() throws IOException {
        Path execution = root.resolve("job/2026-11-21/instance.1/execution.2");
        for (String part : List.of("part.10.log", "part.2.log", "part.1.log", "step1/10/part.1.log",
                "step1/2/part.1.log", "step1/2/part.2.log", "split1/flow2/part.1.log", "split1/flow1/part.1.log",
                "notes.txt")) {
            Files.createDirectories(execution.resolve(part).getParent());
            Files.writeString(execution.resolve(part), part);
        }

        assertEquals(List.of("part.1.log", "part.2.log", "part.10.log", "split1/flow1/part.1.log",
                "split1/flow2/part.1.log", "step1/2/part.1.log", "step1/2/part.2.log", "step1/10/part.1.log"),
                files().parts(execution));
    }

    @Test
    void theTextFormWrapsEveryFileInBeginAndEndBanners() throws IOException {
        Path execution = root.resolve("j/d/instance.5/execution.7");
        Files.createDirectories(execution.resolve("step1/0"));
        Files.writeString(execution.resolve("part.1.log"), "top\n");
        Files.writeString(execution.resolve("step1/0/part.1.log"), "partition\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        files().writeText(List.of(new LogSection("instance.5/execution.7/",
                List.of("part.1.log", "step1/0/part.1.log"), LogSection.directory(execution))), out);

        assertEquals("xxxxx Begin file: instance.5/execution.7/part.1.log xxxxxxxxxxxxxxxxxx\ntop\n"
                + "\nxxxxx End file: instance.5/execution.7/part.1.log xxxxxxxxxxxxxxxxxx\n"
                + "xxxxx Begin file: instance.5/execution.7/step1/0/part.1.log xxxxxxxxxxxxxxxxxx\npartition\n"
                + "\nxxxxx End file: instance.5/execution.7/step1/0/part.1.log xxxxxxxxxxxxxxxxxx\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theZipFormHasOneEntryPerFileNamedAsInTheTextForm() throws IOException {
        Path execution = root.resolve("j/d/instance.5/execution.7");
        Files.createDirectories(execution);
        Files.writeString(execution.resolve("part.1.log"), "top\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        files().writeZip(List.of(new LogSection("execution.7/", List.of("part.1.log"),
                LogSection.directory(execution))), out);

        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName() + "=" + new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("execution.7/part.1.log=top\n"), entries);
    }

    @Test
    void onlyDirectoriesBelowTheRootAreEverServed() throws IOException {
        Path execution = Files.createDirectories(root.resolve("j/d/instance.1/execution.1"));

        assertEquals(execution, files().directory(execution + "/").orElseThrow());
        assertTrue(files().directory("/etc/").isEmpty());
        assertTrue(files().directory(root + "/../").isEmpty());
        assertTrue(files().directory(root.toString()).isEmpty());
        assertTrue(files().directory("").isEmpty());
        assertTrue(files().directory(null).isEmpty());
    }

    @Test
    void deletingTheLastExecutionRemovesTheInstanceAndAnEmptiedDateDirectory() throws IOException {
        Path first = Files.createDirectories(root.resolve("job/2026-11-21/instance.1/execution.1/step1/0"));
        Path other = Files.createDirectories(root.resolve("job/2026-11-21/instance.2/execution.3"));
        Files.writeString(first.resolve("part.1.log"), "x");

        files().deleteExecutionDirectories(List.of(root.resolve("job/2026-11-21/instance.1/execution.1")));

        assertFalse(Files.exists(root.resolve("job/2026-11-21/instance.1")));
        assertTrue(Files.exists(other), "another instance of that day stays, and so does the day");

        files().deleteExecutionDirectories(List.of(other));
        assertFalse(Files.exists(root.resolve("job/2026-11-21")));
        assertTrue(Files.exists(root.resolve("job")));
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("test");
        return record;
    }

    private JobLogFiles files() {
        JobLogFiles files = new JobLogFiles();
        files.settings = new JobLogSettings() {
            @Override
            public Path root() {
                return root.toAbsolutePath().normalize();
            }
        };
        return files;
    }
}
