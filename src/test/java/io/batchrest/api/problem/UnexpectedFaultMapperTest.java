package io.batchrest.api.problem;

import io.batchrest.api.RequestBodyFilter;
import io.batchrest.api.RequestBodyFilter.UnreadableBodyException;
import io.batchrest.repository.RepositoryException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The last resort: client faults keep their status, a busy repository is a 503, anything else a bare 500. */
class UnexpectedFaultMapperTest {

    private static final String PATH = "/ibm/api/batch/jobinstances";

    /** The 500s are logged with their stack traces, as they should be; not in the test output. */
    private static final Logger QUIET = Logger.getLogger(Problems.class.getName());

    private final UnexpectedFaultMapper mapper = new UnexpectedFaultMapper();

    @BeforeAll
    static void responses() {
        Fakes.installResponses();
        QUIET.setLevel(Level.OFF);
    }

    UnexpectedFaultMapperTest() {
        mapper.request = Fakes.request(PATH);
    }

    @Test
    void aTransientRepositoryFaultWhereverItSurfacedIsA503() {
        Response response = mapper.toResponse(new IllegalStateException("JobStartException",
                new RuntimeException(new SQLException("Lock timeout", "40XL1"))));

        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(new Problem("Service Unavailable", 503, "The job repository is busy or cannot be reached right "
                + "now; repeat the request in a few seconds.", PATH, List.of()), response.getEntity());

        assertEquals(503, mapper.toResponse(new RepositoryException("query failed",
                new SQLTransientConnectionException("gone", "08006"))).getStatus());
    }

    @Test
    void aMalformedRequestBodyIsA400() {
        UnreadableBodyException unreadable = readThroughTheFilter(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Malformed chunk");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("Malformed chunk");
            }
        });
        assertEquals(400, unreadable.status());

        Response response = mapper.toResponse(unreadable);

        assertEquals(400, response.getStatus());
        assertEquals(new Problem("Bad Request", 400, "The request body could not be read: its transfer encoding is "
                + "malformed or the connection ended before the body did.", PATH, List.of()), response.getEntity());
    }

    @Test
    void aBodyPastTheLimitIsA413AlsoWhenTheRuntimeWrappedIt() {
        UnreadableBodyException tooLong = readThroughTheFilter(new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return length;
            }
        });

        Response response = mapper.toResponse(new RuntimeException("ProcessingException",
                new IllegalStateException(tooLong)));

        assertEquals(413, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals("Request Entity Too Large", problem.title());
        assertEquals(tooLong.getMessage(), problem.detail());
        assertTrue(problem.detail().startsWith("The request body is longer than "), problem::detail);
        assertEquals(PATH, problem.instance());
        assertNull(response.getHeaderString("Retry-After"));
    }

    @Test
    void anyOtherFaultIsA500WithAReferenceAndNoExceptionText() {
        Response response = mapper.toResponse(new NullPointerException(
                "Cannot invoke \"io.batchrest.secret.Thing.run()\" because \"thing\" is null"));

        assertEquals(500, response.getStatus());
        assertNull(response.getHeaderString("Retry-After"));
        Problem problem = (Problem) response.getEntity();
        assertTrue(problem.instance().matches("urn:uuid:[0-9a-f-]{36}"), problem::instance);
        assertEquals(new Problem("Internal Server Error", 500, "The server could not complete the request; the "
                + "server log has the details under " + problem.instance() + ".", problem.instance(), List.of()),
                problem);
        String body = RefusalMapperTest.json(problem).toString();
        assertFalse(body.contains("NullPointer") || body.contains("io.batchrest") || body.contains("thing"), body);
    }

    @Test
    void aDatabaseFaultThatRepeatingWillNotCureIsA500() {
        Response response = mapper.toResponse(new RepositoryException("SELECT failed",
                new SQLException("Syntax error: Encountered \"FROM\"", "42X01")));

        assertEquals(500, response.getStatus());
        assertFalse(((Problem) response.getEntity()).detail().contains("Syntax"));
    }

    @Test
    void eachFaultGetsAReferenceOfItsOwn() {
        Problem first = (Problem) mapper.toResponse(new IllegalStateException("a")).getEntity();
        Problem second = (Problem) mapper.toResponse(new IllegalStateException("a")).getEntity();

        assertNotEquals(first.instance(), second.instance());
    }

    /** Reads a chunked request body through {@link RequestBodyFilter}, as a resource would. */
    private static UnreadableBodyException readThroughTheFilter(InputStream body) {
        return assertThrows(UnreadableBodyException.class, () -> new RequestBodyFilter().doFilter(
                Fakes.request(PATH, body), Fakes.untouchedResponse(), (request, response) -> {
                    InputStream in = request.getInputStream();
                    byte[] buffer = new byte[64 * 1024];
                    while (in.read(buffer, 0, buffer.length) >= 0) {
                        // reading until the filter refuses
                    }
                }));
    }
}
