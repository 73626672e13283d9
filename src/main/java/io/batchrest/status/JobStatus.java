package io.batchrest.status;

import io.batchrest.model.InstanceState;

import java.time.Instant;

/**
 * The compact status of a job instance, which integrating clients poll (docs/contract.md §11; README, "For
 * integrating clients"). {@link #status()} maps Liberty's states onto that vocabulary:
 * <ul>
 * <li>Created (0): submitted, no execution yet;</li>
 * <li>Queued (1): SUBMITTED with an execution not yet running, JMS_QUEUED, JMS_CONSUMED;</li>
 * <li>Processing (2): DISPATCHED (an execution is starting, running or stopping);</li>
 * <li>Completed (3): COMPLETED;</li>
 * <li>CompletedWithErrors (4): FAILED, STOPPED, ABANDONED;</li>
 * <li>Unknown (99): a state this product does not know.</li>
 * </ul>
 */
public record JobStatus(long id, Status status, String identity, String workerId, String statusMessage,
                        Instant created, Instant updated, Instant completed, Progress progress, String parameters) {

    /** The status words and their JSON numbers. */
    public enum Status {
        Created(0), Queued(1), Processing(2), Completed(3), CompletedWithErrors(4), Unknown(99);

        private final int number;

        Status(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public boolean isFinal() {
            return this == Completed || this == CompletedWithErrors;
        }

        public static Status of(InstanceState state, int executions) {
            return switch (state) {
                case SUBMITTED -> executions == 0 ? Created : Queued;
                case JMS_QUEUED, JMS_CONSUMED -> Queued;
                case DISPATCHED -> Processing;
                case COMPLETED -> Completed;
                case FAILED, STOPPED, ABANDONED -> CompletedWithErrors;
            };
        }
    }

    /** Steps done of the steps in the JSL, and the items of all chunk steps so far. */
    public record Progress(int stepsCompleted, int stepsTotal, long itemsRead, long itemsWritten, long itemsFiltered,
                           long itemsSkipped) {
    }
}
