package io.batchrest.service;

import io.batchrest.model.PurgeTaskRecord;

/** An asynchronous bulk purge and one page of its per-instance results, in purge order (PENDING: none yet). */
public record PurgeTaskReport(PurgeTaskRecord task, Page<PurgeResult> results) {
}
