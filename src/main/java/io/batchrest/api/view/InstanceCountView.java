package io.batchrest.api.view;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.InstanceCount;
import io.batchrest.query.GroupKey;
import jakarta.json.stream.JsonGenerator;

import java.time.LocalDate;
import java.util.List;

/**
 * One group of an aggregate (docs/api.md, "Aggregates"): the keys it was grouped by, in {@link GroupKey} order, then
 * {@code count}. Days read {@code yyyy-MM-dd}; a missing value is {@code ""}, as every missing string of the API.
 */
public record InstanceCountView(InstanceCount group, List<GroupKey> groupBy) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        for (GroupKey key : groupBy) {
            json.write(key.queryName(), switch (key) {
                case DAY -> day(group.day());
                case CREATE_DAY -> day(group.createDay());
                case INSTANCE_STATE -> group.instanceState() == null ? "" : group.instanceState().name();
                case JOB_NAME -> JsonOutput.text(group.jobName());
            });
        }
        json.write("count", group.count());
        json.writeEnd();
    }

    private static String day(LocalDate day) {
        return day == null ? "" : day.toString();
    }
}
