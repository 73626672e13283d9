package io.batchrest.cluster;

/**
 * A request has to go to another server (a running job, log files there), but this server has no secret to prove
 * that it is a server of the cluster ({@link PeerSecret}): the servers are configured as a single one. Nothing has
 * been sent or done.
 */
public class PeerSecretMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PeerSecretMissingException(String restUrl) {
        super("Part of the answer is on the server at " + restUrl + ", but this server cannot send it requests: the "
                + "server variable " + PeerSecret.VARIABLE + ", the secret that the servers of a cluster share, is "
                + "not set here.", null, false, false);
    }
}
