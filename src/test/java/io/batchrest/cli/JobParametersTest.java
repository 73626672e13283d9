package io.batchrest.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Job parameters from --jobPropertiesFile and --jobParameter. */
class JobParametersTest {

    @TempDir
    Path directory;

    private static JobParameters parse(String... args) {
        RestartCommand restart = new RestartCommand();
        String[] all = new String[args.length + 2];
        all[0] = "--batchManager=localhost:9443";
        all[1] = "--jobInstanceId=1";
        System.arraycopy(args, 0, all, 2, args.length);
        new CommandLine(restart).parseArgs(all);
        return restart.jobParameters;
    }

    private Path file(String content) throws IOException {
        return Files.writeString(directory.resolve("job.properties"), content, StandardCharsets.UTF_8);
    }

    @Test
    void aPropertiesFileIsReadWithCommentsEscapesContinuationsAndUnicode() throws IOException {
        Path file = file("# nightly run\n! also a comment\nsleepSeconds = 3\nlogLines:7\n"
                + "path=C:\\\\data\\\\in\nlong=first \\\n    second\ngreeting=grüß \\u00e9\nempty=\n");
        Map<String, String> parameters = JobParameters.read(file);
        assertEquals(List.of("empty", "greeting", "logLines", "long", "path", "sleepSeconds"),
                List.copyOf(parameters.keySet()), "name order");
        assertEquals("3", parameters.get("sleepSeconds"));
        assertEquals("7", parameters.get("logLines"));
        assertEquals("C:\\data\\in", parameters.get("path"));
        assertEquals("first second", parameters.get("long"));
        assertEquals("grüß é", parameters.get("greeting"));
        assertEquals("", parameters.get("empty"));
    }

    @Test
    void jobParameterOptionsOverrideTheFileByNameAndKeepTheirOrder() throws IOException {
        Path file = file("b=file\na=file\nc=file\n");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("c", "file");
        expected.put("b", "option");
        expected.put("z", "x=y");
        expected.put("a", "option");
        Map<String, String> resolved = parse("--jobPropertiesFile=" + file, "--jobParameter=b=option",
                "--jobParameter=z=x=y", "--jobParameter=a=option").resolve();
        assertEquals(expected, resolved);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(resolved.keySet()));
    }

    @Test
    void jobParametersFileIsAnAliasOfJobPropertiesFile() throws IOException {
        Path file = file("items=5\n");
        assertEquals(Map.of("items", "5"), parse("--jobParametersFile=" + file).resolve());
    }

    @Test
    void withoutFileOrOptionsThereAreNoParameters() {
        assertTrue(parse().resolve().isEmpty());
    }

    @Test
    void aMissingFileIsAnUnacceptableValue() {
        Path missing = directory.resolve("missing.properties");
        CliException error = assertThrows(CliException.class,
                () -> parse("--jobPropertiesFile=" + missing).resolve());
        assertEquals(ExitCodes.INVALID_ARGUMENT_VALUE, error.exitCode());
        assertTrue(error.getMessage().startsWith("Unacceptable value for argument: --jobPropertiesFile=" + missing
                + ". Acceptable values: a readable properties file (NoSuchFileException"), error.getMessage());
    }
}
