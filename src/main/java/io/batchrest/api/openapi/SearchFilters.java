package io.batchrest.api.openapi;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

/**
 * The filters of a job-instance search (docs/contract.md §6), as a JAX-RS bean parameter for the OpenAPI document
 * only (see {@link SearchParameters}): the search and the bulk purge take them with {@link SearchParameters}, the
 * aggregate {@code v4/jobinstances/stats} alone (docs/api.md, "Aggregates"). Nothing reads these fields.
 */
public class SearchFilters {

    private static final String DAYS = "yyyy-MM-dd = that whole day; d1:d2 = the days d1 to d2 inclusive; >Nd = at "
            + "or after the start of the day N days ago; <Nd = at or before the end of the day N days ago. Days are "
            + "days of the server's time zone. An invalid date (2015-13-45) or form (<-1d) is a 400.";
    private static final String DAYS_PATTERN = "^([0-9]{4}-[0-9]{2}-[0-9]{2}(:[0-9]{4}-[0-9]{2}-[0-9]{2})?|[<>][0-9]+d)$";

    @QueryParam("jobInstanceId")
    @Parameter(description = "v2-v4. a:b = ids from a to b inclusive; >a = at least a; <a = at most a; a,b,c = any "
            + "of the list; a = exactly a. Ids are non-negative integers written with the digits 0-9; anything else "
            + "(a negative or non-numeric id, an empty list item, a range whose start is after its end) is a 400.",
            schema = @Schema(type = SchemaType.STRING, pattern = "^([<>]?[0-9]+|[0-9]+:[0-9]+|[0-9]+(,[0-9]+)*)$"),
            example = "11:13")
    String jobInstanceId;

    @QueryParam("createTime")
    @Parameter(description = "v2-v4. When the instance was created: " + DAYS,
            schema = @Schema(type = SchemaType.STRING, pattern = DAYS_PATTERN), example = ">2d")
    String createTime;

    @QueryParam("lastUpdatedTime")
    @Parameter(description = "v3-v4. When the instance was last updated: " + DAYS,
            schema = @Schema(type = SchemaType.STRING, pattern = DAYS_PATTERN), example = "2015-11-08:2015-11-11")
    String lastUpdatedTime;

    @QueryParam("instanceState")
    @Parameter(description = "v2-v4. A comma-separated list of instance states (case-insensitive), any of which "
            + "matches: SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED, FAILED, STOPPED, COMPLETED, ABANDONED. An "
            + "unknown state is a 400 listing the valid ones.", schema = @Schema(type = SchemaType.STRING),
            example = "FAILED,STOPPED")
    String instanceState;

    @QueryParam("exitStatus")
    @Parameter(description = "v2-v4. The exit status; * is a wildcard anywhere (the only one: % and _ match "
            + "themselves). v4: repeatable, the values OR together; v2 and v3 use the first.", example = "SUCC*")
    List<String> exitStatus;

    @QueryParam("submitter")
    @Parameter(description = "v4. The submitting user; * wildcards; repeatable, the values OR together.",
            example = "submitter*")
    List<String> submitter;

    @QueryParam("appName")
    @Parameter(description = "v4. The application: without # it matches the application part of "
            + "app#module[#component], with # the whole name; * wildcards; repeatable, the values OR together.",
            example = "batch-rest")
    List<String> appName;

    @QueryParam("jobName")
    @Parameter(description = "v4. The job name; * wildcards; repeatable, the values OR together.", example = "chunk*")
    List<String> jobName;

    @QueryParam("jobParameter.<name>")
    @Parameter(description = "v3-v4. Stands for any number of parameters jobParameter.<name>=<value>, e.g. "
            + "jobParameter.items=100: an instance matches if any of its executions had the job parameter <name> with "
            + "that value; * wildcards in the value; several names AND together. An empty name or value is a 400.",
            schema = @Schema(type = SchemaType.STRING))
    String jobParameter;

    @QueryParam("ignoreCase")
    @Parameter(description = "v4. true = the text filters match case-insensitively. Anything but true or false is a "
            + "400.", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    String ignoreCase;
}
