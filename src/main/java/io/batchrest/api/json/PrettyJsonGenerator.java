package io.batchrest.api.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerationException;
import jakarta.json.stream.JsonGenerator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes one JSON value into a {@link StringBuilder}, pretty-printed exactly as the JSON-P implementation of the
 * server (Parsson) does with {@link JsonGenerator#PRETTY_PRINTING}: four spaces per level, a line per member and
 * element, {@code "name": value}, and only {@code "}, {@code \} and control characters escaped. Liberty's API prints
 * its bodies that way, and clients compare them.
 *
 * <p>Why not Parsson's own generator: it copies every indentation and string through its buffer a character range at
 * a time and encodes through an {@code OutputStreamWriter}; for a page of 50 instances that was a fifth of the
 * server's CPU per request (docs/benchmarks.md, "A cheaper JSON body"). Here the body is built as one string and
 * encoded once. {@code JsonOutputTest} checks that both print the same text.
 */
final class PrettyJsonGenerator implements JsonGenerator {

    private static final String INDENT = "    ";

    private final StringBuilder out;
    /** Per open level: whether it is an object (else an array), and whether it has a member or element yet. */
    private boolean[] inObject = new boolean[8];
    private boolean[] hasItem = new boolean[8];
    private int depth;
    private boolean rootWritten;
    /** A member's name has been written by {@link #writeKey}, and its value comes next. */
    private boolean keyWritten;

    PrettyJsonGenerator(StringBuilder out) {
        this.out = out;
    }

    // ---- structure

    @Override
    public JsonGenerator writeStartObject() {
        beforeValue();
        out.append('{');
        open(true);
        return this;
    }

    @Override
    public JsonGenerator writeStartArray() {
        beforeValue();
        out.append('[');
        open(false);
        return this;
    }

    /** A member's separator, new line, indentation and {@code "name": }; its value comes next. */
    @Override
    public JsonGenerator writeKey(String name) {
        if (depth == 0 || !inObject[depth - 1] || keyWritten) {
            throw new JsonGenerationException("A named value outside an object");
        }
        nextItem();
        string(name);
        out.append(": ");
        keyWritten = true;
        return this;
    }

    @Override
    public JsonGenerator writeEnd() {
        if (depth == 0 || keyWritten) {
            throw new JsonGenerationException("writeEnd() cannot be called in no context or after a key");
        }
        boolean object = inObject[--depth];
        out.append('\n');
        indent();
        out.append(object ? '}' : ']');
        return this;
    }

    // ---- members of an object: the name, then the value as an element is written

    @Override
    public JsonGenerator writeStartObject(String name) {
        return writeKey(name).writeStartObject();
    }

    @Override
    public JsonGenerator writeStartArray(String name) {
        return writeKey(name).writeStartArray();
    }

    @Override
    public JsonGenerator write(String name, JsonValue value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, String value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, BigInteger value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, BigDecimal value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, int value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, long value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, double value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, boolean value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator writeNull(String name) {
        return writeKey(name).writeNull();
    }

    // ---- elements of an array, the root value, or the value of a member after its key

    @Override
    public JsonGenerator write(JsonValue value) {
        switch (value.getValueType()) {
            case ARRAY -> {
                writeStartArray();
                ((JsonArray) value).forEach(this::write);
                writeEnd();
            }
            case OBJECT -> {
                writeStartObject();
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    write(member.getKey(), member.getValue());
                }
                writeEnd();
            }
            case STRING -> write(((JsonString) value).getString());
            case NUMBER -> {
                beforeValue();
                out.append(((JsonNumber) value).toString());
            }
            case TRUE -> write(true);
            case FALSE -> write(false);
            case NULL -> writeNull();
            default -> throw new IllegalArgumentException(String.valueOf(value.getValueType()));
        }
        return this;
    }

    @Override
    public JsonGenerator write(String value) {
        beforeValue();
        string(value);
        return this;
    }

    @Override
    public JsonGenerator write(BigDecimal value) {
        beforeValue();
        out.append(value.toString());
        return this;
    }

    @Override
    public JsonGenerator write(BigInteger value) {
        beforeValue();
        out.append(value.toString());
        return this;
    }

    @Override
    public JsonGenerator write(int value) {
        beforeValue();
        out.append(value);
        return this;
    }

    @Override
    public JsonGenerator write(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    @Override
    public JsonGenerator write(double value) {
        finite(value);
        beforeValue();
        out.append(value);
        return this;
    }

    @Override
    public JsonGenerator write(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    @Override
    public JsonGenerator writeNull() {
        beforeValue();
        out.append("null");
        return this;
    }

    @Override
    public void flush() {
        // Nothing is buffered outside the builder.
    }

    @Override
    public void close() {
        if (depth != 0 || !rootWritten) {
            throw new JsonGenerationException("Generating incomplete JSON");
        }
    }

    // ---- layout

    private void open(boolean object) {
        if (depth == inObject.length) {
            inObject = Arrays.copyOf(inObject, depth * 2);
            hasItem = Arrays.copyOf(hasItem, depth * 2);
        }
        inObject[depth] = object;
        hasItem[depth] = false;
        depth++;
    }

    /**
     * Before an element of an array or the root value: the separator, a new line and the indentation; nothing before
     * the value of a member whose name {@link #writeKey} wrote.
     */
    private void beforeValue() {
        if (keyWritten) {
            keyWritten = false;
            return;
        }
        if (depth == 0) {
            if (rootWritten) {
                throw new JsonGenerationException("Cannot generate more than one JSON text");
            }
            rootWritten = true;
            return;
        }
        if (inObject[depth - 1]) {
            throw new JsonGenerationException("A value in an object needs a name");
        }
        nextItem();
    }

    private void nextItem() {
        if (hasItem[depth - 1]) {
            out.append(',');
        }
        hasItem[depth - 1] = true;
        out.append('\n');
        indent();
    }

    private void indent() {
        for (int level = 0; level < depth; level++) {
            out.append(INDENT);
        }
    }

    /**
     * A string literal: only {@code "}, {@code \} and characters below U+0020 are escaped, as Parsson does. A string
     * without any (nearly all of them) is appended whole, which copies its array instead of each character.
     */
    private void string(String value) {
        out.append('"');
        int length = value.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(Character.forDigit(c >> 4, 16))
                        .append(Character.forDigit(c & 0xf, 16));
            }
        }
        if (plain == 0) {
            out.append(value);
        } else {
            out.append(value, plain, length);
        }
        out.append('"');
    }

    private static void finite(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw new NumberFormatException("A JSON number cannot be infinite or NaN: " + value);
        }
    }
}
