package io.batchrest.config;

import io.batchrest.UnitTestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final Setting<String> restUrl = new Setting<>("batchrest.server.restUrl", String.class, now::get);

    @AfterEach
    void noSettings() {
        UnitTestConfig.install(Map.of());
    }

    @Test
    void aChangedSettingIsReadOnceASecondHasPassedSinceTheLastRead() {
        UnitTestConfig.install(Map.of("batchrest.server.restUrl", "https://one:9443/ibm/api/batch"));
        assertEquals(Optional.of("https://one:9443/ibm/api/batch"), restUrl.value());

        UnitTestConfig.install(Map.of("batchrest.server.restUrl", "https://two:9443/ibm/api/batch"));
        now.addAndGet(999_999_999L);
        assertEquals(Optional.of("https://one:9443/ibm/api/batch"), restUrl.value());
        now.addAndGet(1L);
        assertEquals(Optional.of("https://two:9443/ibm/api/batch"), restUrl.value());
    }

    @Test
    void aSettingThatIsRemovedIsEmptyAfterTheNextRead() {
        UnitTestConfig.install(Map.of("batchrest.server.restUrl", "https://one:9443/ibm/api/batch"));
        assertEquals(Optional.of("https://one:9443/ibm/api/batch"), restUrl.value());

        UnitTestConfig.install(Map.of());
        now.addAndGet(Setting.REREAD_AFTER_NANOS);
        assertEquals(Optional.empty(), restUrl.value());
        assertEquals("batchrest.server.restUrl", restUrl.name());
    }
}
