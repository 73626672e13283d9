package io.batchrest.query;

import io.batchrest.model.Refusal;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses the query of {@code v4/jobinstances/stats} (docs/api.md, "Aggregates"): {@code groupBy} and the filters of
 * a v4 search, which {@link JobInstanceSearchParser} reads with the same grammar. Unlike the search, which ignores
 * unknown parameters as Liberty does, a new endpoint has no client to stay compatible with: a parameter it does not
 * know (a misspelt filter, or {@code page}, {@code sort}, which mean nothing to a count) would silently widen the
 * count, so it is a 400 naming the parameter.
 */
public final class JobInstanceStatsParser {

    public static final String GROUP_BY = "groupBy";

    /** The v4 filters; {@code jobParameter.<name>} is checked by its prefix. */
    private static final Set<String> FILTERS = Set.of("jobInstanceId", "createTime", "lastUpdatedTime",
            "instanceState", "exitStatus", "submitter", "appName", "jobName", "ignoreCase");

    /** Accepted on every resource (docs/contract.md §1). */
    private static final String PERMIT_REDIRECT = "permitRedirect";

    private final JobInstanceSearchParser filters;

    /** {@code clock} gives "today" and the server's time zone, as for a search. */
    public JobInstanceStatsParser(Clock clock) {
        this.filters = new JobInstanceSearchParser(clock);
    }

    /** @param query every query parameter with all its values, in request order */
    public JobInstanceStatsQuery parse(Map<String, List<String>> query) {
        Map<String, List<String>> filterParameters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (FILTERS.contains(name) || name.startsWith(JobInstanceSearchParser.JOB_PARAMETER_PREFIX)
                    || PERMIT_REDIRECT.equals(name)) {
                filterParameters.put(name, parameter.getValue());
            } else if (!GROUP_BY.equals(name)) {
                throw Refusal.invalidParameter(name, "The parameter " + name + " is not known to "
                        + "jobinstances/stats: it takes groupBy and the v4 filters " + String.join(", ",
                        FILTERS.stream().sorted().toList()) + " and jobParameter.<name>.");
            }
        }
        List<String> groupBy = query.getOrDefault(GROUP_BY, List.of());
        return new JobInstanceStatsQuery(groupBy(groupBy.isEmpty() ? null : groupBy.get(0)),
                filters.parse(4, filterParameters).search());
    }

    /** A comma-separated list of distinct keys, in any order; the answer orders them as {@link GroupKey} does. */
    static List<GroupKey> groupBy(String value) {
        if (value == null || value.isEmpty()) {
            throw Refusal.invalidParameter(GROUP_BY, "groupBy is required: a comma-separated list of "
                    + validKeys() + ", e.g. groupBy=day,instanceState.");
        }
        Set<GroupKey> keys = EnumSet.noneOf(GroupKey.class);
        for (String item : value.split(",", -1)) {
            GroupKey key = GroupKey.byQueryName(item).orElseThrow(() -> Refusal.invalidParameter(GROUP_BY,
                    "The groupBy key " + (item.isEmpty() ? "\"\"" : item) + " is not valid. Valid groupBy keys are: "
                    + validKeys() + "."));
            if (!keys.add(key)) {
                throw Refusal.invalidParameter(GROUP_BY, "The groupBy key " + item + " is given twice.");
            }
        }
        return List.copyOf(keys);
    }

    private static String validKeys() {
        return Arrays.stream(GroupKey.values()).map(GroupKey::queryName).collect(Collectors.joining(", "));
    }
}
