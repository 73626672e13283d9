package io.batchrest.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The jobs packaged with the application: every {@code META-INF/batch-jobs/<name>.xml} in {@code WEB-INF/classes}
 * (the project's {@code jsl/} folder) and in the JARs of {@code WEB-INF/lib} — the places the batch runtime looks
 * (docs/contract.md §4). Jakarta Batch has no call that lists them, so the WAR is read here; the document of each name
 * is then read through the application's class loader, exactly as a submission would find it.
 */
@ApplicationScoped
public class PackagedJobs {

    private static final Logger LOG = Logger.getLogger(PackagedJobs.class.getName());

    private static final String CLASSES_FOLDER = "/WEB-INF/classes/META-INF/batch-jobs/";
    private static final String LIB_FOLDER = "/WEB-INF/lib/";
    /** A JSL file directly in the batch-jobs folder (the runtime does not look in sub-folders). */
    private static final Pattern JSL_ENTRY = Pattern.compile("(?:.*/)?META-INF/batch-jobs/([^/]+)\\.xml");

    @Inject
    ServletContext servletContext;

    /** Read on first use: the WAR does not change while the application runs. */
    private volatile List<JobDefinition> definitions;

    /** The packaged jobs, by jobXMLName; a document that is not JSL is left out (it could not be started). */
    public List<JobDefinition> list() {
        List<JobDefinition> known = definitions;
        if (known == null) {
            known = List.copyOf(read());
            definitions = known;
        }
        return known;
    }

    private List<JobDefinition> read() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        List<JobDefinition> definitions = new ArrayList<>();
        for (String name : jobXmlNames()) {
            try (InputStream in = application.getResourceAsStream(JobXmlName.resourcePath(name))) {
                if (in != null) {
                    JobDefinition.read(name, in.readAllBytes()).ifPresentOrElse(definitions::add,
                            () -> LOG.warning("The packaged JSL " + name + " is not a JSL job document."));
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "The packaged JSL " + name + " cannot be read", e);
            }
        }
        return definitions;
    }

    private SortedSet<String> jobXmlNames() {
        SortedSet<String> names = new TreeSet<>();
        for (String path : resources(CLASSES_FOLDER)) {
            jobXmlName(path).ifPresent(names::add);
        }
        for (String path : resources(LIB_FOLDER)) {
            if (path.endsWith(".jar")) {
                names.addAll(jobXmlNamesInJar(path));
            }
        }
        return names;
    }

    private Set<String> resources(String folder) {
        Set<String> paths = servletContext.getResourcePaths(folder);
        return paths == null ? Set.of() : paths;
    }

    private List<String> jobXmlNamesInJar(String jarPath) {
        List<String> names = new ArrayList<>();
        try (InputStream in = servletContext.getResourceAsStream(jarPath)) {
            if (in == null) {
                return names;
            }
            try (ZipInputStream jar = new ZipInputStream(in)) {
                for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                    if (entry.getName().startsWith("META-INF/")) {
                        jobXmlName(entry.getName()).ifPresent(names::add);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The library " + jarPath + " cannot be read for packaged JSL", e);
        }
        return names;
    }

    /** The jobXMLName of a path ending in META-INF/batch-jobs/<name>.xml, if a client may ask for that name. */
    static Optional<String> jobXmlName(String path) {
        Matcher matcher = JSL_ENTRY.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String name = matcher.group(1);
        return name.startsWith(JobXmlName.INLINE_PREFIX) ? Optional.empty() : Optional.of(name);
    }
}
