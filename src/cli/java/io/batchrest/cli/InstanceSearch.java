package io.batchrest.cli;

import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The search filters of {@code listJobs} and {@code purge}, sent as the query parameters of the API's v4 search
 * (docs/contract.md §6): Liberty's {@code --page}, {@code --pageSize}, {@code --jobInstanceId}, {@code --createTime},
 * {@code --instanceState}, {@code --exitStatus}, and the v3/v4 filters {@code --lastUpdatedTime},
 * {@code --jobParameter}, {@code --sort}, {@code --submitter}, {@code --appName}, {@code --jobName},
 * {@code --ignoreCase}.
 */
final class InstanceSearch {

    @Option(names = "--page", paramLabel = "page", defaultValue = "0",
            description = "The page of job instance records to return. Page numbers start at 0. For example, "
                    + "--page=2 --pageSize=10 returns records 20 through 29. Default: ${DEFAULT-VALUE}.")
    int page;

    @Option(names = "--pageSize", paramLabel = "pageSize", defaultValue = "50",
            description = "The size of the page of job instance records to return. Default: ${DEFAULT-VALUE}.")
    int pageSize;

    @Option(names = "--jobInstanceId", paramLabel = "jobInstanceId", description = {
            "The job instance id filter, e.g.", "  --jobInstanceId=10:20 records 10 to 20",
            "  --jobInstanceId=\">10\" records greater than or equal to 10",
            "  --jobInstanceId=\"<10\" records less than or equal to 10",
            "  --jobInstanceId=10,12,15 records 10, 12, and 15"})
    String jobInstanceId;

    @Option(names = "--createTime", paramLabel = "createTime", description = {
            "The create time filter, e.g.", "  --createTime=2015-09-10:2015-09-27 created between the two days, "
                    + "inclusive", "  --createTime=\">3d\" created 3 days ago or later",
            "  --createTime=\"<3d\" created 3 days ago or earlier", "  --createTime=2015-09-15 created on that day"})
    String createTime;

    @Option(names = "--lastUpdatedTime", paramLabel = "lastUpdatedTime",
            description = "The last updated time filter, with the same forms as --createTime.")
    String lastUpdatedTime;

    @Option(names = "--instanceState", paramLabel = "instanceState",
            description = "The instance state filter, e.g. --instanceState=COMPLETED,FAILED,STOPPED.")
    String instanceState;

    @Option(names = "--exitStatus", paramLabel = "exitStatus",
            description = "The exit status filter applied to the job executions of the instances; the wildcard * "
                    + "may be used, e.g. --exitStatus=*JOB*. Repeatable (any of them).")
    List<String> exitStatus = new ArrayList<>();

    @Option(names = "--jobParameter", paramLabel = "name=value",
            description = "Instances with an execution that had this job parameter value (* wildcards allowed). "
                    + "Repeatable (all of them).")
    Map<String, String> jobParameters = new LinkedHashMap<>();

    @Option(names = "--submitter", paramLabel = "submitter",
            description = "The submitter filter (* wildcards allowed). Repeatable (any of them).")
    List<String> submitter = new ArrayList<>();

    @Option(names = "--appName", paramLabel = "appName",
            description = "The application name filter (* wildcards allowed). Repeatable (any of them).")
    List<String> appName = new ArrayList<>();

    @Option(names = "--jobName", paramLabel = "jobName",
            description = "The job name filter (* wildcards allowed). Repeatable (any of them).")
    List<String> jobName = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "fields",
            description = "Sort order: a comma list of createTime, lastUpdatedTime, submitter, amcName, jobXMLName, "
                    + "batchStatus, exitStatus; a leading - sorts descending. Default: newest first.")
    String sort;

    @Option(names = "--ignoreCase", description = "Match the text filters without regard to case.")
    boolean ignoreCase;

    /** The filters that select instances, for a purge's message when none is given. */
    static final String FILTER_NAMES = "--jobInstanceId, --createTime, --lastUpdatedTime, --instanceState, "
            + "--exitStatus, --jobParameter, --submitter, --appName or --jobName";

    /** True if any filter that selects instances is given (page, page size, sort and ignoreCase select none). */
    boolean hasFilter() {
        return jobInstanceId != null || hasFilterBesidesInstanceId();
    }

    /**
     * The one instance id of {@code --jobInstanceId=12} when it is the only filter: Liberty's batchManager purges
     * that instance alone (with its own message), any other selection in bulk.
     */
    Long singleInstanceId() {
        if (jobInstanceId == null || !jobInstanceId.matches("[0-9]{1,18}") || hasFilterBesidesInstanceId()) {
            return null;
        }
        return Long.valueOf(jobInstanceId);
    }

    private boolean hasFilterBesidesInstanceId() {
        return createTime != null || lastUpdatedTime != null || instanceState != null || !exitStatus.isEmpty()
                || !jobParameters.isEmpty() || !submitter.isEmpty() || !appName.isEmpty() || !jobName.isEmpty();
    }

    /** The v4 query string, encoded, always with page and pageSize. */
    String toQuery() {
        if (page < 0) {
            throw CliException.invalidValue("--page", String.valueOf(page), "0 or a positive integer");
        }
        if (pageSize < 1) {
            throw CliException.invalidValue("--pageSize", String.valueOf(pageSize), "a positive integer");
        }
        StringJoiner query = new StringJoiner("&");
        add(query, "page", String.valueOf(page));
        add(query, "pageSize", String.valueOf(pageSize));
        add(query, "jobInstanceId", jobInstanceId);
        add(query, "createTime", createTime);
        add(query, "lastUpdatedTime", lastUpdatedTime);
        add(query, "instanceState", instanceState);
        exitStatus.forEach(value -> add(query, "exitStatus", value));
        jobParameters.forEach((name, value) -> add(query, "jobParameter." + name, value));
        submitter.forEach(value -> add(query, "submitter", value));
        appName.forEach(value -> add(query, "appName", value));
        jobName.forEach(value -> add(query, "jobName", value));
        add(query, "sort", sort);
        if (ignoreCase) {
            add(query, "ignoreCase", "true");
        }
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(encode(name) + "=" + encode(value));
        }
    }

    /** Percent-encoding, with a space as %20 (a query parameter's '+' is not a space to every server). */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
