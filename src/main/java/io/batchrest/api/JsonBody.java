package io.batchrest.api;

import io.batchrest.model.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON request bodies strictly: one object and nothing after it, string fields that are strings. Anything
 * else is a 400 that says what was wrong (Liberty answers 500 to most of these).
 */
final class JsonBody {

    /** Deeper nesting is refused before the body is built (a recursive build could exhaust the thread's stack). */
    static final int MAX_DEPTH = 32;

    /**
     * Created once: {@code Json.createParser} looks the JSON provider up through the service loader on every call,
     * which took a lock and a few hundred allocations on each submission (docs/benchmarks.md, "Submissions at the
     * plateau").
     */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final JsonObject object;
    private final String what;

    private JsonBody(JsonObject object, String what) {
        this.object = object;
        this.what = what;
    }

    /** Parses {@code bytes} as one JSON object; {@code what} names the body in messages. */
    static JsonBody parse(byte[] bytes, String what) {
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw Refusal.invalid("The " + what + " is empty: it must be a JSON object.");
        }
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(bytes))) {
            requireShallow(bytes, what);
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw Refusal.invalid("The " + what + " must be a JSON object.");
            }
            JsonObject object = parser.getObject();
            if (hasTrailingContent(parser)) {
                throw Refusal.invalid("The " + what + " has content after the end of its JSON object.");
            }
            return new JsonBody(object, what);
        } catch (JsonParsingException e) {
            throw Refusal.invalid("The " + what + " is not valid JSON (line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber() + ").");
        } catch (jakarta.json.JsonException e) {
            throw Refusal.invalid("The " + what + " is not valid JSON.");
        }
    }

    /** Walks the first JSON value event by event (no recursion) and refuses it when nested too deep. */
    private static void requireShallow(byte[] bytes, String what) {
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(bytes))) {
            int depth = 0;
            do {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        throw Refusal.invalid("The " + what + " nests objects and arrays more than "
                                + MAX_DEPTH + " levels deep.");
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            } while (depth > 0 && parser.hasNext());
        }
    }

    /** Anything but white space after the object, including text that is not JSON at all. */
    private static boolean hasTrailingContent(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (jakarta.json.JsonException notJson) {
            return true;
        }
    }

    /** A string field, or null when absent or JSON null. */
    String optionalString(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw Refusal.invalidParameter(field, "The attribute " + field + " of the " + what + " must be a string.");
    }

    /** An object field whose values are all strings (job parameters); empty when absent or null. */
    Map<String, String> stringMap(String field) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return result;
        }
        if (!(value instanceof JsonObject entries)) {
            throw Refusal.invalidParameter(field, "The attribute " + field + " of the " + what
                    + " must be an object whose values are strings.");
        }
        entries.forEach((name, entry) -> {
            if (!(entry instanceof JsonString string)) {
                throw Refusal.invalidParameter(field + "." + name, "The value of " + field + "." + name
                        + " must be a string; job parameter values are strings.");
            }
            result.put(name, string.getString());
        });
        return result;
    }
}
