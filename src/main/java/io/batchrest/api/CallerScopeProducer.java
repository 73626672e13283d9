package io.batchrest.api;

import io.batchrest.security.BatchRole;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Builds the {@link CallerScope} of the current request from the container's security context. */
@RequestScoped
public class CallerScopeProducer {

    @Inject
    HttpServletRequest request;

    private CallerScope scope;

    @Produces
    public CallerScope callerScope() {
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
