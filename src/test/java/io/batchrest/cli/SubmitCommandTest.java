package io.batchrest.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The submit request that the options make (docs/contract.md §4). */
class SubmitCommandTest {

    @TempDir
    Path directory;

    private static JsonObject submission(String... args) {
        SubmitCommand submit = new SubmitCommand();
        new CommandLine(submit).parseArgs(args);
        return submit.submission();
    }

    @Test
    void aPackagedJobIsNamedWithItsApplicationAndParameters() {
        JsonObject expected = Json.createObjectBuilder().add("applicationName", "batch-rest")
                .add("jobXMLName", "sleepyBatchlet")
                .add("jobParameters", Json.createObjectBuilder().add("sleepSeconds", "0").add("logLines", "2"))
                .build();
        assertEquals(expected, submission("--batchManager=localhost:9443", "--applicationName=batch-rest",
                "--jobXMLName=sleepyBatchlet", "--jobParameter=sleepSeconds=0", "--jobParameter=logLines=2"));
    }

    @Test
    void jobXmlFileSendsTheJslInline() throws IOException {
        String jsl = "<job id=\"inline\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n"
                + "  <step id=\"s\"><batchlet ref=\"loggingBatchlet\"/></step>\n</job>\n";
        Path file = Files.writeString(directory.resolve("inline.xml"), jsl);
        JsonObject submission = submission("--batchManager=localhost:9443", "--moduleName=batch-rest.war",
                "--componentName=c", "--jobXMLFile=" + file);
        assertEquals(Json.createObjectBuilder().add("moduleName", "batch-rest.war").add("componentName", "c")
                .add("jobParameters", Json.createObjectBuilder()).add("jobXML", jsl).build(), submission);
    }

    @Test
    void anUnreadableJslFileIsAnUnacceptableValue() {
        Path missing = directory.resolve("missing.xml");
        CliException error = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> submission("--batchManager=localhost:9443", "--applicationName=a", "--jobXMLFile=" + missing));
        assertEquals(ExitCodes.INVALID_ARGUMENT_VALUE, error.exitCode());
    }
}
