package io.batchrest.runtime;

import io.batchrest.model.Refusal;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application whose jobs this server runs: batch-rest itself, with the JSL in its {@code jsl/} folder and in
 * the JARs of {@code WEB-INF/lib}. The batch runtime starts jobs in the application of the calling thread, so a
 * submission naming another application cannot be served and is refused before anything is recorded.
 */
@ApplicationScoped
public class ApplicationIdentity {

    @Resource(lookup = "java:app/AppName")
    String applicationName;

    @Resource(lookup = "java:module/ModuleName")
    String moduleName;

    public String applicationName() {
        return applicationName;
    }

    /** The module as Liberty names it in appName: the archive file name. */
    public String moduleArchiveName() {
        return moduleName + ".war";
    }

    /**
     * Checks that a submission names this application (docs/contract.md §4: the application defaults to the module
     * without .war/.jar, the module to the application plus .war).
     */
    public void requireServed(String requestedApplication, String requestedModule, String requestedComponent) {
        String application = requestedApplication != null ? requestedApplication
                : requestedModule.replaceFirst("\\.(war|jar)$", "");
        String module = requestedModule != null ? requestedModule : application + ".war";
        if (!application.equals(applicationName)) {
            throw Refusal.invalidParameter("applicationName", "The application " + application
                    + " is not served by this server; jobs can be submitted to the application " + applicationName
                    + ".");
        }
        if (!module.equals(moduleArchiveName())) {
            throw Refusal.invalidParameter("moduleName", "The module " + module + " of application " + application
                    + " is not served by this server; its module is " + moduleArchiveName() + ".");
        }
        if (requestedComponent != null && !requestedComponent.isEmpty()) {
            throw Refusal.invalidParameter("componentName", "The component " + requestedComponent + " of module "
                    + module + " is not served by this server; jobs run in the web module itself.");
        }
    }
}
