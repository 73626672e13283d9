package io.batchrest.runtime;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves JSL documents from memory as {@code META-INF/batch-jobs/<name>.xml}: inline JSL, and packaged JSL with the
 * job-log listeners added. The batch runtime reads the JSL of {@code JobOperator.start} through the thread context
 * class loader, synchronously inside {@code start()}, so installing this loader for that call starts a job whose JSL
 * was never on disk. Everything else is delegated to the application's own loader.
 *
 * <p>One loader serves every submission of the application: the runtime runs the job with the context class loader
 * of its start, and MicroProfile Config keeps a configuration per context class loader for the life of the
 * application, so a loader per submission cost every job a new configuration (a scan of the class path, a few
 * milliseconds) and kept each one, with its loader and JSL, in memory.
 */
final class JslClassLoader extends ClassLoader {

    /** Resource path to document. */
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    JslClassLoader(ClassLoader application) {
        super(application);
    }

    /** The in-memory JSL wins over a packaged document of the same name, which it is a rewritten copy of. */
    @Override
    public URL getResource(String name) {
        byte[] jsl = documents.get(name);
        return jsl != null ? inMemoryUrl(name, jsl) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws java.io.IOException {
        byte[] jsl = documents.get(name);
        return jsl != null ? Collections.enumeration(Collections.singleton(inMemoryUrl(name, jsl)))
                : super.getResources(name);
    }

    private static URL inMemoryUrl(String resourcePath, byte[] jsl) {
        URLStreamHandler handler = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                return new URLConnection(url) {
                    @Override
                    public void connect() {
                        connected = true;
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(jsl);
                    }

                    @Override
                    public long getContentLengthLong() {
                        return jsl.length;
                    }
                };
            }
        };
        try {
            return new URL(null, "batchrest-jsl:/" + resourcePath, handler);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code start} with this loader as the thread context class loader, serving {@code jsl} as the job XML
     * name {@code name} meanwhile; {@code keep} serves it from then on as well (packaged JSL, which several
     * submissions may be starting at once and which does not change while the application runs).
     */
    long runWithJsl(String name, byte[] jsl, boolean keep, java.util.function.LongSupplier start) {
        String resourcePath = JobXmlName.resourcePath(name);
        documents.put(resourcePath, jsl);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return start.getAsLong();
        } finally {
            thread.setContextClassLoader(previous);
            if (!keep) {
                documents.remove(resourcePath);
            }
        }
    }
}
