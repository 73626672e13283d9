package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.service.Page;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * A list response: Liberty's body (a JSON array), plus {@code X-Total-Count} (matches before paging) and an RFC
 * 8288 {@code Link} header with {@code next}/{@code prev} (SPEC §0).
 */
final class PagedResponse {

    private PagedResponse() {
    }

    static Response of(Page<?> page, ApiLinks links, List<? extends JsonRepresentation> items,
                       List<String> unrecognizedFields) {
        Response.ResponseBuilder response = Response.ok(JsonRepresentation.array(items), JsonOutput.JSON_UTF8)
                .header("X-Total-Count", page.total());
        withUnrecognizedFields(response, unrecognizedFields);
        List<String> relations = new ArrayList<>();
        if (page.hasNext()) {
            relations.add("<" + links.withPage(page.request().page() + 1) + ">; rel=\"next\"");
        }
        if (page.hasPrevious()) {
            relations.add("<" + links.withPage(page.request().page() - 1) + ">; rel=\"prev\"");
        }
        if (!relations.isEmpty()) {
            response.header("Link", String.join(", ", relations));
        }
        return response.build();
    }

    /** Liberty's header for query parameters a v3/v4 search ignored (unknown names, sort fields not allowed). */
    static Response.ResponseBuilder withUnrecognizedFields(Response.ResponseBuilder response, List<String> fields) {
        return fields.isEmpty() ? response : response.header("X-IBM-Unrecognized-Fields", String.join(",", fields));
    }
}
