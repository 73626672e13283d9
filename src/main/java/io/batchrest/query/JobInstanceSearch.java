package io.batchrest.query;

import io.batchrest.model.Refusal;
import io.batchrest.model.InstanceState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed job-instance search (docs/contract.md §6): every filter typed, none yet SQL. Different filters AND together;
 * the values of one text filter OR together. Text patterns use {@code *} as the only wildcard.
 *
 * @param states        empty means any state
 * @param jobParameters parameter name → value pattern; an instance matches if one of its executions had it
 * @param sort          empty means newest first
 */
public record JobInstanceSearch(Optional<InstanceIdFilter> instanceIds, Optional<TimeRange> createTime,
                                Optional<TimeRange> lastUpdatedTime, Set<InstanceState> states,
                                List<String> exitStatuses, List<String> submitters, List<String> appNames,
                                List<String> jobNames, Map<String, String> jobParameters, boolean ignoreCase,
                                List<SortKey> sort, PageRequest page) {

    /** A cursor continues the order it was made in: another order would skip or repeat instances. */
    public JobInstanceSearch {
        page.after().ifPresent(cursor -> {
            String order = sort.isEmpty() ? SortKey.DEFAULT.text() : sort.size() == 1 ? sort.get(0).text() : null;
            if (!cursor.order().equals(order)) {
                throw Refusal.invalidParameter("after", "The after cursor continues the order " + cursor.order()
                        + (order == null ? ", and a sort by several keys pages with page=" : ", not " + order)
                        + ": follow the Link header's next URL as it is.");
            }
        });
    }

    /** The same filters and order, another page. */
    public JobInstanceSearch withPage(PageRequest other) {
        return new JobInstanceSearch(instanceIds, createTime, lastUpdatedTime, states, exitStatuses, submitters,
                appNames, jobNames, jobParameters, ignoreCase, sort, other);
    }

    /** No filter at all: the v1 list. */
    public static JobInstanceSearch everything(PageRequest page) {
        return new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), List.of(),
                List.of(), List.of(), List.of(), Map.of(), false, List.of(), page);
    }
}
