package io.batchrest.repository;

/**
 * The tables of batch-rest's own, in schema BATCHREST of the job repository's database (Liberty's are in
 * {@link BatchTables}). Each is created by the class that uses it, when first needed, on Derby and PostgreSQL alike.
 */
public final class BatchRestTables {

    public static final String SCHEMA = "BATCHREST";

    private BatchRestTables() {
    }

    /** Which instance a user's idempotency key started (docs/api.md, "Idempotent submissions"). */
    public static final class IdempotencyKey {
        public static final String TABLE = SCHEMA + ".IDEMPOTENCY_KEY";
        public static final String SUBMITTER = "SUBMITTER";
        public static final String REQUEST_KEY = "REQUEST_KEY";
        public static final String REQUEST_HASH = "REQUEST_HASH";
        public static final String INSTANCE_ID = "INSTANCE_ID";
        public static final String CREATED = "CREATED";

        private IdempotencyKey() {
        }
    }

    /**
     * One row per job event of any server of the cluster (docs/api.md, "Job events"); its identity column gives the
     * events their ids. EXECUTION_ID is 0 for a change of the instance alone; the step columns and metrics are set
     * for the step events; CREATED is when the row was written, which retention goes by.
     */
    public static final class JobEvent {
        public static final String TABLE = SCHEMA + ".JOB_EVENT";
        public static final String ID = "ID";
        public static final String EVENT_TYPE = "EVENT_TYPE";
        public static final String INSTANCE_ID = "INSTANCE_ID";
        public static final String JOB_NAME = "JOB_NAME";
        public static final String SUBMITTER = "SUBMITTER";
        public static final String EXECUTION_ID = "EXECUTION_ID";
        public static final String BATCH_STATUS = "BATCH_STATUS";
        public static final String EXIT_STATUS = "EXIT_STATUS";
        public static final String STEP_EXECUTION_ID = "STEP_EXECUTION_ID";
        public static final String STEP_NAME = "STEP_NAME";
        /** The eight step metrics of a stepEnded event, in the order of {@code model.StepMetrics}. */
        public static final String[] METRICS = {"READ_COUNT", "WRITE_COUNT", "COMMIT_COUNT", "ROLLBACK_COUNT",
                "READ_SKIP_COUNT", "PROCESS_SKIP_COUNT", "FILTER_COUNT", "WRITE_SKIP_COUNT"};
        public static final String EVENT_TIME = "EVENT_TIME";
        public static final String CREATED = "CREATED";

        private JobEvent() {
        }
    }

    /** The purge tasks of asynchronous bulk purges and their instances (docs/api.md, "Purge tasks"). */
    public static final class PurgeTask {
        public static final String TABLE = SCHEMA + ".PURGE_TASK";
        public static final String INSTANCES_TABLE = SCHEMA + ".PURGE_TASK_INSTANCE";

        private PurgeTask() {
        }
    }

    /** The lease that lets one server of a cluster apply the retention rules at a time (README, "Retention"). */
    public static final class RetentionLease {
        public static final String TABLE = SCHEMA + ".RETENTION_LEASE";

        private RetentionLease() {
        }
    }
}
