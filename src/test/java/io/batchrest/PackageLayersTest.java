package io.batchrest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direction of the dependencies between the application's packages (README, "How it is built"): a package uses only
 * packages of a lower layer, so no import runs upward and no two packages depend on each other; only {@code api}
 * knows HTTP requests and responses, and only {@code repository} holds SQL.
 */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/batchrest");

    /** The layer of each package, lowest first; a package may use the packages of lower layers only. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            entry("model", 0), entry("config", 0),
            entry("query", 1), entry("security", 1), entry("status", 1), entry("samples", 1),
            entry("repository", 2),
            entry("events", 3),
            entry("metrics", 4),
            entry("joblog", 5),
            entry("cluster", 6),
            entry("runtime", 7),
            entry("service", 8), entry("health", 8),
            entry("api", 9));

    private static final Pattern APPLICATION_REFERENCE = Pattern.compile("\\bio\\.batchrest\\.([a-z]+)\\.");

    /** What only the API layer may know: JAX-RS, servlet requests and responses, HTTP status codes. */
    private static final Pattern HTTP = Pattern.compile(
            "\\bjakarta\\.ws\\.rs\\.|\\bjakarta\\.servlet\\.http\\.|\\bResponse\\.Status\\b|\\bHttpURLConnection\\.HTTP_");

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    /** SQL in a string literal (the statements and clauses the repository builds, in capitals as it writes them). */
    private static final Pattern SQL = Pattern.compile("\\b(SELECT|INSERT INTO|DELETE FROM|UPDATE [A-Z_]+ SET"
            + "|CREATE (UNIQUE )?(TABLE|INDEX)|ALTER TABLE|DROP (TABLE|INDEX)|WHERE|ORDER BY|GROUP BY)\\b");

    private static final Pattern JDBC = Pattern.compile("\\bimport (java|javax)\\.sql\\.");

    private static List<Path> sources;

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void everyPackageHasALayer() {
        TreeSet<String> packages = new TreeSet<>();
        sources.forEach(file -> packages.add(packageOf(file)));
        assertEquals(new TreeSet<>(LAYERS.keySet()), packages, "packages without a layer, or layers without a package");
    }

    @Test
    void noPackageUsesAPackageOfItsOwnOrAHigherLayer() {
        List<String> upward = new ArrayList<>();
        for (Path file : sources) {
            String from = packageOf(file);
            Matcher reference = APPLICATION_REFERENCE.matcher(code(read(file)));
            while (reference.find()) {
                String to = reference.group(1);
                if (!to.equals(from) && LAYERS.getOrDefault(to, Integer.MAX_VALUE) >= LAYERS.get(from)) {
                    upward.add(SOURCES.relativize(file) + " uses " + to);
                }
            }
        }
        assertEquals(List.of(), upward.stream().distinct().toList());
    }

    @Test
    void onlyTheApiKnowsHttp() {
        assertEquals(List.of(), filesOutside("api", text -> HTTP.matcher(text).find()));
    }

    @Test
    void onlyTheRepositoryHoldsSqlOrUsesJdbc() {
        assertEquals(List.of(), filesOutside("repository", text -> JDBC.matcher(text).find()
                || STRING_LITERAL.matcher(text).results().anyMatch(literal -> SQL.matcher(literal.group()).find())));
    }

    @Test
    void theScansRecogniseWhatTheyLookFor() {
        assertTrue(SQL.matcher("\"SELECT JOBINSTANCEID FROM JOBINSTANCE\"").find());
        assertTrue(SQL.matcher("\" WHERE SUBMITTER = ?\"").find());
        assertTrue(STRING_LITERAL.matcher("String q = \"UPDATE JOBINSTANCE SET X = ?\";").results()
                .anyMatch(literal -> SQL.matcher(literal.group()).find()));
        assertTrue(HTTP.matcher("import jakarta.ws.rs.core.Response;").find());
        assertTrue(APPLICATION_REFERENCE.matcher("import io.batchrest.api.view.JobInstanceView;").find());
        assertEquals(false, SQL.matcher("\"DELETE on the collection purges\"").find());
    }

    private static List<String> filesOutside(String owner, java.util.function.Predicate<String> offends) {
        return sources.stream().filter(file -> !packageOf(file).equals(owner))
                .filter(file -> offends.test(read(file))).map(file -> SOURCES.relativize(file).toString()).toList();
    }

    private static String packageOf(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    /** The text without its package line and comments: a comment may name any class. */
    private static String code(String text) {
        return text.replaceFirst("(?m)^package [^;]+;", "").replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("(?m)^\\s*//.*$", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
