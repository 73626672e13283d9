package io.batchrest.runtime;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Serves one JSL document from memory as {@code META-INF/batch-jobs/<name>.xml}: inline JSL, or packaged JSL
 * with the job-log listeners added. The batch runtime reads the
 * JSL of {@code JobOperator.start} through the thread context class loader, synchronously inside
 * {@code start()}, so installing this loader for that call starts a job whose JSL was never on disk.
 * Everything else is delegated to the application's own loader.
 */
final class JslClassLoader extends ClassLoader {

    private final String resourcePath;
    private final byte[] jsl;

    JslClassLoader(ClassLoader application, String jobXmlName, byte[] jsl) {
        super(application);
        this.resourcePath = JobXmlName.resourcePath(jobXmlName);
        this.jsl = jsl.clone();
    }

    /** The in-memory JSL wins over a packaged document of the same name, which it is a rewritten copy of. */
    @Override
    public URL getResource(String name) {
        return resourcePath.equals(name) ? inMemoryUrl() : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws java.io.IOException {
        return resourcePath.equals(name)
                ? Collections.enumeration(Collections.singleton(inMemoryUrl()))
                : super.getResources(name);
    }

    private URL inMemoryUrl() {
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

    /** Runs {@code start} with this loader as the thread context class loader. */
    long runWithJsl(java.util.function.LongSupplier start) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return start.getAsLong();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
