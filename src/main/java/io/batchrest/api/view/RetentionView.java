package io.batchrest.api.view;

import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.RetentionLease;
import io.batchrest.model.RetentionRun;
import io.batchrest.query.PageRequest;
import io.batchrest.service.RetentionRules;
import io.batchrest.service.RetentionSettings;
import io.batchrest.service.RetentionStatus;
import jakarta.json.stream.JsonGenerator;

import static io.batchrest.api.json.JsonOutput.date;
import static io.batchrest.api.json.JsonOutput.text;

/** GET on {@code retention} (docs/api.md, "Retention"): settings, lease, last run and dry run. */
public record RetentionView(RetentionStatus status, PageRequest paging) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        RetentionSettings settings = status.settings();
        json.writeStartObject();
        json.write("enabled", settings.enabled());
        if (settings.problem().isPresent()) {
            json.write("problem", settings.problem().get());
        } else {
            json.writeNull("problem");
        }
        json.write("interval", RetentionSettings.iso(settings.interval()));
        json.write("batchSize", settings.batchSize());
        json.writeStartArray("rules");
        for (RetentionRules.Rule rule : settings.rules().rules()) {
            json.writeStartObject();
            json.write("jobName", rule.jobName());
            json.writeStartObject("keep");
            rule.keep().forEach((state, duration) -> json.write(state.name(), RetentionSettings.iso(duration)));
            json.writeEnd();
            json.write("keepLast", rule.keepLast());
            json.writeEnd();
        }
        json.writeEnd();
        RetentionLease lease = status.lease().orElse(new RetentionLease(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty()));
        if (lease.holder().isPresent() && lease.expires().isPresent()) {
            json.writeStartObject("lease");
            json.write("holder", lease.holder().get());
            json.write("expires", date(lease.expires().get()));
            json.writeEnd();
        } else {
            json.writeNull("lease");
        }
        if (lease.lastRun().isPresent()) {
            json.writeStartObject("lastRun");
            writeRun(json, lease.lastRun().get());
            json.writeEnd();
        } else {
            json.writeNull("lastRun");
        }
        json.writeStartObject("nextRun");
        json.write("asOf", date(status.now()));
        json.write("total", status.selected());
        json.write("page", paging.page());
        json.write("pageSize", paging.pageSize());
        json.writeStartArray("instances");
        for (JobInstanceRecord instance : status.page()) {
            json.writeStartObject();
            json.write("instanceId", instance.instanceId());
            json.write("jobName", text(instance.jobName()));
            json.write("instanceState", instance.instanceState().name());
            json.write("lastUpdatedTime", date(instance.lastUpdatedTime()));
            json.writeEnd();
        }
        json.writeEnd();
        json.writeEnd();
        json.writeEnd();
    }

    /** The fields of a run, inside an object the caller opened. */
    static void writeRun(JsonGenerator json, RetentionRun run) {
        json.write("server", run.server());
        json.write("started", date(run.started()));
        json.write("ended", date(run.ended()));
        json.write("purged", run.purged());
        json.write("failed", run.failed());
    }

    /** The answer of POST on {@code retention/run}: the run that just ended. */
    public record Run(RetentionRun run) implements JsonRepresentation {

        @Override
        public void writeTo(JsonGenerator json) {
            json.writeStartObject();
            writeRun(json, run);
            json.writeEnd();
        }
    }
}
