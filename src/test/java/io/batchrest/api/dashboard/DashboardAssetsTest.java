package io.batchrest.api.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardAssetsTest {

    /** A WAR listing as ServletContext.getResourcePaths gives it: folders end with '/'. */
    private static final Map<String, Set<String>> WAR = Map.of(
            "/WEB-INF/dashboard/", Set.of("/WEB-INF/dashboard/index.html", "/WEB-INF/dashboard/dashboard.css",
                    "/WEB-INF/dashboard/js/", "/WEB-INF/dashboard/notes.txt", "/WEB-INF/dashboard/Makefile"),
            "/WEB-INF/dashboard/js/", Set.of("/WEB-INF/dashboard/js/main.js", "/WEB-INF/dashboard/js/views/"),
            "/WEB-INF/dashboard/js/views/", Set.of("/WEB-INF/dashboard/js/views/instance.js",
                    "/WEB-INF/dashboard/js/views/logo.PNG"));

    private final DashboardAssets assets = DashboardAssets.index(WAR::get);

    @Test
    void indexesTheFilesOfTheDashboardTypesInEveryFolder() {
        assertEquals(Set.of("index.html", "dashboard.css", "js/main.js", "js/views/instance.js",
                "js/views/logo.PNG"), assets.names());
    }

    @Test
    void givesEachFileTheContentTypeABrowserNeeds() {
        assertEquals("text/javascript; charset=UTF-8", assets.lookUp("js/main.js").orElseThrow().contentType());
        assertEquals("text/css; charset=UTF-8", assets.lookUp("dashboard.css").orElseThrow().contentType());
        assertEquals("image/png", assets.lookUp("js/views/logo.PNG").orElseThrow().contentType());
        assertEquals("/WEB-INF/dashboard/js/views/instance.js",
                assets.lookUp("js/views/instance.js").orElseThrow().warPath());
    }

    @Test
    void theEmptyNameIsTheIndexPage() {
        assertEquals("/WEB-INF/dashboard/index.html", assets.lookUp("").orElseThrow().warPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../web.xml", "js/../index.html", "/index.html", "js/../../WEB-INF/web.xml",
            "./index.html", "js\\main.js", "JS/main.js", "notes.txt", "Makefile", "js", "js/", "index.html/",
            "%2e%2e/web.xml"})
    void answersNothingButTheExactNameOfAnIndexedFile(String name) {
        assertTrue(assets.lookUp(name).isEmpty(), name);
    }

    @Test
    void aMissingFolderIndexesNothing() {
        assertEquals(Set.of(), DashboardAssets.index(folder -> null).names());
    }
}
