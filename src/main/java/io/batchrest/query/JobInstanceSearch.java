package io.batchrest.query;

import io.batchrest.repository.InstanceState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed job-instance search (SPEC §6): every filter typed, none yet SQL. Different filters AND together; the
 * values of one text filter OR together. Text patterns use {@code *} as the only wildcard.
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

    /** No filter at all: the v1 list. */
    public static JobInstanceSearch everything(PageRequest page) {
        return new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), List.of(),
                List.of(), List.of(), List.of(), Map.of(), false, List.of(), page);
    }
}
