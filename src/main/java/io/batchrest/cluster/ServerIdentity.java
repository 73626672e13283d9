package io.batchrest.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/**
 * Who this server is among the servers that share one job repository (README, "Several servers"): its REST root as
 * other servers and clients reach it ({@code batchrest.server.restUrl}) and its id ({@code batchrest.server.id},
 * Liberty's {@code <host>/<wlp.user.dir>/<serverName>}). Both are server variables with defaults in
 * config/server/batch-rest.xml; every execution this server runs records them, which is how any server knows where
 * an execution's job and logs live. The application does not start without them ({@link ServerVariablesCheck}).
 */
@ApplicationScoped
public class ServerIdentity {


    /** This server's REST root as Liberty stores it: without a trailing slash. */
    public String restUrl() {
        String configured = setting("batchrest.server.restUrl");
        return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    public String serverId() {
        return setting("batchrest.server.id");
    }

    /**
     * Whether an execution with this recorded server id runs or ran here. An execution that recorded none has not
     * started anywhere: it has neither a running job nor logs elsewhere.
     */
    public boolean isThisServer(String recordedServerId) {
        return recordedServerId == null || recordedServerId.isEmpty() || recordedServerId.equals(serverId());
    }

    private static String setting(String name) {
        return configured(name).orElseThrow(() -> new IllegalStateException(RequiredServerVariables.missing(name)));
    }

    static Optional<String> configured(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class);
    }
}
