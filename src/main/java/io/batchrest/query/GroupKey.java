package io.batchrest.query;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the instances of an aggregate ({@code v4/jobinstances/stats}) can be grouped by (docs/api.md, "Aggregates").
 * The declaration order is the order of the fields in each group and of the groups in the answer.
 */
public enum GroupKey {
    /** The server-local day of the last update: for a finished instance, the day its last run ended. */
    DAY("day"),
    /** The server-local day the instance was created (submitted). */
    CREATE_DAY("createDay"),
    INSTANCE_STATE("instanceState"),
    JOB_NAME("jobName");

    private final String queryName;

    GroupKey(String queryName) {
        this.queryName = queryName;
    }

    /** The name in {@code groupBy} and in the JSON of a group. */
    public String queryName() {
        return queryName;
    }

    static Optional<GroupKey> byQueryName(String name) {
        return Arrays.stream(values()).filter(key -> key.queryName.equals(name)).findFirst();
    }
}
