package io.batchrest.api.json;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerationException;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * batch-rest's own pretty printer prints what the JSON-P implementation of the server (Parsson) prints for the same
 * calls, and dates come out as the formatter of Liberty's pattern writes them.
 */
class JsonOutputTest {

    private static final String TEXT_CHARACTERS =
            "abcXYZ 019/:.-_\"\\\b\f\n\r\t\u0000\u0001\u001f\u007féß€😀\u2028";

    private TimeZone previous;

    @BeforeEach
    void rememberTimeZone() {
        previous = TimeZone.getDefault();
    }

    @AfterEach
    void restoreTimeZone() {
        TimeZone.setDefault(previous);
    }

    @Test
    void randomDocumentsArePrintedAsParssonPrintsThem() {
        for (int seed = 0; seed < 500; seed++) {
            int document = seed;
            String parsson = parsson(json -> new RandomDocument(new Random(document)).writeTo(json));
            String ours = JsonOutput.pretty(json -> new RandomDocument(new Random(document)).writeTo(json));
            assertEquals(parsson, ours, "document " + seed);
        }
    }

    @Test
    void emptyContainersAndScalarRootsAreLaidOutAsParssonLaysThemOut() {
        List<JsonRepresentation> bodies = List.of(
                json -> json.writeStartArray().writeEnd(),
                json -> json.writeStartObject().writeEnd(),
                json -> json.writeStartObject().writeStartArray("a").writeEnd().writeStartObject("o").writeEnd()
                        .writeEnd(),
                json -> json.writeStartArray().writeStartArray().writeEnd().writeStartObject().writeEnd().writeEnd(),
                json -> json.write("only"),
                json -> json.write(42L),
                json -> json.writeNull(),
                json -> json.write(Json.createObjectBuilder().add("n", 1.5).add("a", Json.createArrayBuilder()
                        .add(JsonValue.TRUE).add(JsonValue.NULL).add(new BigDecimal("1E+3"))).build()));
        for (JsonRepresentation body : bodies) {
            assertEquals(parsson(body), JsonOutput.pretty(body));
        }
    }

    /** Deeper than the random documents and the API's own bodies (depth 4) go: the levels past eight grow the stack. */
    @Test
    void aDeeplyNestedDocumentIsIndentedAsParssonIndentsIt() {
        JsonRepresentation deep = json -> {
            json.writeStartObject();
            for (int depth = 1; depth < 12; depth++) {
                json.write("depth", depth).writeStartArray("inner").write(depth).writeStartObject();
            }
            json.write("deepest", true);
            for (int depth = 1; depth < 12; depth++) {
                json.writeEnd().writeEnd();
            }
            json.writeEnd();
        };
        assertEquals(parsson(deep), JsonOutput.pretty(deep));
    }

    @Test
    void theBodyIsWrittenAsUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonOutput.write(json -> json.writeStartObject().write("name", "é€😀").writeEnd(), out);
        assertEquals("{\n    \"name\": \"é€😀\"\n}", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIncompleteOrIllFormedDocumentIsRefused() {
        assertThrows(JsonGenerationException.class, () -> JsonOutput.pretty(json -> json.writeStartArray()));
        assertThrows(JsonGenerationException.class, () -> JsonOutput.pretty(json -> { }));
        assertThrows(JsonGenerationException.class, () -> JsonOutput.pretty(json -> json.writeStartObject().write(1)));
        assertThrows(JsonGenerationException.class,
                () -> JsonOutput.pretty(json -> json.writeStartArray().write("n", 1)));
        assertThrows(JsonGenerationException.class, () -> JsonOutput.pretty(json -> json.write(1).write(2)));
        assertThrows(JsonGenerationException.class, () -> JsonOutput.pretty(JsonGenerator::writeEnd));
        assertThrows(JsonGenerationException.class,
                () -> JsonOutput.pretty(json -> json.writeStartObject().writeKey("a").writeEnd()));
        assertThrows(JsonGenerationException.class,
                () -> JsonOutput.pretty(json -> json.writeStartObject().writeKey("a").write("b", 1)));
        assertThrows(NumberFormatException.class, () -> JsonOutput.pretty(json -> json.write(Double.NaN)));
    }

    @Test
    void datesAreFormattedAsLibertysPatternFormatsThem() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS Z");
        Random random = new Random(7);
        // Whole, half and quarter hours on either side of UTC, summer time, and zones whose old offsets had seconds.
        for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "America/St_Johns",
                "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe", "Europe/Amsterdam", "Africa/Monrovia")) {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            ZoneId id = ZoneId.of(zone);
            for (int i = 0; i < 2_000; i++) {
                // From the year 1 to 2300: the old years take the formatter's own path.
                long second = -62_135_596_800L + (long) (random.nextDouble() * 72_000_000_000L);
                Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
                assertEquals(pattern.format(instant.atZone(id)), JsonOutput.date(instant), zone + " " + instant);
            }
        }
        assertEquals("", JsonOutput.date(null));
    }

    private static String parsson(JsonRepresentation body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(out)) {
            body.writeTo(json);
        }
        return out.toString();
    }

    /** A document of random shape and values, written call by call through each typed method of the generator. */
    private record RandomDocument(Random random) {

        void writeTo(JsonGenerator json) {
            if (random.nextBoolean()) {
                json.writeStartObject();
                members(json, 0);
            } else {
                json.writeStartArray();
                elements(json, 0);
            }
            json.writeEnd();
        }

        private void members(JsonGenerator json, int depth) {
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                String name = text();
                if (random.nextInt(6) == 0) {
                    // A member through writeKey and a value without a name.
                    json.writeKey(name);
                    if (depth < 4 && random.nextBoolean()) {
                        json.writeStartArray();
                        elements(json, depth + 1);
                        json.writeEnd();
                    } else {
                        json.write(text());
                    }
                    continue;
                }
                switch (random.nextInt(depth < 4 ? 12 : 10)) {
                    case 0 -> json.write(name, text());
                    case 1 -> json.write(name, random.nextInt());
                    case 2 -> json.write(name, random.nextLong());
                    case 3 -> json.write(name, random.nextDouble() * 1e6);
                    case 4 -> json.write(name, BigDecimal.valueOf(random.nextLong(), random.nextInt(10) - 5));
                    case 5 -> json.write(name, BigInteger.valueOf(random.nextLong()).pow(2));
                    case 6 -> json.write(name, random.nextBoolean());
                    case 7 -> json.writeNull(name);
                    case 8 -> json.write(name, Json.createValue(text()));
                    case 9 -> json.write(name, Json.createArrayBuilder().add(random.nextInt()).add(text()).build());
                    case 10 -> {
                        json.writeStartObject(name);
                        members(json, depth + 1);
                        json.writeEnd();
                    }
                    default -> {
                        json.writeStartArray(name);
                        elements(json, depth + 1);
                        json.writeEnd();
                    }
                }
            }
        }

        private void elements(JsonGenerator json, int depth) {
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                switch (random.nextInt(depth < 4 ? 12 : 10)) {
                    case 0 -> json.write(text());
                    case 1 -> json.write(random.nextInt());
                    case 2 -> json.write(random.nextLong());
                    case 3 -> json.write(random.nextDouble() * 1e-3);
                    case 4 -> json.write(BigDecimal.valueOf(random.nextLong(), random.nextInt(10) - 5));
                    case 5 -> json.write(BigInteger.valueOf(random.nextLong()).pow(2));
                    case 6 -> json.write(random.nextBoolean());
                    case 7 -> json.writeNull();
                    case 8 -> json.write(Json.createObjectBuilder().add(text(), text()).add("x", JsonValue.FALSE)
                            .build());
                    case 9 -> json.write(JsonValue.EMPTY_JSON_ARRAY);
                    case 10 -> {
                        json.writeStartObject();
                        members(json, depth + 1);
                        json.writeEnd();
                    }
                    default -> {
                        json.writeStartArray();
                        elements(json, depth + 1);
                        json.writeEnd();
                    }
                }
            }
        }

        private String text() {
            int length = random.nextInt(12);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(TEXT_CHARACTERS.codePointAt(
                        TEXT_CHARACTERS.offsetByCodePoints(0, random.nextInt(TEXT_CHARACTERS.codePointCount(0,
                                TEXT_CHARACTERS.length())))));
            }
            return text.toString();
        }
    }
}
