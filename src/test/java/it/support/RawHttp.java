package it.support;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests written byte by byte on a TLS connection of their own: for request lines, headers and bodies that an
 * HTTP client would refuse or repair (unencoded {@code >} in a query, a raw {@code %}, a malformed chunked body).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** {@code Authorization} for a development user (password = user name + "pwd"). */
    public static String basic(String user) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "pwd")
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /**
     * Sends {@code method target HTTP/1.1}, the Host header, {@code headers} (each line ending with CRLF, as given),
     * {@code Connection: close} and {@code body} exactly as given; no Content-Length is added.
     */
    public static ApiResponse send(String method, String target, String headers, byte[] body) {
        String head = method + " " + target + " HTTP/1.1\r\n"
                + "Host: localhost:" + BatchApi.HTTPS_PORT + "\r\n"
                + headers
                + "Connection: close\r\n\r\n";
        try (SSLSocket socket = (SSLSocket) BatchApi.tls().getSocketFactory().createSocket("localhost",
                BatchApi.HTTPS_PORT)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            // The body is written beside the reading: a server may answer a body it refuses (too large) before it
            // has read all of it, and then neither read the rest nor close the connection.
            Thread writer = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException answeredEarly) {
                    // the answer is read all the same
                }
            }, "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            return parse(readResponse(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with a body and its Content-Type and Content-Length. */
    public static ApiResponse send(String method, String target, String headers, String contentType, byte[] body) {
        return send(method, target, headers + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length
                + "\r\n", body);
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    /** One response: its head, then as many body bytes as it announces (Content-Length, or chunks to the last). */
    private static byte[] readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int headEnd = -1;
        byte[] buffer = new byte[8192];
        while (true) {
            String text = response.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0) {
                headEnd = text.indexOf("\r\n\r\n");
            }
            if (headEnd >= 0 && isComplete(text, headEnd + 4)) {
                return response.toByteArray();
            }
            int n = in.read(buffer);
            if (n < 0) {
                return response.toByteArray();
            }
            response.write(buffer, 0, n);
        }
    }

    private static boolean isComplete(String text, int bodyStart) {
        String head = text.substring(0, bodyStart).toLowerCase(Locale.ROOT);
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return text.length() - bodyStart >= Integer.parseInt(length.group(1));
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            String body = text.substring(bodyStart);
            return body.startsWith("0\r\n\r\n") || body.contains("\r\n0\r\n\r\n");
        }
        return false;
    }

    private static ApiResponse parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("Not an HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        HttpHeaders httpHeaders = HttpHeaders.of(headers, (name, value) -> true);
        if (httpHeaders.firstValue("Transfer-Encoding").orElse("").equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new ApiResponse(Integer.parseInt(lines[0].substring(9, 12)), httpHeaders,
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, at);
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("Chunked body without line end");
    }
}
