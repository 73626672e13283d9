package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The body of GET on {@code caller}. */
@Schema(name = "Caller", description = "The authenticated user and the batch roles they hold.",
        requiredProperties = {"user", "roles"})
public record CallerSchema(
        @Schema(description = "The user name, as it appears as submitter of their instances.", example = "submitter1")
        String user,
        @Schema(description = "The batch roles of the user, in this order; empty for a user without any.",
                type = SchemaType.ARRAY, implementation = String.class,
                enumeration = {"batchAdmin", "batchSubmitter", "batchMonitor"})
        List<String> roles) {
}
