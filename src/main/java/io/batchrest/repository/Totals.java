package io.batchrest.repository;

/** How much a search counts of its matches beyond the page (docs/api.md, "Totals"). */
public enum Totals {
    /** Nothing: the caller uses the page only (a bulk purge). */
    NONE,
    /** Only where that is cheap: up to the count limit in one index; otherwise how many matches the page showed. */
    UP_TO_LIMIT,
    /** Every match, however many: the client asked for it and pays for it. */
    EXACT
}
