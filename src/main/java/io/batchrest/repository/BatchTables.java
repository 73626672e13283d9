package io.batchrest.repository;

/**
 * The tables and columns of Liberty's job repository ({@code databaseStore} of {@code batchPersistence}). They
 * belong to Liberty, not to this product, so every SQL statement of the product takes their names from here.
 * The schema must match {@code schema} of the {@code databaseStore} in server.xml.
 */
public final class BatchTables {

    public static final String SCHEMA = "JBATCH";

    private BatchTables() {
    }

    /** One row per job instance. BATCHSTATUS and INSTANCESTATE hold enum ordinals. */
    public static final class JobInstance {
        public static final String TABLE = SCHEMA + ".JOBINSTANCE";
        public static final String ID = "JOBINSTANCEID";
        public static final String AMC_NAME = "AMCNAME";
        public static final String BATCH_STATUS = "BATCHSTATUS";
        public static final String CREATE_TIME = "CREATETIME";
        public static final String EXIT_STATUS = "EXITSTATUS";
        public static final String INSTANCE_STATE = "INSTANCESTATE";
        public static final String JOB_NAME = "JOBNAME";
        public static final String JOB_XML_NAME = "JOBXMLNAME";
        /** The JSL the instance was started with, as a BLOB. */
        public static final String JOB_XML = "JOBXML";
        public static final String NUM_EXECS = "NUMEXECS";
        public static final String SUBMITTER = "SUBMITTER";
        public static final String UPDATE_TIME = "UPDATETIME";

        private JobInstance() {
        }
    }

    /** One row per job execution; EXECNUM is the 0-based sequence number within the instance. */
    public static final class JobExecution {
        public static final String TABLE = SCHEMA + ".JOBEXECUTION";
        public static final String ID = "JOBEXECID";
        public static final String INSTANCE_ID = "FK_JOBINSTANCEID";
        public static final String BATCH_STATUS = "BATCHSTATUS";
        public static final String CREATE_TIME = "CREATETIME";
        public static final String END_TIME = "ENDTIME";
        public static final String EXEC_NUM = "EXECNUM";
        public static final String EXIT_STATUS = "EXITSTATUS";
        /** A serialized {@code java.util.Properties}: the complete job parameters of the execution. */
        public static final String JOB_PARAMETERS = "JOBPARAMETERS";
        public static final String UPDATE_TIME = "UPDATETIME";
        public static final String LOG_PATH = "LOGPATH";
        public static final String REST_URL = "RESTURL";
        public static final String SERVER_ID = "SERVERID";
        public static final String START_TIME = "STARTTIME";

        private JobExecution() {
        }
    }

    /** Name/value copies of the job parameters, one row per parameter (Liberty uses them for searching). */
    public static final class JobParameter {
        public static final String TABLE = SCHEMA + ".JOBPARAMETER";
        public static final String EXECUTION_ID = "FK_JOBEXECID";
        public static final String NAME = "NAME";
        public static final String VALUE = "VALUE";

        private JobParameter() {
        }
    }

    /**
     * Step executions: one row per top-level step (THREADTYPE {@link #TOP_LEVEL}, PARTNUM -1, FK_TOPLVL_STEPEXECID
     * its own id) and one per partition (any other THREADTYPE, Liberty writes its JPA entity name there; PARTNUM
     * from 0; FK_TOPLVL_STEPEXECID its step).
     */
    public static final class StepThreadExecution {
        public static final String TABLE = SCHEMA + ".STEPTHREADEXECUTION";
        public static final String ID = "STEPEXECID";
        public static final String EXECUTION_ID = "FK_JOBEXECID";
        public static final String TOP_LEVEL_ID = "FK_TOPLVL_STEPEXECID";
        public static final String THREAD_TYPE = "THREADTYPE";
        public static final String STEP_NAME = "STEPNAME";
        public static final String PART_NUM = "PARTNUM";
        public static final String BATCH_STATUS = "BATCHSTATUS";
        public static final String EXIT_STATUS = "EXITSTATUS";
        public static final String START_TIME = "STARTTIME";
        public static final String END_TIME = "ENDTIME";
        public static final String READ = "M_READ";
        public static final String WRITE = "M_WRITE";
        public static final String COMMIT = "M_COMMIT";
        public static final String ROLLBACK = "M_ROLLBACK";
        public static final String READ_SKIP = "M_READSKIP";
        public static final String PROCESS_SKIP = "M_PROCESSSKIP";
        public static final String FILTER = "M_FILTER";
        public static final String WRITE_SKIP = "M_WRITESKIP";
        public static final String TOP_LEVEL = "T";

        private StepThreadExecution() {
        }
    }

    /** Per-instance step state (checkpoints); points at the latest step execution. */
    public static final class StepThreadInstance {
        public static final String TABLE = SCHEMA + ".STEPTHREADINSTANCE";
        public static final String INSTANCE_ID = "FK_JOBINSTANCEID";

        private StepThreadInstance() {
        }
    }

    /** Where each partition ran: its server's REST URL, server id and log path. */
    public static final class RemotablePartition {
        public static final String TABLE = SCHEMA + ".REMOTABLEPARTITION";
        public static final String EXECUTION_ID = "FK_JOBEXECUTIONID";
        public static final String STEP_EXECUTION_ID = "FK_STEPEXECUTIONID";
        public static final String STEP_NAME = "STEPNAME";
        public static final String PART_NUM = "PARTNUM";
        public static final String REST_URL = "RESTURL";
        public static final String SERVER_ID = "SERVERID";

        private RemotablePartition() {
        }
    }

    /** Group names allowed to see an instance (Liberty's group security). */
    public static final class GroupAssociation {
        public static final String TABLE = SCHEMA + ".GROUPASSOCIATION";
        public static final String INSTANCE_ID = "FK_JOBINSTANCEID";

        private GroupAssociation() {
        }
    }
}
