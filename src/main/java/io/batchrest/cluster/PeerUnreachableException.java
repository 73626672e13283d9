package io.batchrest.cluster;

/**
 * Another server that holds part of the answer (a running job, log files) did not give it: it could not be reached,
 * or it answered with an error.
 */
public class PeerUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String restUrl;

    public PeerUnreachableException(String restUrl, Throwable cause) {
        super("The server at " + restUrl + " cannot be reached (" + cause + ").", cause);
        this.restUrl = restUrl;
    }

    public PeerUnreachableException(String restUrl, int status) {
        super("The server at " + restUrl + " answered with HTTP status " + status + ".");
        this.restUrl = restUrl;
    }

    /** The REST root (or, if unknown, the address) of the server. */
    public String restUrl() {
        return restUrl;
    }
}
