package io.batchrest.api.openapi;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

/**
 * The query parameters of a job-instance search (docs/contract.md §6), as a JAX-RS bean parameter for the OpenAPI
 * document only: GET and DELETE on {@code jobinstances} take it so that MicroProfile OpenAPI documents each parameter,
 * but read every query parameter through {@code UriInfo} themselves, because the grammar depends on the API version and
 * on parameter names ({@code jobParameter.<name>}) that no fixed list holds. Nothing reads these fields.
 */
public class SearchParameters {

    private static final String DAYS = "yyyy-MM-dd = that whole day; d1:d2 = the days d1 to d2 inclusive; >Nd = at "
            + "or after the start of the day N days ago; <Nd = at or before the end of the day N days ago. Days are "
            + "days of the server's time zone. An invalid date (2015-13-45) or form (<-1d) is a 400.";
    private static final String DAYS_PATTERN = "^([0-9]{4}-[0-9]{2}-[0-9]{2}(:[0-9]{4}-[0-9]{2}-[0-9]{2})?|[<>][0-9]+d)$";

    @QueryParam("page")
    @Parameter(description = "All versions. The 0-based page (default 0). Not a non-negative integer: 400.",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", defaultValue = "0"))
    String page;

    @QueryParam("pageSize")
    @Parameter(description = "All versions. Items per page (default 50, at most 1000). Outside 1-1000 or not an "
            + "integer: 400.", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
            maximum = "1000", defaultValue = "50"))
    String pageSize;

    @QueryParam("after")
    @Parameter(description = "All versions. The cursor of a Link rel=\"next\" URL: the page starts right behind the "
            + "last instance of the page before, whatever its depth (page is then ignored). Made by the server for "
            + "one search and order; anything else is a 400. See docs/api.md, Paging.",
            schema = @Schema(type = SchemaType.STRING))
    String after;

    @QueryParam("count")
    @Parameter(description = "All versions, GET only. exact: count every match for X-Total-Count, however many (as "
            + "the header Prefer: count=exact). Without it the total is counted only where that is cheap, else "
            + "X-Total-Count-Lower-Bound. Any other value: 400.",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"exact"}))
    String count;

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

    @QueryParam("sort")
    @Parameter(description = "v3-v4. A comma-separated list of fields, each optionally prefixed with - for "
            + "descending: createTime, lastUpdatedTime, submitter, amcName (= appName), jobXMLName, batchStatus, "
            + "exitStatus. Default: newest createTime first; instanceId is always the final tie-breaker. Other fields "
            + "are ignored and listed in the response header X-IBM-Unrecognized-Fields.",
            schema = @Schema(type = SchemaType.STRING), example = "-lastUpdatedTime,submitter")
    String sort;

    @QueryParam("ignoreCase")
    @Parameter(description = "v4. true = the text filters match case-insensitively. Anything but true or false is a "
            + "400.", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    String ignoreCase;
}
