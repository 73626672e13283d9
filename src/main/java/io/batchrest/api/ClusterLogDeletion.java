package io.batchrest.api;

import io.batchrest.cluster.PeerClient;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one request a server answers without a user: {@code DELETE jobinstances/{instanceId}/joblogs} (in any version)
 * from another server of the cluster, marked as forwarded, carrying the secret the servers share and no credentials
 * (README, "Several servers"). A purge task or a retention run purges in the background, with no caller whose
 * credentials it could send along, and still deletes an instance's log files on every server that holds some, as a
 * bulk purge does. Such a request acts as {@link io.batchrest.security.CallerScope#cluster()}; a request with
 * credentials is authenticated as always, and a marker without the secret is refused ({@link ForwardedRequestFilter}).
 */
final class ClusterLogDeletion {

    private static final String ADMITTED = ClusterLogDeletion.class.getName() + ".admitted";
    private static final Pattern PATH = Pattern.compile("(/v[1-4])?/jobinstances/[0-9]+/joblogs/?");

    private ClusterLogDeletion() {
    }

    /** Whether the request is such a deletion; if so it is marked as admitted for the rest of its way. */
    static boolean admit(HttpServletRequest request) {
        boolean cluster = "DELETE".equals(request.getMethod())
                && request.getHeader("Authorization") == null && request.getHeader("Cookie") == null
                && PeerClient.isForwarded(request::getHeader)
                && PATH.matcher(Objects.toString(request.getServletPath(), "")
                        + Objects.toString(request.getPathInfo(), "")).matches();
        if (cluster) {
            request.setAttribute(ADMITTED, Boolean.TRUE);
        }
        return cluster;
    }

    /** Whether {@link #admit} admitted the request. */
    static boolean admitted(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ADMITTED));
    }
}
