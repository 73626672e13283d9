package io.batchrest.repository;

import io.batchrest.model.JobInstanceRecord;
import io.batchrest.query.SearchCursor;

import java.util.List;
import java.util.Optional;

/**
 * One page of a search.
 *
 * @param hasNext    whether a match follows the page (found by reading one row more than the page)
 * @param total      the number of matches if {@code totalExact}; otherwise a number the matches are known to exceed
 *                   or reach (docs/api.md, "Totals")
 * @param next       where the next page starts, if the order allows a cursor and there is a next page
 */
public record SearchPage(List<JobInstanceRecord> items, boolean hasNext, long total, boolean totalExact,
                         Optional<SearchCursor> next) {
}
