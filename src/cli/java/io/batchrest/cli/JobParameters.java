package io.batchrest.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Job parameters of submit and restart: a properties file ({@code --jobPropertiesFile}, alias
 * {@code --jobParametersFile}) and {@code --jobParameter=name=value} options, which override the file's entries of
 * the same name.
 */
final class JobParameters {

    @Option(names = {"--jobPropertiesFile", "--jobParametersFile"}, paramLabel = "file",
            description = "A properties file containing job parameters. --jobParametersFile is an alias.")
    Path propertiesFile;

    @Option(names = "--jobParameter", paramLabel = "key=value",
            description = "A job parameter. More than one --jobParameter option can be specified. It overrides a "
                    + "parameter of the same name in --jobPropertiesFile.")
    Map<String, String> parameters = new LinkedHashMap<>();

    /** The file's parameters in name order, then the options' in command-line order, the options winning. */
    Map<String, String> resolve() {
        Map<String, String> resolved = new LinkedHashMap<>(propertiesFile == null ? Map.of() : read(propertiesFile));
        parameters.forEach((name, value) -> {
            resolved.remove(name);
            resolved.put(name, value);
        });
        return resolved;
    }

    /** A properties file (UTF-8, with the usual escapes), as a name-ordered map. */
    static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.invalidValue("--jobPropertiesFile", file.toString(), "a readable properties file ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Map<String, String> sorted = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> sorted.put(name, properties.getProperty(name)));
        return sorted;
    }
}
