package io.batchrest.api;

import io.batchrest.model.Refusal;
import io.batchrest.query.QueryValues;

import java.util.Locale;

/**
 * The query of a joblogs request (docs/contract.md §8), checked before anything is read: {@code type}, {@code part},
 * and for text answers {@code follow} and {@code offset} (docs/api.md, "Following a job log"). A combination that
 * cannot mean anything is a 400 naming the parameter at fault.
 *
 * @param type   {@code null} without {@code type}: links, or with {@code part} the part's raw bytes
 * @param offset the first byte of the text answer to send, counted in the whole text answer
 */
record JobLogQuery(Type type, String part, boolean follow, long offset) {

    enum Type { TEXT, ZIP }

    static JobLogQuery parse(String type, String part, String follow, String offset) {
        Type parsedType = type(type);
        boolean following = QueryValues.flag("follow", follow);
        long start = offset == null ? 0 : QueryValues.nonNegativeLong("offset", offset);
        if (following && parsedType != Type.TEXT) {
            throw Refusal.invalidParameter("follow", parsedType == Type.ZIP
                    ? "A zip cannot be followed: follow=true needs type=text."
                    : "follow=true streams the text form of the log: add type=text.");
        }
        if (following && part != null) {
            throw Refusal.invalidParameter("part", "follow=true follows the whole log of the execution, not one "
                    + "part: leave out part.");
        }
        boolean text = parsedType == Type.TEXT || parsedType == null && part != null;
        if (offset != null && !text) {
            throw Refusal.invalidParameter("offset", "offset applies to text answers only: add type=text.");
        }
        return new JobLogQuery(parsedType, part, following, start);
    }

    private static Type type(String type) {
        if (type == null) {
            return null;
        }
        try {
            return Type.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidParameter("type", "The type " + type + " is not supported: use type=text or "
                    + "type=zip.");
        }
    }
}
