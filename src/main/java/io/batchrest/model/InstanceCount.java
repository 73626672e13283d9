package io.batchrest.model;

import java.time.LocalDate;

/**
 * One group of an aggregate over job instances (docs/api.md, "Aggregates"): how many instances share these values.
 * A key the aggregate does not group by is null; so is a value the repository does not hold (an instance without a
 * job name yet).
 *
 * @param day        the server-local day of the last update
 * @param createDay  the server-local day of creation
 */
public record InstanceCount(LocalDate day, LocalDate createDay, InstanceState instanceState, String jobName,
                            long count) {
}
