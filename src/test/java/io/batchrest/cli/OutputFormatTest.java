package io.batchrest.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message texts, the timestamp prefix, records and file names as the client prints and uses them. */
class OutputFormatTest {

    @Test
    void messagesTakeTheirInsertsVerbatimWithoutNumberGrouping() {
        assertEquals("CWWKY0101I: Job sleepyBatchlet with instance ID 12345 has been submitted.",
                Messages.format(Messages.JOB_SUBMITTED, "sleepyBatchlet", 12345L));
        assertEquals("CWWKY0105I: Job j with instance ID 7 has finished. Batch status: COMPLETED. Exit status: 8:x",
                Messages.format(Messages.JOB_FINISHED, "j", 7, BatchStatus.COMPLETED, "8:x"));
        assertEquals("CWWKY0106I: JobInstance:{\"a\":1}", Messages.format(Messages.JOB_INSTANCE_RECORD, "{\"a\":1}"));
        assertEquals("{x} {0", Messages.format("{x} {0", "ignored"));
    }

    @Test
    void theTimestampIsLibertys() {
        assertTrue(Output.timestamp().matches("\\[\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [+-]\\d{4}]"),
                Output.timestamp());
    }

    @Test
    void aRecordIsTheJsonWithoutLinksInTheServersFieldOrder() {
        JsonObject instance = Json.createObjectBuilder().add("jobName", "j").add("instanceId", 3)
                .add("_links", Json.createArrayBuilder().add(Json.createObjectBuilder().add("rel", "self")))
                .add("appName", "a#a.war").build();
        assertEquals("{\"jobName\":\"j\",\"instanceId\":3,\"appName\":\"a#a.war\"}", BatchCommand.record(instance));
    }

    @Test
    void aZipIsSavedUnderTheFileNameOfContentDispositionInTheWorkingDirectory() {
        assertEquals(Path.of("joblogs.execution.7.zip"),
                GetJobLogCommand.suggestedFile("attachment; filename=\"joblogs.execution.7.zip\""));
        assertEquals(Path.of("joblogs.zip"), GetJobLogCommand.suggestedFile("attachment; filename=joblogs.zip"));
        assertEquals(Path.of("evil.zip"), GetJobLogCommand.suggestedFile("attachment; filename=\"../../evil.zip\""));
        assertNull(GetJobLogCommand.suggestedFile("inline"));
        assertNull(GetJobLogCommand.suggestedFile(null));
    }
}
