package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** One entry of GET on {@code jobdefinitions}. */
@Schema(name = "JobDefinition", description = "A job packaged with the application: the JSL at "
        + "META-INF/batch-jobs/<jobXMLName>.xml of WEB-INF/classes or of a JAR in WEB-INF/lib.",
        requiredProperties = {"jobXMLName", "jobName", "applicationName", "moduleName", "jobParameters"})
public record JobDefinitionSchema(
        @Schema(description = "The name to submit it with (the file name without .xml).", example = "chunkCopy")
        String jobXMLName,
        @Schema(description = "The job id the JSL gives the job: the jobName of its instances.",
                example = "chunkCopy")
        String jobName,
        @Schema(description = "The applicationName to submit it with.", example = "batch-rest")
        String applicationName,
        @Schema(description = "The moduleName to submit it with.", example = "batch-rest.war")
        String moduleName,
        @Schema(description = "The job parameters the JSL refers to (#{jobParameters['name']}), in the order they "
                + "first appear, each with the default the JSL writes for it (?:value;), \"\" when it writes none.",
                example = "{\"chunkSize\":\"10\",\"items\":\"100\",\"failAt\":\"0\"}")
        Map<String, String> jobParameters) {
}
