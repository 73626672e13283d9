package io.batchrest.query;

import io.batchrest.model.Refusal;

import java.util.regex.Pattern;
import java.util.OptionalLong;

/**
 * Numbers and flags in query parameters and paths. Only ASCII digits count: Java would also accept digits of other
 * scripts ({@code １２}), which a client cannot have meant as an id (docs/contract.md §0).
 */
public final class QueryValues {

    private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,19}");

    private QueryValues() {
    }

    public static int nonNegativeInt(String parameter, String value) {
        return (int) nonNegative(parameter, value, Integer.MAX_VALUE);
    }

    public static long nonNegativeLong(String parameter, String value) {
        return nonNegative(parameter, value, Long.MAX_VALUE);
    }

    private static long nonNegative(String parameter, String value, long largest) {
        long number = parseLong(value).orElseThrow(() -> Refusal.invalidParameter(parameter,
                "The " + parameter + " value " + value + " is not a number."));
        if (number < 0 || number > largest) {
            throw Refusal.invalidParameter(parameter, "The " + parameter + " value " + value
                    + " is out of range: it must be a number from 0.");
        }
        return number;
    }

    /** A path id such as an instance id: Liberty's message "The job instance id (x) must be a Long integer". */
    public static long pathId(String what, String value) {
        return parseLong(value).orElseThrow(() -> Refusal.invalidParameter(what,
                "The " + what + " (" + value + ") must be a Long integer"));
    }

    /** {@code true} or {@code false} in any case; absent is {@code false}. */
    public static boolean flag(String parameter, String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw Refusal.invalidParameter(parameter, "The " + parameter + " value " + value
                + " is not valid: it must be true or false.");
    }

    static OptionalLong parseLong(String value) {
        if (value == null || !ASCII_INTEGER.matcher(value).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
