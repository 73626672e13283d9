package io.batchrest.api;

import io.batchrest.api.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;

/**
 * Bounds request bodies at {@link #MAX_BODY_BYTES}: a larger declared length is a 413 before anything is read; a
 * chunked body is counted as it is read and fails with {@link UnreadableBodyException} (a 413) at the limit. A body
 * that cannot be read at all (malformed chunked encoding, a connection closed early) fails the same way with a 400,
 * instead of surfacing as a server fault. Limits: docs/api.md, "Limits".
 */
public class RequestBodyFilter extends HttpFilter {

    /** 4 MiB: far above any submission (inline JSL, job parameters), far below what could strain the heap. */
    public static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            Problems.send(request, response, 413, String.format(Locale.ROOT, "The request body has %,d bytes: the "
                    + "batch API accepts at most %,d bytes (4 MiB).", declared, MAX_BODY_BYTES));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream body;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (body == null) {
                    body = new BoundedBody(request.getInputStream());
                }
                return body;
            }
        }, response);
    }

    /** A request body that could not be read; {@code status} is the answer (400, or 413 past the limit). */
    public static final class UnreadableBodyException extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;

        UnreadableBodyException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final class BoundedBody extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        BoundedBody(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = readingFailure(() -> in.read());
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = readingFailure(() -> in.read(buffer, offset, length));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int bytes) throws UnreadableBodyException {
            read += bytes;
            if (read > MAX_BODY_BYTES) {
                throw new UnreadableBodyException(413, String.format(Locale.ROOT, "The request body is longer than "
                        + "%,d bytes (4 MiB), the most the batch API accepts.", MAX_BODY_BYTES));
            }
        }

        private interface Read {
            int run() throws IOException;
        }

        private static int readingFailure(Read read) throws UnreadableBodyException {
            try {
                return read.run();
            } catch (IOException e) {
                throw new UnreadableBodyException(400, "The request body could not be read: its transfer encoding "
                        + "is malformed or the connection ended before the body did.");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
