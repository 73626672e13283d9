package io.batchrest.api.json;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** How every JSON body of the API is written: pretty-printed UTF-8, with Liberty's date format. */
public final class JsonOutput {

    public static final String JSON_UTF8 = "application/json; charset=UTF-8";
    public static final String PROBLEM_JSON = "application/problem+json; charset=UTF-8";

    /** Liberty renders dates in the server's default time zone with this pattern (docs/contract.md §1). */
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS Z");

    private static final JsonGeneratorFactory PRETTY =
            Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private JsonOutput() {
    }

    private static final JsonGeneratorFactory COMPACT = Json.createGeneratorFactory(Map.of());

    /** On one line, as a server-sent event's data must be to stay one {@code data:} field. */
    public static String compact(JsonRepresentation body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = COMPACT.createGenerator(out)) {
            body.writeTo(json);
        }
        return out.toString();
    }

    public static void write(JsonRepresentation body, OutputStream out) {
        try (JsonGenerator json = PRETTY.createGenerator(out, StandardCharsets.UTF_8)) {
            body.writeTo(json);
        }
    }

    /** A date as the API shows it; a missing date is {@code ""}. */
    public static String date(Instant instant) {
        return instant == null ? "" : DATE_FORMAT.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** A string as the API shows it; a missing string is {@code ""}. */
    public static String text(String value) {
        return value == null ? "" : value;
    }
}
