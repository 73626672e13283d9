package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** The request bodies of submit and restart (docs/contract.md §4). */
public final class RequestSchemas {

    private RequestSchemas() {
    }

    /** The JSON body of a submission, also the jobdata part of a multipart one. */
    @Schema(name = "SubmitRequest", description = "A job to start. applicationName or moduleName is required "
            + "(defaults: application = module without .war/.jar; module = application + .war); jobXMLName or jobXML "
            + "(or, in a multipart submission, the jsl part) is required. Inline JSL overrides packaged JSL. A JSON "
            + "value other than an object, trailing content after the object, or a non-string value is a 400.")
    public record SubmitRequestSchema(
            @Schema(description = "The application that packages the job.", example = "batch-rest")
            String applicationName,
            @Schema(description = "The module of the application.", example = "batch-rest.war") String moduleName,
            @Schema(description = "The component (EJB) of the module, if any.") String componentName,
            @Schema(description = "The JSL at META-INF/batch-jobs/<jobXMLName>.xml of the application (its classes "
                    + "or a JAR in WEB-INF/lib). An unknown name is a 400 and nothing is recorded.",
                    example = "chunkCopy") String jobXMLName,
            @Schema(description = "Job parameters; every value must be a JSON string.",
                    example = "{\"items\":\"100\",\"filterEvery\":\"4\"}") Map<String, String> jobParameters,
            @Schema(description = "A whole JSL document as a string (inline JSL). External entities and DTDs are "
                    + "refused; the job id must not contain /, \\, .. or control characters.") String jobXML) {
    }

    /** The optional body of a restart. */
    @Schema(name = "RestartRequest", description = "Optional body of action=restart: the job parameters of the new "
            + "execution (with reusePreviousParams=true they override the previous execution's key by key). An empty "
            + "body means no parameters; a body that is not such a JSON object is a 400. action=stop ignores the body.")
    public record RestartRequestSchema(
            @Schema(description = "Job parameters; every value must be a JSON string.",
                    example = "{\"failAt\":\"\"}") Map<String, String> jobParameters) {
    }
}
