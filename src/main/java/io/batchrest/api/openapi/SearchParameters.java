package io.batchrest.api.openapi;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging and order parameters of a job-instance search (docs/contract.md §6), as a JAX-RS bean parameter for the
 * OpenAPI document only: GET and DELETE on {@code jobinstances} take it and {@link SearchFilters} so that MicroProfile
 * OpenAPI documents each parameter, but read every query parameter through {@code UriInfo} themselves, because the
 * grammar depends on the API version and on parameter names ({@code jobParameter.<name>}) that no fixed list holds.
 * Nothing reads these fields.
 */
public class SearchParameters {

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

    @QueryParam("sort")
    @Parameter(description = "v3-v4. A comma-separated list of fields, each optionally prefixed with - for "
            + "descending: createTime, lastUpdatedTime, submitter, amcName (= appName), jobXMLName, batchStatus, "
            + "exitStatus. Default: newest createTime first; instanceId is always the final tie-breaker. Other fields "
            + "are ignored and listed in the response header X-IBM-Unrecognized-Fields.",
            schema = @Schema(type = SchemaType.STRING), example = "-lastUpdatedTime,submitter")
    String sort;
}
