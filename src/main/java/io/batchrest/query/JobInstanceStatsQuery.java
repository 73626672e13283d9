package io.batchrest.query;

import java.util.List;

/**
 * A parsed aggregate over job instances (docs/api.md, "Aggregates"): the instances a v4 search with {@code filters}
 * selects, counted per distinct combination of the {@code groupBy} keys.
 *
 * @param groupBy the keys in {@link GroupKey} order, each once, at least one
 * @param filters the v4 filters; its paging and sort are the defaults and mean nothing here
 */
public record JobInstanceStatsQuery(List<GroupKey> groupBy, JobInstanceSearch filters) {

    public JobInstanceStatsQuery {
        groupBy = List.copyOf(groupBy);
    }
}
