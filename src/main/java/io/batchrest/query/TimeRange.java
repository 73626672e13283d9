package io.batchrest.query;

import java.time.Instant;
import java.util.Optional;

/** A half-open interval of instants: from (inclusive) until (exclusive); either end may be open. */
public record TimeRange(Optional<Instant> from, Optional<Instant> until) {
}
