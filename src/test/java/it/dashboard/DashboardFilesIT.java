package it.dashboard;

import it.support.ApiResponse;
import it.support.BatchApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static it.support.JsonShapes.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's static files over HTTP: served over HTTPS without credentials, each with its content type and
 * the headers that confine the page, nothing outside the dashboard's own files (no traversal), and read-only.
 */
class DashboardFilesIT {

    private static final BatchApi ANONYMOUS = BatchApi.anonymous();

    @ParameterizedTest
    @CsvSource({
            "dashboard/, text/html; charset=UTF-8, <script type=\"module\" src=\"js/main.js\">",
            "dashboard/index.html, text/html; charset=UTF-8, <title>batch-rest dashboard</title>",
            "dashboard/js/main.js, text/javascript; charset=UTF-8, import",
            "dashboard/js/views/instances.js, text/javascript; charset=UTF-8, export function instancesView",
            "dashboard/dashboard.css, text/css; charset=UTF-8, .badge",
            "dashboard/favicon.svg, image/svg+xml, <svg"})
    void everyFileIsServedWithoutCredentialsWithItsContentType(String path, String contentType, String content) {
        ApiResponse response = ANONYMOUS.get(path);
        assertEquals(200, response.status(), response::toString);
        assertEquals(contentType, response.contentType());
        assertTrue(response.body().contains(content), () -> path + " holds " + content);
        assertEquals("nosniff", response.header("X-Content-Type-Options").orElseThrow());
        String policy = response.header("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("no-cache", response.header("Cache-Control").orElseThrow());
    }

    @Test
    void theDashboardWithoutItsSlashRedirectsToIt() {
        ApiResponse response = ANONYMOUS.get("dashboard");
        assertEquals(302, response.status(), response::toString);
        assertTrue(response.header("Location").orElseThrow().endsWith(BatchApi.CONTEXT_ROOT + "/dashboard/"));
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        ApiResponse first = ANONYMOUS.get("dashboard/js/api.js");
        String etag = first.header("ETag").orElseThrow();
        ApiResponse again = BatchApi.send(ANONYMOUS.request("dashboard/js/api.js").header("If-None-Match", etag)
                .GET());
        assertEquals(304, again.status(), again::toString);
        assertEquals("", again.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dashboard/nothing.js", "dashboard/js", "dashboard/js/", "dashboard/WEB-INF/web.xml",
            "dashboard/index.html.bak"})
    void aNameThatIsNotADashboardFileIsA404(String path) {
        ApiResponse response = ANONYMOUS.get(path);
        assertEquals(404, response.status(), response::toString);
        assertFalse(response.body().contains("<web-app"), "no other file of the application is served");
    }

    /** However the container resolves them, dot segments never reach a file outside the dashboard. */
    @ParameterizedTest
    @ValueSource(strings = {"dashboard/../WEB-INF/web.xml", "dashboard/js/../../WEB-INF/web.xml",
            "dashboard/....//WEB-INF/web.xml",
            "dashboard/%252e%252e/WEB-INF/web.xml", "dashboard/../WEB-INF/classes/META-INF/batch-jobs/chunkCopy.xml"})
    void traversalIsA404(String path) {
        ApiResponse response = ANONYMOUS.get(path);
        assertEquals(404, response.status(), () -> path + ": " + response);
        assertFalse(response.body().contains("<web-app") || response.body().contains("<job "),
                "no other file of the application is served");
    }

    /**
     * Encoded slashes, dot segments and backslashes are refused by the container before any application code runs;
     * its refusal is answered as a problem (api/ContainerErrorServlet).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dashboard/%2e%2e/%2e%2e/WEB-INF/web.xml", "dashboard/..%5cWEB-INF%5cweb.xml",
            "dashboard/..%2fWEB-INF%2fweb.xml", "dashboard/js%2f..%2f..%2fWEB-INF%2fweb.xml"})
    void encodedSlashesDotSegmentsAndBackslashesAreA400(String path) {
        ApiResponse response = ANONYMOUS.get(path);
        assertProblem(response, 400);
        assertFalse(response.body().contains("<web-app"), "no other file of the application is served");
    }

    @Test
    void theFilesAreReadOnly() {
        ApiResponse response = ANONYMOUS.send("POST", "dashboard/index.html", "text/plain", "x");
        assertProblem(response, 405);
        assertEquals("GET, HEAD", response.header("Allow").orElseThrow());
        assertEquals(405, ANONYMOUS.delete("dashboard/js/main.js").status());
    }

    @Test
    void plainHttpIsRefusedForTheDashboardToo() {
        ApiResponse response = ANONYMOUS.getUrl("http://localhost:" + BatchApi.HTTP_PORT + BatchApi.CONTEXT_ROOT
                + "/dashboard/");
        assertProblem(response, 403);
    }

    @Test
    void theApiBesideTheDashboardStillNeedsCredentials() {
        assertProblem(ANONYMOUS.get("jobinstances"), 401);
        assertProblem(ANONYMOUS.get("caller"), 401);
        ApiResponse head = BatchApi.send(ANONYMOUS.request("dashboard/").method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.status(), "HEAD of a file needs no credentials either");
    }
}
