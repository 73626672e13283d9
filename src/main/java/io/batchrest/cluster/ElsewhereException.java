package io.batchrest.cluster;

/**
 * The operation a request asks for belongs to another server: the execution runs there, or its log files are
 * there. The API answers it from that server (proxied, or a redirect with {@code permitRedirect=true}), see
 * {@code ElsewhereMapper}.
 */
public class ElsewhereException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String restUrl;

    /** @param restUrl the REST root of the server that can answer, as recorded by its executions */
    public ElsewhereException(String restUrl, String what) {
        super(what + " belongs to the server at " + restUrl);
        this.restUrl = PeerClient.restRoot(restUrl);
    }

    /** With a trailing slash. */
    public String restUrl() {
        return restUrl;
    }
}
