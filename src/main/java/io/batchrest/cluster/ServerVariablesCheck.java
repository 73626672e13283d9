package io.batchrest.cluster;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Checks the required server variables ({@link RequiredServerVariables}) and, when it is set, the secret the servers
 * of a cluster share ({@link PeerSecret}) once, as the application starts, and fails its start when one is missing
 * or unusable. A CDI extension rather than an observer of the application scope's start: the check
 * runs before any bean starts (no job-log handler is installed, no background work begins, no servlet is
 * initialised), and Liberty reports a failed deployment check in one line, CWWKZ0002E, which then carries the
 * message that names the variable and how to set it. Registered in META-INF/services.
 */
public class ServerVariablesCheck implements Extension {

    void check(@Observes AfterDeploymentValidation deployment) {
        RequiredServerVariables.problem(ServerIdentity::configured)
                .ifPresent(problem -> deployment.addDeploymentProblem(new MissingServerVariableException(problem)));
        PeerSecret.problem(ServerIdentity::configured)
                .ifPresent(problem -> deployment.addDeploymentProblem(new MissingServerVariableException(problem)));
    }
}
