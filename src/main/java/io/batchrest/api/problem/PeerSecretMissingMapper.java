package io.batchrest.api.problem;

import io.batchrest.cluster.PeerSecretMissingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.logging.Logger;

/**
 * Servers that share a job repository without the secret of a cluster (README, "Several servers"): a 500 that names
 * the server variable, and the same line in the log, for the operator who has to set it. Nothing has been done.
 */
@Provider
public class PeerSecretMissingMapper implements ExceptionMapper<PeerSecretMissingException> {

    private static final Logger LOG = Logger.getLogger(PeerSecretMissingMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(PeerSecretMissingException missing) {
        return response(missing, request.getRequestURI());
    }

    /** Also for a request that could not be forwarded (the API's mapper of operations on another server). */
    public static Response response(PeerSecretMissingException missing, String path) {
        LOG.warning(missing.getMessage());
        return Problems.response(500, missing.getMessage() + " Nothing has been done.", path, List.of());
    }
}
