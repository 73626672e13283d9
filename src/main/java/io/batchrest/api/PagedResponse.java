package io.batchrest.api;

import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.Refusal;
import io.batchrest.service.Page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.Response;

/**
 * A list response: Liberty's body (a JSON array), plus the total and an RFC 8288 {@code Link} header with
 * {@code next}/{@code prev} (docs/api.md, "Paging" and "Totals"). The total is {@code X-Total-Count} when it was
 * counted, which it is where that is cheap (up to 1,000 matches) or when the client asks for it ({@code count=exact} or
 * {@code Prefer: count=exact}, answered with {@code Preference-Applied}); beyond that {@code X-Total-Count-Lower-Bound}
 * says how many matches are known to exist. {@code next} comes from reading one row more than the page and carries a
 * cursor where the order allows one, so that following it costs the same on every page.
 */
final class PagedResponse {

    static final String EXACT_COUNT = "count=exact";

    private PagedResponse() {
    }

    static Response of(Page<?> page, boolean exactTotalRequested, ApiLinks links,
                       List<? extends JsonRepresentation> items, List<String> unrecognizedFields) {
        Response.ResponseBuilder response = Response.ok(JsonRepresentation.array(items), JsonOutput.JSON_UTF8)
                .header(page.totalExact() ? "X-Total-Count" : "X-Total-Count-Lower-Bound", page.total());
        if (exactTotalRequested) {
            response.header("Preference-Applied", EXACT_COUNT);
        }
        withUnrecognizedFields(response, unrecognizedFields);
        return withPageLinks(response, page, links).build();
    }

    /** The {@code Link} header of a page: {@code next} where another item follows, {@code prev} after the first. */
    static Response.ResponseBuilder withPageLinks(Response.ResponseBuilder response, Page<?> page, ApiLinks links) {
        List<String> relations = new ArrayList<>();
        if (page.hasNext()) {
            String next = page.next().map(cursor -> links.withCursor(cursor.encode()))
                    .orElseGet(() -> links.withPage(page.request().pageNumber() + 1));
            relations.add("<" + next + ">; rel=\"next\"");
        }
        if (page.hasPrevious()) {
            relations.add("<" + links.withPage(page.request().pageNumber() - 1) + ">; rel=\"prev\"");
        }
        if (!relations.isEmpty()) {
            response.header("Link", String.join(", ", relations));
        }
        return response;
    }

    /**
     * Whether the client asked for the exact total: {@code count=exact} in the query, or {@code count=exact} among
     * the preferences of a {@code Prefer} header (RFC 7240; unknown preferences are ignored, as it says).
     */
    static boolean exactTotalRequested(String countParameter, Enumeration<String> preferHeaders) {
        if (countParameter != null) {
            if (!countParameter.equals("exact")) {
                throw Refusal.invalidParameter("count", "The count value " + countParameter + " is not valid: the "
                        + "only value is exact (count every match; without it the total is counted only where that is cheap).");
            }
            return true;
        }
        for (String header : preferHeaders == null ? List.<String>of() : Collections.list(preferHeaders)) {
            for (String preference : header.split(",")) {
                String token = preference.split(";")[0].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (token.equals(EXACT_COUNT)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Liberty's header for query parameters a v3/v4 search ignored (unknown names, sort fields not allowed). */
    static Response.ResponseBuilder withUnrecognizedFields(Response.ResponseBuilder response, List<String> fields) {
        return fields.isEmpty() ? response : response.header("X-IBM-Unrecognized-Fields", String.join(",", fields));
    }
}
