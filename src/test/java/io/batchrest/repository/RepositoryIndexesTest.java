package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositoryIndexesTest {

    /**
     * A data source whose first connection is handed out only when the test says so (the start-up's creation of the
     * indexes is then "in progress"), and which fails every connection, so that nothing else happens.
     */
    private static final class HeldDataSource {
        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger connections = new AtomicInteger();

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (connections.incrementAndGet() == 1) {
                            asked.countDown();
                            release.await(10, TimeUnit.SECONDS);
                        }
                        throw new SQLException("no database in this test", "08001");
                    });
        }
    }

    @Test
    void aSearchDoesNotWaitWhileTheIndexesAreBeingCreated() throws Exception {
        HeldDataSource held = new HeldDataSource();
        RepositoryIndexes indexes = new RepositoryIndexes();
        indexes.dataSource = held.dataSource();
        Thread startUp = new Thread(indexes::ensure);
        startUp.start();
        assertTrue(held.asked.await(10, TimeUnit.SECONDS));

        long started = System.nanoTime();
        indexes.ensureUnlessBeingCreated();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "the search waited for the creation");
        assertEquals(1, held.connections.get(), "the search tried to create the indexes as well");
        assertFalse(indexes.complete());

        held.release.countDown();
        startUp.join(10_000);
        assertFalse(startUp.isAlive());
        // The creation failed (no database) and is not tried again: searches go on without naming an index.
        indexes.ensureUnlessBeingCreated();
        assertEquals(1, held.connections.get());
        assertFalse(indexes.complete());
    }
}
