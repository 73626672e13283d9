package io.batchrest.api.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The body of GET on {@code retention} (docs/api.md, "Retention"). */
@Schema(name = "Retention", description = "The retention settings as parsed, the cluster's lease and last run, and a "
        + "dry run: what a run would purge now.",
        requiredProperties = {"enabled", "problem", "interval", "batchSize", "rules", "lease", "lastRun", "nextRun"})
public record RetentionSchema(
        @Schema(description = "Whether retention runs: there are rules, and every setting could be understood.")
        boolean enabled,
        @Schema(description = "Why retention is off although settings are present: the first setting that could not "
                + "be understood; null when there is none.", nullable = true,
                example = "The retention rule for payroll names \"DONE\", which is not a final state: use COMPLETED, "
                        + "FAILED, STOPPED, ABANDONED or keepLast.")
        String problem,
        @Schema(description = "Time between two runs (batchrest.retention.interval), ISO-8601.", example = "PT1H")
        String interval,
        @Schema(description = "Instances selected and purged per batch of a run (batchrest.retention.batchSize).",
                format = "int32", example = "100")
        int batchSize,
        @Schema(description = "The rules in the order they were written; empty when retention is off.")
        List<Rule> rules,
        @Schema(description = "The server running retention now and until when its lease lasts unless renewed; null "
                + "when no run is under way.", nullable = true)
        Lease lease,
        @Schema(description = "The last run of any server of the cluster; null before the first.", nullable = true)
        RetentionRunSchema lastRun,
        @Schema(description = "Dry run: what a run starting now would purge.")
        NextRun nextRun) {

    /** One rule as parsed. */
    @Schema(name = "RetentionRule", requiredProperties = {"jobName", "keep", "keepLast"})
    public record Rule(
            @Schema(description = "The job name of the rule; * for every job name without a rule of its own.",
                    example = "*") String jobName,
            @Schema(description = "Per final state, how long after their last update its instances are kept; a "
                    + "final state that is absent is kept forever.") Keep keep,
            @Schema(description = "The newest finished instances of each job name kept whatever their age.",
                    format = "int32", example = "10") int keepLast) {
    }

    /** How long each final state is kept, as ISO-8601 durations; only the states the rule names. */
    @Schema(name = "RetentionKeep")
    public record Keep(
            @Schema(example = "P7D") String COMPLETED,
            @Schema(example = "P30D") String FAILED,
            @Schema(example = "P30D") String STOPPED,
            @Schema(example = "P1D") String ABANDONED) {
    }

    /** The lease of the run under way. */
    @Schema(name = "RetentionLease", requiredProperties = {"holder", "expires"})
    public record Lease(
            @Schema(description = "The id of the server running retention (batchrest.server.id).",
                    example = "host1/opt/wlp/usr/batchServer") String holder,
            @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String expires) {
    }

    /** The dry run. */
    @Schema(name = "RetentionNextRun", requiredProperties = {"asOf", "total", "page", "pageSize", "instances"})
    public record NextRun(
            @Schema(description = "The moment the rules were applied. " + ApiDocs.DATE,
                    example = ApiDocs.DATE_EXAMPLE) String asOf,
            @Schema(description = "How many instances a run would purge.", format = "int64", example = "1200")
            long total,
            @Schema(description = "The 0-based page shown.", format = "int32", example = "0") int page,
            @Schema(description = "The page size.", format = "int32", example = "50") int pageSize,
            @Schema(description = "The instances of the page, lowest instance id first.")
            List<Candidate> instances) {
    }

    /** An instance the next run would purge. */
    @Schema(name = "RetentionCandidate",
            requiredProperties = {"instanceId", "jobName", "instanceState", "lastUpdatedTime"})
    public record Candidate(
            @Schema(format = "int64", example = "7") long instanceId,
            @Schema(example = "payroll") String jobName,
            @Schema(type = SchemaType.STRING, enumeration = {"COMPLETED", "FAILED", "STOPPED", "ABANDONED"})
            String instanceState,
            @Schema(description = ApiDocs.DATE, example = ApiDocs.DATE_EXAMPLE) String lastUpdatedTime) {
    }
}
