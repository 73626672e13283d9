package io.batchrest.api;

import io.batchrest.api.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code Content-Type} and {@code Accept} before JAX-RS does: a value it cannot parse would otherwise be
 * Liberty's HTML error page or a server fault (a {@code q} that is not a number), and an unknown charset would be
 * ignored and the body read as UTF-8. Refused with a problem naming the header: 400, or 415 for the charset.
 */
public class MediaTypeHeaderFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** RFC 9110 qvalue: 0 to 1 with at most three decimals. */
    private static final Pattern Q_VALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> unreadable = unreadable(request);
        if (unreadable.isPresent()) {
            Problems.send(request, response, 400, "The " + unreadable.get() + " header is not a valid media type "
                    + "(type/subtype, optionally followed by ;parameter=value).");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !contentType.isBlank()) {
            String charset = MediaType.valueOf(contentType.trim()).getParameters().get("charset");
            if (charset != null && !isSupported(charset)) {
                Problems.send(request, response, 415, "The charset " + charset + " of the Content-Type header is not "
                        + "supported: send the body in UTF-8.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> unreadable(HttpServletRequest request) {
        for (String header : new String[] {"Content-Type", "Accept"}) {
            for (String value : Collections.list(request.getHeaders(header))) {
                String[] items = header.equals("Accept") ? value.split(",") : new String[] {value};
                for (String item : items) {
                    if (!item.isBlank() && !readable(item.trim())) {
                        return Optional.of(header);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean readable(String mediaType) {
        try {
            String q = MediaType.valueOf(mediaType).getParameters().get("q");
            return q == null || Q_VALUE.matcher(q).matches();
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException illegal) {
            return false;
        }
    }
}
