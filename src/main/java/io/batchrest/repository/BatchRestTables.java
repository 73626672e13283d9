package io.batchrest.repository;

/**
 * The tables of batch-rest's own, in schema BATCHREST of the job repository's database (Liberty's are in
 * {@link BatchTables}). All are created when the application starts ({@link OwnTables}), on Derby and PostgreSQL alike.
 */
public final class BatchRestTables {

    public static final String SCHEMA = "BATCHREST";

    /**
     * The start of the name of every index batch-rest adds to Liberty's tables ({@link SearchIndex},
     * {@link RepositoryIndexes}), so that nobody mistakes one for Liberty's.
     */
    public static final String INDEX_PREFIX = SCHEMA + "_";

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

    /**
     * One row per purge task of an asynchronous bulk purge (docs/api.md, "Purge tasks"): who created it on which
     * server, its state, the search it purges (PURGE_REQUEST) and its counts; its instances are in
     * {@link PurgeTaskInstance}.
     */
    public static final class PurgeTask {
        public static final String TABLE = SCHEMA + ".PURGE_TASK";
        public static final String TASK_ID = "TASK_ID";
        public static final String SUBMITTER = "SUBMITTER";
        public static final String SERVER_ID = "SERVER_ID";
        public static final String TASK_STATE = "TASK_STATE";
        public static final String PURGE_REQUEST = "PURGE_REQUEST";
        public static final String JOB_STORE_ONLY = "JOB_STORE_ONLY";
        public static final String MATCHED = "MATCHED";
        public static final String PURGED = "PURGED";
        public static final String FAILED = "FAILED";
        public static final String MESSAGE = "MESSAGE";
        public static final String CREATED = "CREATED";
        public static final String UPDATED = "UPDATED";
        public static final String ENDED = "ENDED";

        private PurgeTask() {
        }
    }

    /** One row per instance a purge task matched, at its place in purge order (PURGE_ORDER), with its result. */
    public static final class PurgeTaskInstance {
        public static final String TABLE = SCHEMA + ".PURGE_TASK_INSTANCE";
        public static final String TASK_ID = "TASK_ID";
        public static final String PURGE_ORDER = "PURGE_ORDER";
        public static final String INSTANCE_ID = "INSTANCE_ID";
        public static final String PURGE_STATUS = "PURGE_STATUS";
        public static final String MESSAGE = "MESSAGE";
        public static final String REDIRECT_URL = "REDIRECT_URL";

        private PurgeTaskInstance() {
        }
    }

    /**
     * The lease that lets one server of a cluster apply the retention rules at a time (README, "Retention"): a row
     * per lease NAME, with its HOLDER until EXPIRES, and the cluster's last run (the RUN_ columns).
     */
    public static final class RetentionLease {
        public static final String TABLE = SCHEMA + ".RETENTION_LEASE";
        public static final String NAME = "NAME";
        public static final String HOLDER = "HOLDER";
        public static final String EXPIRES = "EXPIRES";
        public static final String RUN_SERVER = "RUN_SERVER";
        public static final String RUN_STARTED = "RUN_STARTED";
        public static final String RUN_ENDED = "RUN_ENDED";
        public static final String RUN_PURGED = "RUN_PURGED";
        public static final String RUN_FAILED = "RUN_FAILED";

        private RetentionLease() {
        }
    }

    /**
     * The instances whose last update is earlier than their creation (another server's clock behind, an edit of the
     * repository), recorded by triggers on Liberty's JOBINSTANCE ({@code UpdatedBeforeCreated}); an INSTANCE_ID of 0
     * marks the table complete, the instances of the time before the triggers included.
     */
    public static final class UpdatedBeforeCreated {
        public static final String TABLE = SCHEMA + ".UPDATED_BEFORE_CREATED";
        public static final String INSTANCE_ID = "INSTANCE_ID";

        private UpdatedBeforeCreated() {
        }
    }

    /**
     * batch-rest's copy of the job parameters, for the searches (docs/api.md, "Searching a large repository"): one
     * row per instance and parameter NAME and VALUE that any of its executions had, with the instance's CREATE_TIME,
     * so that one index gives the instances with a parameter value newest first. Liberty's JOBPARAMETER is keyed by
     * execution and cannot.
     */
    public static final class InstanceParameter {
        public static final String TABLE = SCHEMA + ".INSTANCE_PARAMETER";
        public static final String INSTANCE_ID = "INSTANCE_ID";
        public static final String NAME = "NAME";
        public static final String VALUE = "VALUE";
        public static final String CREATE_TIME = "CREATE_TIME";

        private InstanceParameter() {
        }
    }

    /**
     * How far {@link InstanceParameter} is copied: one row (ID 1) whose SYNCED_THROUGH is the execution id through
     * which the parameters of every execution are in the copy.
     */
    public static final class InstanceParameterSync {
        public static final String TABLE = SCHEMA + ".INSTANCE_PARAMETER_SYNC";
        public static final String ID = "ID";
        public static final String SYNCED_THROUGH = "SYNCED_THROUGH";

        private InstanceParameterSync() {
        }
    }
}
