package io.batchrest.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class JslClassLoaderTest {

    private static final byte[] PACKAGED = "<job id=\"a\"/>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INLINE = "<job id=\"b\"/>".getBytes(StandardCharsets.UTF_8);

    @Test
    void oneLoaderServesEachStartItsJslAsTheContextClassLoaderAndKeepsOnlyPackagedJsl() {
        ClassLoader application = getClass().getClassLoader();
        JslClassLoader loader = new JslClassLoader(application);
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        assertEquals(1L, loader.runWithJsl("packagedJob", PACKAGED, true, () -> {
            assertSame(loader, Thread.currentThread().getContextClassLoader());
            assertArrayEquals(PACKAGED, read(loader.getResource("META-INF/batch-jobs/packagedJob.xml")));
            return 1L;
        }));
        assertSame(before, Thread.currentThread().getContextClassLoader());
        assertEquals(2L, loader.runWithJsl("inline-1", INLINE, false, () -> {
            assertArrayEquals(INLINE, read(loader.getResource("META-INF/batch-jobs/inline-1.xml")));
            assertArrayEquals(PACKAGED, read(loader.getResource("META-INF/batch-jobs/packagedJob.xml")));
            return 2L;
        }));

        assertArrayEquals(PACKAGED, read(loader.getResource("META-INF/batch-jobs/packagedJob.xml")));
        assertNull(loader.getResource("META-INF/batch-jobs/inline-1.xml"), "inline JSL is served only while it starts");
        assertEquals(application.getResource("io/batchrest/runtime/JslClassLoaderTest.class"),
                loader.getResource("io/batchrest/runtime/JslClassLoaderTest.class"));
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
