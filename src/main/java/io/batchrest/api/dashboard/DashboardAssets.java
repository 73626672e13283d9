package io.batchrest.api.dashboard;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The files of the web dashboard, as an index built once from the WAR's folder {@code WEB-INF/dashboard}. A request
 * is answered only with a file of this index, looked up by its exact name; the requested path is never resolved
 * against the folder, so no spelling of {@code ..} can reach another file. Only the file types the dashboard is
 * made of are indexed, each with the content type the browser must get (scripts are ES modules, which browsers
 * refuse with a wrong type).
 */
public final class DashboardAssets {

    /** The WAR folder that holds the dashboard; below WEB-INF, so the container never serves it on its own. */
    public static final String FOLDER = "/WEB-INF/dashboard/";

    /** The page that the dashboard's root ({@code dashboard/}) shows. */
    public static final String INDEX = "index.html";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    /** A file of the dashboard: its path in the WAR and its content type. */
    public record Asset(String warPath, String contentType) {
    }

    private final Map<String, Asset> byName;

    private DashboardAssets(Map<String, Asset> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Indexes every file below {@link #FOLDER}. {@code listing} answers the WAR paths directly inside a folder
     * (folders end with '/'), as {@code ServletContext.getResourcePaths} does; null for an empty or missing folder.
     */
    public static DashboardAssets index(Function<String, Set<String>> listing) {
        Map<String, Asset> files = new TreeMap<>();
        collect(FOLDER, listing, files);
        return new DashboardAssets(files);
    }

    private static void collect(String folder, Function<String, Set<String>> listing, Map<String, Asset> files) {
        Set<String> entries = listing.apply(folder);
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            if (entry.endsWith("/")) {
                collect(entry, listing, files);
            } else {
                contentType(entry).ifPresent(type ->
                        files.put(entry.substring(FOLDER.length()), new Asset(entry, type)));
            }
        }
    }

    /**
     * The file a request names, by the path below {@code dashboard/} (the servlet's path info without its leading
     * '/'); the empty path is the index page.
     */
    public Optional<Asset> lookUp(String name) {
        return Optional.ofNullable(byName.get(name.isEmpty() ? INDEX : name));
    }

    /** The names of all files, for a test or a log line. */
    public Set<String> names() {
        return byName.keySet();
    }

    private static Optional<String> contentType(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(CONTENT_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
