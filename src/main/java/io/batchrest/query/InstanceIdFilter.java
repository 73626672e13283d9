package io.batchrest.query;

import java.util.List;

/**
 * The {@code jobInstanceId} filter (docs/contract.md §6): {@code a:b}, {@code >a} (at least), {@code <a} (at most), a
 * list.
 */
public sealed interface InstanceIdFilter {

    record Between(long from, long to) implements InstanceIdFilter {
    }

    record AtLeast(long from) implements InstanceIdFilter {
    }

    record AtMost(long to) implements InstanceIdFilter {
    }

    record AnyOf(List<Long> ids) implements InstanceIdFilter {
    }
}
