package io.batchrest.api;

import io.batchrest.query.JobInstanceSearchParser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The raw query string of a request, checked and made readable for JAX-RS. Servlet containers pass on characters
 * that {@code java.net.URI} refuses ({@code >}, {@code <}, {@code "}, spaces...): Liberty's own
 * {@code batchManager} sends {@code createTime=>1d} unencoded. JAX-RS builds a URI of every request, so such a
 * query is percent-encoded first; it then means exactly what the client sent. A {@code %} that does not start an
 * escape, or a single-valued parameter given twice with different values, is refused (docs/api.md, "Query strings").
 */
final class QueryString {

    /** Characters java.net.URI accepts in a query besides letters and digits; '%' is checked separately. */
    private static final String URI_QUERY_CHARACTERS = "-_.!~*'();/?:@&=+$,[]";

    private QueryString() {
    }

    /** Why a query string is refused, naming its parameter. */
    record Refusal(String parameter, String reason) {
    }

    /** {@code raw} with every ASCII character that java.net.URI refuses in a query percent-encoded. */
    static String uriSafe(String raw) {
        StringBuilder safe = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean refused = c < 0x80 && !Character.isLetterOrDigit(c) && c != '%'
                    && URI_QUERY_CHARACTERS.indexOf(c) < 0;
            if (refused && safe == null) {
                safe = new StringBuilder(raw.length() + 8).append(raw, 0, i);
            }
            if (safe != null) {
                if (refused) {
                    safe.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                } else {
                    safe.append(c);
                }
            }
        }
        return safe == null ? raw : safe.toString();
    }

    /** The first reason to refuse {@code raw}, if any. */
    static Optional<Refusal> refusal(String raw) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            if (!escapesAreComplete(rawName)) {
                return Optional.of(new Refusal(rawName, "The query parameter name " + rawName + " is not valid: "
                        + "'%' must start an escape of two hexadecimal digits (write a literal '%' as %25)."));
            }
            String name = decode(rawName);
            if (!escapesAreComplete(rawValue)) {
                return Optional.of(new Refusal(name, "The " + name + " value is not valid: '%' must start an "
                        + "escape of two hexadecimal digits (write a literal '%' as %25)."));
            }
            values.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(decode(rawValue));
        }
        return values.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1
                        && !JobInstanceSearchParser.REPEATABLE_FILTERS.contains(entry.getKey()))
                .findFirst()
                .map(entry -> new Refusal(entry.getKey(), "The query parameter " + entry.getKey()
                        + " is given more than once with different values: give it once."));
    }

    private static boolean escapesAreComplete(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !isHexDigit(text.charAt(i + 1)) || !isHexDigit(text.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
