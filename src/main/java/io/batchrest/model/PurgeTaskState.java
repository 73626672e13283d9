package io.batchrest.model;

/**
 * Where an asynchronous bulk purge stands (docs/contract.md §7). RUNNING is the only state that changes: a task ends
 * COMPLETED (every matched instance has its result), CANCELLED (a client cancelled it; what was purged stays purged)
 * or FAILED (the task itself failed several times in a row, e.g. the repository failed; its message says why).
 */
public enum PurgeTaskState {
    RUNNING, COMPLETED, CANCELLED, FAILED;

    public boolean ended() {
        return this != RUNNING;
    }
}
