package io.batchrest.api.json;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** How every JSON body of the API is written: pretty-printed UTF-8, with Liberty's date format. */
public final class JsonOutput {

    public static final String JSON_UTF8 = "application/json; charset=UTF-8";
    public static final String PROBLEM_JSON = "application/problem+json; charset=UTF-8";

    /** Liberty renders dates in the server's default time zone with this pattern (docs/contract.md §1). */
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS Z");

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

    /** Pretty-printed as Liberty's API prints its bodies ({@link PrettyJsonGenerator}). */
    public static String pretty(JsonRepresentation body) {
        StringBuilder text = new StringBuilder(8192);
        try (JsonGenerator json = new PrettyJsonGenerator(text)) {
            body.writeTo(json);
        }
        return text.toString();
    }

    public static void write(JsonRepresentation body, OutputStream out) throws IOException {
        out.write(pretty(body).getBytes(StandardCharsets.UTF_8));
    }

    /** A date as the API shows it; a missing date is {@code ""}. */
    public static String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZoneId zone = ZoneId.systemDefault();
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        int offsetSeconds = offset.getTotalSeconds();
        if (local.getYear() < 1000 || local.getYear() > 9999 || offsetSeconds % 60 != 0) {
            return DATE_FORMAT.format(instant.atZone(zone));
        }
        // The pattern by hand: a page of instances formats two dates each, and the formatter took 3 % of the
        // server's CPU for such a page (docs/benchmarks.md, "A cheaper JSON body").
        char[] text = "0000/00/00 00:00:00.000 +0000".toCharArray();
        int offsetMinutes = Math.abs(offsetSeconds) / 60;
        int[] values = {local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(),
                local.getMinute(), local.getSecond(), local.getNano() / 1_000_000, offsetMinutes / 60,
                offsetMinutes % 60};
        for (int field = 0; field < values.length; field++) {
            digits(text, DATE_FIELD_AT[field], values[field], DATE_FIELD_WIDTH[field]);
        }
        text[24] = offsetSeconds < 0 ? '-' : '+';
        return new String(text);
    }

    /** Where each number of the date's pattern starts, and its digits: year to millisecond, offset hours, minutes. */
    private static final int[] DATE_FIELD_AT = {0, 5, 8, 11, 14, 17, 20, 25, 27};
    private static final int[] DATE_FIELD_WIDTH = {4, 2, 2, 2, 2, 2, 3, 2, 2};

    /** {@code value} in {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** A string as the API shows it; a missing string is {@code ""}. */
    public static String text(String value) {
        return value == null ? "" : value;
    }
}
