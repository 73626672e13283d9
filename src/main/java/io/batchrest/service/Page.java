package io.batchrest.service;

import io.batchrest.query.PageRequest;
import io.batchrest.query.SearchCursor;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param total      the number of matches before paging if {@code totalExact}; otherwise a number of matches known
 *                   to exist, the total not having been counted (docs/api.md, "Totals")
 * @param next       the cursor of the next page, if the list's order allows one
 */
public record Page<T>(List<T> items, PageRequest request, boolean hasNext, long total, boolean totalExact,
                      Optional<SearchCursor> next) {

    public boolean hasPrevious() {
        return request.pageNumber() > 0;
    }
}
