package io.batchrest.api.view;

import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.security.BatchRole;
import io.batchrest.security.CallerScope;
import jakarta.json.stream.JsonGenerator;

/** GET on {@code caller}: the authenticated user and the batch roles they hold. */
public record CallerView(CallerScope caller) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.write("user", caller.user());
        json.writeStartArray("roles");
        if (caller.admin()) {
            json.write(BatchRole.batchAdmin.name());
        }
        if (caller.submitter()) {
            json.write(BatchRole.batchSubmitter.name());
        }
        if (caller.monitor()) {
            json.write(BatchRole.batchMonitor.name());
        }
        json.writeEnd();
        json.writeEnd();
    }
}
