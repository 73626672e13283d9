package io.batchrest.api;

import io.batchrest.model.Refusal;
import io.batchrest.cluster.PeerClient;
import io.batchrest.cluster.PeerSecret;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses, before anything is done, a request marked as forwarded by another server ({@link PeerClient#FORWARDED_BY})
 * that does not carry the secret the servers of the cluster share: such a request would be answered from this
 * server's files alone (a purge would leave the other servers' log files behind), so only a server of the cluster
 * may send one (README, "Several servers"). It reads the headers from the request context: every request passes
 * here, most without needing the request-scoped headers bean that {@link PeerClient} uses.
 */
@Provider
@PreMatching
public class ForwardedRequestFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (PeerClient.hasForgedMarker(request::getHeaderString)) {
            throw Refusal.forbidden("The request is marked as forwarded by another server ("
                    + PeerClient.FORWARDED_BY + ") without the secret that the servers of this cluster share ("
                    + PeerSecret.HEADER + "): only a server of the cluster may send it.");
        }
    }
}
