package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.api.openapi.ApiDocs;
import io.batchrest.api.openapi.JobDefinitionSchema;
import io.batchrest.api.view.JobDefinitionView;
import io.batchrest.runtime.ApplicationIdentity;
import io.batchrest.runtime.PackagedJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code jobdefinitions}: the jobs packaged with the application, which a submission may name as jobXMLName.
 * Read-only; Liberty's API has no such list, so clients (the dashboard's submit form) had to know the names.
 */
@ApplicationScoped
@Path("jobdefinitions")
public class JobDefinitionsResource {

    @Inject
    RequestCaller caller;

    @Inject
    PackagedJobs packagedJobs;

    @Inject
    ApplicationIdentity application;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Job definitions")
    @Operation(operationId = "listJobDefinitions", summary = "The packaged jobs",
            description = "Every JSL document packaged with the application (META-INF/batch-jobs/<name>.xml in "
                    + "WEB-INF/classes and in the JARs of WEB-INF/lib), sorted by jobXMLName, with the "
                    + "applicationName and moduleName to submit it with and the job parameters its JSL refers to. "
                    + "Any batch role may call it.")
    @APIResponse(responseCode = "200", description = "The packaged jobs; [] when there are none.",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = JobDefinitionSchema.class)))
    @APIResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ApiDocs.SERVER_ERROR)
    public Response list() {
        caller.scope().requireBatchRole();
        var definitions = packagedJobs.list().stream()
                .map(definition -> new JobDefinitionView(definition, application.applicationName(),
                        application.moduleArchiveName()))
                .toList();
        return Response.ok(JsonRepresentation.array(definitions), JsonOutput.JSON_UTF8).build();
    }
}
