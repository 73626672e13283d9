package io.batchrest.joblog;

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
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The part-file writer, the line format, and listing, streaming and deleting files (SPEC §8). */
class JobLogWritingTest {

    @TempDir
    Path root;

    @Test
    void aNewPartStartsAfterMaxRecordsRecords() throws IOException {
        Path unit = root.resolve("job/2026-11-21/instance.1/execution.1");
        try (JobLogPartWriter writer = new JobLogPartWriter(unit, 3)) {
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
        JobLogPartWriter writer = new JobLogPartWriter(unit, 10);
        writer.write(record("kept"));
        writer.close();
        writer.write(record("dropped"));

        List<String> lines = Files.readAllLines(unit.resolve("part.1.log"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith(" kept"), lines::toString);
        assertTrue(writer.isClosed());
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

        try (JobLogPartWriter writer = new JobLogPartWriter(unit, 10)) {
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
