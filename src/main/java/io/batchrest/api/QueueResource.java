package io.batchrest.api;

import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.query.SortKey;
import io.batchrest.repository.InstanceState;
import io.batchrest.repository.JobInstanceRecord;
import io.batchrest.security.CallerScope;
import io.batchrest.service.JobReadService;
import io.batchrest.service.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code queue} (SPEC §11, seed 000): the instances not yet final, oldest first, one per line as
 * {@code <instanceId> <jobName> <instanceState> <createTime>} (ISO-8601 UTC), for scripts that read lines. Scoped
 * like every list: a submitter-only caller sees their own.
 */
@Path("queue")
public class QueueResource {

    private static final Set<InstanceState> ACTIVE = Arrays.stream(InstanceState.values())
            .filter(InstanceState::isActive).collect(Collectors.toCollection(() -> EnumSet.noneOf(InstanceState.class)));

    @Inject
    CallerScope caller;

    @Inject
    JobReadService reads;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response queue(@QueryParam("jobName") String jobName, @QueryParam("page") String page,
                          @QueryParam("pageSize") String pageSize) {
        PageRequest paging = PageRequest.parse(page, pageSize == null ? Integer.toString(PageRequest.MAX_PAGE_SIZE)
                : pageSize);
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), ACTIVE,
                List.of(), List.of(), List.of(), jobName == null ? List.of() : List.of(jobName), Map.of(), false,
                List.of(new SortKey(SortKey.Field.CREATE_TIME, false)), paging);
        Page<JobInstanceRecord> result = reads.searchInstances(search, caller);
        String lines = result.items().stream()
                .map(instance -> instance.instanceId() + " " + instance.jobName() + " " + instance.instanceState() + " "
                        + instance.createTime())
                .collect(Collectors.joining("\n", "", result.items().isEmpty() ? "" : "\n"));
        return Response.ok(lines, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("X-Total-Count", result.total()).build();
    }
}
