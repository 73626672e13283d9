package io.batchrest.repository;

/** How much a search counts of its matches beyond the page (docs/api.md, "Totals"). */
public enum Totals {
    /** Nothing: the caller uses the page only (a bulk purge). */
    NONE,
    /** Exactly up to {@link JobInstanceRepository#COUNT_LIMIT} matches, beyond that only that there are more. */
    UP_TO_LIMIT,
    /** Every match, however many: the client asked for it and pays for it. */
    EXACT
}
