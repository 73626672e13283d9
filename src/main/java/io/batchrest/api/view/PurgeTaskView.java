package io.batchrest.api.view;

import io.batchrest.api.ApiLinks;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.PurgeTaskRecord;
import io.batchrest.service.PurgeResult;
import jakarta.json.stream.JsonGenerator;

import java.util.List;
import java.util.Optional;

import static io.batchrest.api.json.JsonOutput.date;

/**
 * An asynchronous bulk purge (docs/contract.md §7): its state, search, counts and times, and on a GET of the task one
 * page of its per-instance results (purge results, §2; PENDING while an instance has none yet).
 */
public record PurgeTaskView(PurgeTaskRecord task, Optional<List<PurgeResult>> results, ApiLinks links)
        implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.write("taskId", task.taskId());
        json.write("state", task.state().name());
        json.write("submitter", task.submitter());
        json.write("search", task.search());
        json.write("purgeJobStoreOnly", task.jobStoreOnly());
        json.write("matched", task.matched());
        json.write("purged", task.purged());
        json.write("failed", task.failed());
        json.write("remaining", task.remaining());
        json.write("createTime", date(task.createTime()));
        json.write("lastUpdatedTime", date(task.lastUpdatedTime()));
        json.write("endTime", date(task.endTime()));
        json.write("serverId", task.serverId());
        json.write("message", task.message());
        results.ifPresent(page -> {
            json.writeStartArray("results");
            page.forEach(result -> new PurgeResultView(result).writeTo(json));
            json.writeEnd();
        });
        json.writeStartArray("_links");
        Links.write(json, "self", links.purgeTask(task.taskId()));
        json.writeEnd();
        json.writeEnd();
    }
}
