package io.batchrest.repository;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.batchrest.repository.BatchRestTables.InstanceParameter;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;

/**
 * The indexes batch-rest adds to Liberty's tables, which come with only primary and foreign keys, and what each one
 * gives a search (docs/api.md, "Searching a large repository"). Every index of JOBINSTANCE but {@link #ID_CREATED}
 * ends with the instance id, so that a search can read ids from it without visiting the rows, and so that it delivers
 * the search's order (the sort key, then the id descending) without a sort.
 *
 * <p>Each sort order has an index of its own in that direction: Derby scans an index forward only, and the order's
 * tie-breaker (id descending) makes (key, id) and (key descending, id) two orders on PostgreSQL too. An index with
 * a {@code prefix} (one column or more, comma-separated) gives its order among the instances with one value of each
 * of its columns (for example one submitter's instances, or one job's failed instances, newest first).
 */
enum SearchIndex {

    CREATED(JobInstance.CREATE_TIME + " DESC", null, "-createTime"),
    CREATED_ASC(JobInstance.CREATE_TIME, null, "createTime"),
    /**
     * Also carries the state after the id (which leaves its order as it is): an aggregate over a range of
     * last-updated times by day and state, such as the dashboard's chart, then counts from the index alone instead of
     * reading a row per instance (docs/api.md, "Aggregates"). The runtime changes the state together with the
     * last-updated time, which moves the entry anyway. Not the job name too: an index that holds every column of
     * retention's selection (job name, state, last update, id) made Derby, which has no statistics here, read all of
     * it and sort it for each batch instead of walking the ids (7 s a batch at 1,000,000 instances).
     */
    UPDATED_STATE(JobInstance.UPDATE_TIME + " DESC", null, "-lastUpdatedTime", JobInstance.INSTANCE_STATE),
    /**
     * Carries the create time after the id: a page oldest update first with a createTime filter tests the entries
     * instead of reading a row per instance it passes.
     */
    UPDATED_ASC_CREATED(JobInstance.UPDATE_TIME, null, "lastUpdatedTime", JobInstance.CREATE_TIME),
    SUBMITTER_CREATED(JobInstance.SUBMITTER + ", " + JobInstance.CREATE_TIME + " DESC", JobInstance.SUBMITTER,
            "-createTime"),
    /** Carries the state like {@link #UPDATED_STATE}: a submitter's own chart. */
    SUBMITTER_UPDATED_STATE(JobInstance.SUBMITTER + ", " + JobInstance.UPDATE_TIME + " DESC", JobInstance.SUBMITTER,
            "-lastUpdatedTime", JobInstance.INSTANCE_STATE),
    JOBNAME_CREATED(JobInstance.JOB_NAME + ", " + JobInstance.CREATE_TIME + " DESC", JobInstance.JOB_NAME,
            "-createTime"),
    /**
     * One job's instances in one state, newest first, with the submitter and the exit status after the id: the
     * failed runs of a job (or its completed ones) are one range of entries, read in order, whatever the other jobs
     * and states. The state's index, which carries the job name, passes every instance of the state to find them: at
     * a million instances, 270 ms for a job that never completed (docs/benchmarks.md, "One job in one state"). The
     * entry moves when the state changes, which moves the state's entries anyway.
     */
    JOBNAME_STATE_CREATED(JobInstance.JOB_NAME + ", " + JobInstance.INSTANCE_STATE + ", " + JobInstance.CREATE_TIME
            + " DESC", JobInstance.JOB_NAME + ", " + JobInstance.INSTANCE_STATE, "-createTime",
            JobInstance.SUBMITTER + ", " + JobInstance.EXIT_STATUS),
    /**
     * Carries the job name, the submitter and the exit status after the id (which leaves its order as it is): a walk
     * of one state's instances with a job name, submitter or exit status filter as well (a submitter's own failed
     * runs, the failed runs that ended with one exit status, a job's runs in a list of states) tests them on the entries
     * and reads only the rows of matches. Walking the job name's index instead read the row of every instance of that
     * job: at a million instances, 1.6 s for a job that had never failed, against 45 ms for the entries of the state;
     * the failed runs with an exit status that no failed run has walked every failed row, 240 ms (docs/api.md,
     * "Searching a large repository"). The runtime never changes the job name or the submitter, and sets the exit
     * status as the job ends, with its state.
     */
    STATE_CREATED_JOB_SUBMITTER_EXIT(JobInstance.INSTANCE_STATE + ", " + JobInstance.CREATE_TIME + " DESC",
            JobInstance.INSTANCE_STATE, "-createTime", JobInstance.JOB_NAME + ", " + JobInstance.SUBMITTER + ", "
            + JobInstance.EXIT_STATUS),
    /**
     * Carries the job name and the submitter after the id, as the state's index does: one exit status with a job name
     * or a submitter filter tests them on its entries. The runtime sets the exit status as the job ends, which moves
     * the entry then anyway. A job name with a rare exit status read the row of each instance of that exit status:
     * 28 ms at a million instances for 9,000 of them, where Liberty's statement took the same index and 31 ms
     * (docs/benchmarks.md, "One job in one state").
     */
    EXITSTATUS_CREATED_JOB_SUBMITTER(JobInstance.EXIT_STATUS + ", " + JobInstance.CREATE_TIME + " DESC",
            JobInstance.EXIT_STATUS, "-createTime", JobInstance.JOB_NAME + ", " + JobInstance.SUBMITTER),
    APP_CREATED(JobInstance.AMC_NAME + ", " + JobInstance.CREATE_TIME + " DESC", JobInstance.AMC_NAME, "-createTime"),
    BY_SUBMITTER(JobInstance.SUBMITTER, null, "submitter"),
    BY_SUBMITTER_DESC(JobInstance.SUBMITTER + " DESC", null, "-submitter"),
    BY_APP(JobInstance.AMC_NAME, null, "amcName"),
    BY_APP_DESC(JobInstance.AMC_NAME + " DESC", null, "-amcName"),
    BY_JOBXMLNAME(JobInstance.JOB_XML_NAME, null, "jobXMLName"),
    BY_JOBXMLNAME_DESC(JobInstance.JOB_XML_NAME + " DESC", null, "-jobXMLName"),
    BY_BATCHSTATUS(JobInstance.BATCH_STATUS, null, "batchStatus"),
    BY_BATCHSTATUS_DESC(JobInstance.BATCH_STATUS + " DESC", null, "-batchStatus"),
    BY_EXITSTATUS(JobInstance.EXIT_STATUS, null, "exitStatus"),
    BY_EXITSTATUS_DESC(JobInstance.EXIT_STATUS + " DESC", null, "-exitStatus"),
    /**
     * The instance id, then the create time: an instance id range's entries carry the sort key of the default order,
     * so that a page of a few hundred ids sorts index entries and reads only its own rows, where the primary key would
     * have it read every row of the range to sort them (docs/api.md, "Searching a large repository").
     */
    ID_CREATED(new OnTable(JobInstance.TABLE, BatchRestTables.INDEX_PREFIX + "JI_ID_CREATED"), JobInstance.ID + ", "
            + JobInstance.CREATE_TIME),
    /** Finds the executions that had a job parameter value: the jobParameter filter's index. */
    PARAMETER_VALUE(new OnTable(JobParameter.TABLE, BatchRestTables.INDEX_PREFIX + "JP_NAMEVALUE"), JobParameter.NAME + ", "
            + JobParameter.VALUE + ", " + JobParameter.EXECUTION_ID),
    /**
     * The instances that had a job parameter value, newest first, in batch-rest's copy of the parameters
     * ({@link InstanceParameters}): the walk of a search whose parameter value many instances have.
     */
    PARAMETER_NEWEST(new OnTable(InstanceParameter.TABLE, "IP_NEWEST"), InstanceParameter.NAME + ", " + InstanceParameter.VALUE
            + ", " + InstanceParameter.CREATE_TIME + " DESC, " + InstanceParameter.INSTANCE_ID + " DESC"),
    /**
     * An instance's rows in the copy of the parameters, for the copy (which rows it holds already) and for a purge.
     * An index of this column alone, not a key that starts with it: without statistics, Derby takes a list of values
     * of the first column of a longer key for a tenth of the table and scans the whole table instead.
     */
    PARAMETER_INSTANCE(new OnTable(InstanceParameter.TABLE, "IP_INSTANCE"), InstanceParameter.INSTANCE_ID);

    /** The start of the name of each index of JOBINSTANCE. */
    private static final String INSTANCE_INDEX = BatchRestTables.INDEX_PREFIX + "JI_";

    /** Names of indexes earlier versions created with other columns; they are dropped. */
    static final List<String> RETIRED = List.of(INSTANCE_INDEX + "JOBNAME", INSTANCE_INDEX + "STATE",
            INSTANCE_INDEX + "SUBMITTER", INSTANCE_INDEX + "UPDATED", INSTANCE_INDEX + "SUBMITTER_UPDATED",
            INSTANCE_INDEX + "STATE_CREATED", INSTANCE_INDEX + "UPDATED_ASC",
            INSTANCE_INDEX + "STATE_CREATED_JOB_SUBMITTER", INSTANCE_INDEX + "EXITSTATUS_CREATED");

    private final String table;
    private final String name;
    private final String columns;
    /** The columns whose one value each the index's order is among (none: the whole table's order). */
    private final List<String> prefix;
    private final String order;

    SearchIndex(String keys, String prefix, String order) {
        this(keys, prefix, order, "");
    }

    /** @param carried columns after the id: not part of the order, there so that a statement need not read the row */
    SearchIndex(String keys, String prefix, String order, String carried) {
        this.table = JobInstance.TABLE;
        this.name = INSTANCE_INDEX + name();
        this.columns = keys + ", " + JobInstance.ID + " DESC" + (carried.isEmpty() ? "" : ", " + carried);
        this.prefix = prefix == null ? List.of() : Arrays.stream(prefix.split(",")).map(String::trim).toList();
        this.order = order;
    }

    SearchIndex(OnTable where, String columns) {
        this.table = where.table();
        this.name = where.indexName();
        this.columns = columns;
        this.prefix = List.of();
        this.order = null;
    }

    /** The table and name of an index on another table than JOBINSTANCE. */
    private record OnTable(String table, String indexName) {
    }

    /** The name in the database: a prefix of ours, so that nobody mistakes it for one of Liberty's. */
    String indexName() {
        return name;
    }

    /**
     * Derby's optimizer-override comment that makes a statement read this table through this index, to follow the
     * table's name in a FROM list (docs/api.md, "Searching a large repository"); PostgreSQL reads it as a comment.
     */
    String hint() {
        return " --DERBY-PROPERTIES index=" + name + "\n";
    }

    String table() {
        return table;
    }

    /** The schema of {@link #table()}. */
    String schema() {
        return table.substring(0, table.indexOf('.'));
    }

    String columns() {
        return columns;
    }

    /** The first column of the index, the one a filter can find a range of. */
    String leadingColumn() {
        String first = columns.split(",")[0].trim();
        int space = first.indexOf(' ');
        return space < 0 ? first : first.substring(0, space);
    }

    /** The names of the index's columns, in its order, without their directions. */
    List<String> columnNames() {
        return Arrays.stream(columns.split(",")).map(c -> c.trim().split(" ")[0]).toList();
    }

    /** Whether every one of {@code instanceColumns} is in this index (so a row need not be read to test them). */
    boolean covers(java.util.Set<String> instanceColumns) {
        return table.equals(JobInstance.TABLE) && columnNames().containsAll(instanceColumns);
    }

    /**
     * The index that delivers {@code order} (a {@code SortKey} text such as {@code -createTime}) among the instances
     * with one value of each column of its prefix, all in {@code equalColumns} (the longest such prefix first), or
     * without a prefix.
     */
    static Optional<SearchIndex> inOrder(String order, java.util.Set<String> equalColumns) {
        return inOrder(order, equalColumns, index -> false);
    }

    /**
     * {@link #inOrder(String, java.util.Set)}, taking among the indexes with a prefix the first one that is
     * {@code preferred} (one that holds every filtered column, so that a walk tests the entries instead of the rows)
     * if several deliver the order.
     */
    static Optional<SearchIndex> inOrder(String order, java.util.Set<String> equalColumns,
                                         java.util.function.Predicate<SearchIndex> preferred) {
        List<SearchIndex> withPrefix = withPrefixInOrder(order, equalColumns);
        return withPrefix.stream().filter(preferred).findFirst().or(() -> withPrefix.stream().findFirst())
                .or(() -> Arrays.stream(values())
                        .filter(index -> index.prefix.isEmpty() && index.delivers(order, equalColumns)).findFirst());
    }

    /**
     * Every index that delivers {@code order} among the instances with one value of each column of its prefix in
     * {@code equalColumns}: those with the longer prefix first (their walk passes only instances with both values),
     * then in the order declared here.
     */
    static List<SearchIndex> withPrefixInOrder(String order, java.util.Set<String> equalColumns) {
        return Arrays.stream(values()).filter(index -> !index.prefix.isEmpty() && index.delivers(order, equalColumns))
                .sorted(java.util.Comparator.comparingInt((SearchIndex index) -> index.prefix.size()).reversed())
                .toList();
    }

    /**
     * Whether walking this index lists the instances in {@code order} (a {@code SortKey} text) when the columns
     * {@code equalColumns} have one value each: an index with a prefix does so among one value of the prefix only.
     */
    boolean delivers(String order, java.util.Set<String> equalColumns) {
        return order.equals(this.order) && equalColumns.containsAll(prefix);
    }

    /**
     * The column whose order the index delivers, after its prefix if it has one: a range of that column is a range
     * of the index's entries (among one value of each column of the prefix).
     */
    String orderedColumn() {
        String key = columns.split(",")[prefix.size()].trim();
        int space = key.indexOf(' ');
        return space < 0 ? key : key.substring(0, space);
    }

    /** The columns of an index that delivers an order among one value of each of them; empty if it has none. */
    List<String> prefix() {
        return prefix;
    }

    /** The narrowest index whose leading column is {@code column}: the one to probe a filter of it by. */
    static Optional<SearchIndex> leadingWith(String column) {
        return Arrays.stream(values()).filter(index -> index.table.equals(JobInstance.TABLE)
                && index.leadingColumn().equals(column))
                .min(java.util.Comparator.comparing(index -> index.columns.split(",").length));
    }
}
