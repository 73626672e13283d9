package io.batchrest.cluster;

import java.util.Optional;

/**
 * The headers of the request being answered, as far as talking to the other servers needs them: the caller's
 * credentials, which a forwarded request carries on, and the marker of a request that another server forwarded. The
 * API layer, which knows HTTP requests, provides them.
 */
public interface CallerHeaders {

    /** The value of the request's header of that name, if it has one. */
    Optional<String> get(String name);
}
