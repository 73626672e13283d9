package io.batchrest.cluster;

/**
 * The operation a request asks for belongs to another server of the cluster: the execution runs there, or its log
 * files are there. The API answers it from that server (docs/contract.md §10).
 *
 * @param restUrl the REST root of the server that answers, with a trailing slash
 * @param what    what belongs there, e.g. "Job execution 7", for a message when that server cannot be reached
 */
public record Elsewhere(String restUrl, String what) {

    public Elsewhere {
        restUrl = PeerClient.restRoot(restUrl);
    }

    /** What a client is told when that server cannot be reached. */
    public String description() {
        return what + " belongs to the server at " + restUrl;
    }
}
