package io.batchrest.cluster;

import io.batchrest.config.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/**
 * Who this server is among the servers that share one job repository (README, "Several servers"): its REST root as
 * other servers and clients reach it ({@code batchrest.server.restUrl}) and its id ({@code batchrest.server.id},
 * Liberty's {@code <host>/<wlp.user.dir>/<serverName>}). Both are server variables with defaults in
 * config/server/batch-rest.xml; every execution this server runs records them, which is how any server knows where
 * an execution's job and logs live. The application does not start without them ({@link ServerVariablesCheck}).
 * Every job start and many reads ask for them, so they are read as {@link Setting}s.
 */
@ApplicationScoped
public class ServerIdentity {

    private final Setting<String> restUrl = Setting.of("batchrest.server.restUrl", String.class);
    private final Setting<String> serverId = Setting.of("batchrest.server.id", String.class);

    /** This server's REST root as Liberty stores it: without a trailing slash. */
    public String restUrl() {
        String configured = required(restUrl);
        return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    public String serverId() {
        return required(serverId);
    }

    /**
     * Whether an execution with this recorded server id runs or ran here. An execution that recorded none has not
     * started anywhere: it has neither a running job nor logs elsewhere.
     */
    public boolean isThisServer(String recordedServerId) {
        return recordedServerId == null || recordedServerId.isEmpty() || recordedServerId.equals(serverId());
    }

    private static String required(Setting<String> setting) {
        return setting.value().orElseThrow(() -> new IllegalStateException(
                RequiredServerVariables.missing(setting.name())));
    }

    static Optional<String> configured(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class);
    }
}
