package io.batchrest.api;

import io.batchrest.security.BatchRole;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@link CallerScope} of the current request, built once per request from the container's security context.
 * The resources are application-scoped (docs/benchmarks.md, "The floor of a request") and hold this request-scoped
 * bean, so each call of {@link #scope()} is the caller of the request that runs it.
 */
@RequestScoped
public class RequestCaller {

    @Inject
    HttpServletRequest request;

    private CallerScope scope;

    public CallerScope scope() {
        if (scope == null) {
            scope = ClusterLogDeletion.admitted(request) ? CallerScope.cluster()
                    : new CallerScope(request.getRemoteUser(),
                            request.isUserInRole(BatchRole.batchAdmin.name()),
                            request.isUserInRole(BatchRole.batchSubmitter.name()),
                            request.isUserInRole(BatchRole.batchMonitor.name()));
        }
        return scope;
    }
}
