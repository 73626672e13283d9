package io.batchrest;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/**
 * MicroProfile Config for the unit tests, which have no server to provide one: exactly the properties given, as
 * strings. Installed for the whole test JVM; a test that installs properties of its own installs none again when it is
 * done, as the other unit tests expect.
 */
public final class UnitTestConfig extends ConfigProviderResolver {

    private final Config config;

    private UnitTestConfig(Map<String, String> properties) {
        Map<String, String> values = Map.copyOf(properties);
        config = (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getOptionalValue" -> Optional.ofNullable(values.get((String) args[0]));
                    case "getOptionalValues", "getConverter" -> Optional.empty();
                    case "getPropertyNames" -> values.keySet();
                    case "getConfigSources" -> java.util.List.of();
                    case "toString" -> "unit test Config " + values.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("Config." + method.getName());
                });
    }

    /** Makes {@code properties} the configuration that {@code ConfigProvider.getConfig()} answers. */
    public static synchronized void install(Map<String, String> properties) {
        ConfigProviderResolver.setInstance(new UnitTestConfig(properties));
    }

    @Override
    public Config getConfig() {
        return config;
    }

    @Override
    public Config getConfig(ClassLoader loader) {
        return config;
    }

    @Override
    public ConfigBuilder getBuilder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void registerConfig(Config config, ClassLoader classLoader) {
    }

    @Override
    public void releaseConfig(Config config) {
    }
}
