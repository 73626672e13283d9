package io.batchrest.api.dashboard;

import io.batchrest.api.problem.Problems;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * Serves the web dashboard's static files at {@code dashboard/}. A servlet of its own rather than a JAX-RS
 * resource: the JAX-RS servlet covers {@code /*}, and this more specific mapping takes the dashboard's paths out of
 * it, so the files are neither operations of the API nor subject to its filters. The files carry no data and are
 * served without credentials (see {@code HttpsAndAuthenticationFilter}); every call the page makes is an API call
 * that authenticates itself.
 */
@WebServlet(urlPatterns = DashboardServlet.SERVLET_PATH + "/*", loadOnStartup = 1)
public class DashboardServlet extends HttpServlet {

    /** Where the dashboard lives below the context root. */
    public static final String SERVLET_PATH = "/dashboard";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DashboardServlet.class.getName());

    /**
     * The pages load only their own scripts and styles and talk only to this origin: an injected script or a
     * framing page gets nowhere. Blob URLs are the downloads the page builds from API responses.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private transient DashboardAssets assets;

    @Override
    public void init() {
        assets = DashboardAssets.index(getServletContext()::getResourcePaths);
        LOG.fine(() -> "Dashboard files: " + assets.names());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            Problems.send(request, response, 405, "The dashboard's files can only be read (GET, HEAD).");
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            // dashboard → dashboard/, so that the page's relative links resolve below it
            response.sendRedirect(request.getContextPath() + SERVLET_PATH + "/");
            return;
        }
        var asset = assets.lookUp(pathInfo.substring(1));
        if (asset.isEmpty()) {
            Problems.send(request, response, 404, "The dashboard has no file " + pathInfo.substring(1) + ".");
            return;
        }
        byte[] content;
        try (InputStream in = getServletContext().getResourceAsStream(asset.get().warPath())) {
            if (in == null) {
                Problems.send(request, response, 404, "The dashboard has no file " + pathInfo.substring(1) + ".");
                return;
            }
            content = in.readAllBytes();
        }
        String etag = "\"" + digest(content) + "\"";
        response.setHeader("ETag", etag);
        // Revalidated on every load, so a new version of the dashboard is never mixed with cached modules.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType(asset.get().contentType());
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the container mapped a request to this servlet. Decided by the mapping, not by comparing path
     * strings, so a path that only looks like the dashboard's (encoded, with dot segments) is not mistaken for it.
     */
    public static boolean serves(HttpServletRequest request) {
        return SERVLET_PATH.equals(request.getServletPath());
    }
}
