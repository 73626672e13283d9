package io.batchrest.service;

import io.batchrest.model.InstanceState;
import io.batchrest.model.Refusal;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.service.PurgeResult.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.batchrest.service.Fakes.ADMIN;
import static io.batchrest.service.Fakes.MONITOR;
import static io.batchrest.service.Fakes.NOBODY;
import static io.batchrest.service.Fakes.SUBMITTER;
import static io.batchrest.service.Fakes.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dry run of a bulk purge (docs/contract.md §7): the purge's authority, search and active check, and nothing
 * deleted.
 */
class PurgeDryRunTest {

    private static final JobInstanceSearch EVERYTHING = JobInstanceSearch.everything(new PageRequest(0, 50));
    private static final String WOULD_PURGE = "Not purged (dry run): a purge would delete its job log files and its "
            + "repository rows.";

    private final Fakes fakes = new Fakes();
    private final PurgeService purge = fakes.purgeService();

    @Test
    void aDryRunAnswersWhatThePurgeWouldDoAndDeletesNothing() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(2, "submitter1", InstanceState.DISPATCHED);
        fakes.addInstance(3, "submitter2", InstanceState.FAILED);

        List<PurgeResult> results = purge.dryRunMatching(EVERYTHING, false, ADMIN);

        assertEquals(List.of(new PurgeResult(1, Status.WOULD_PURGE, WOULD_PURGE, ""),
                new PurgeResult(2, Status.STILL_ACTIVE, "The specified job instance, 2, cannot be purged because it "
                        + "has active job executions.", ""),
                new PurgeResult(3, Status.WOULD_PURGE, WOULD_PURGE, "")), results);
        assertEquals(List.of(), fakes.purge.calls);
        assertEquals(List.of(), fakes.jobLogs.deletions);
        assertEquals(List.of(), fakes.metrics.purges);
        assertEquals(List.of(Optional.empty()), fakes.instances.searchedOwners);
    }

    @Test
    void aSubmittersDryRunSelectsTheirOwnAndJobStoreOnlySaysRowsOnly() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);
        fakes.addInstance(2, "submitter2", InstanceState.COMPLETED);

        assertEquals(List.of(new PurgeResult(1, Status.WOULD_PURGE, "Not purged (dry run): a purge would delete its "
                + "repository rows.", "")), purge.dryRunMatching(EVERYTHING, true, SUBMITTER));
        assertEquals(List.of(Optional.of("submitter1")), fakes.instances.searchedOwners);
    }

    @Test
    void aMonitorOrAUserWithoutBatchRoleIsRefusedBeforeAnythingIsRead() {
        fakes.addInstance(1, "submitter1", InstanceState.COMPLETED);

        assertRefused(Refusal.Kind.FORBIDDEN, "User monitor is not authorized to purge job instances.",
                () -> purge.dryRunMatching(EVERYTHING, false, MONITOR));
        assertRefused(Refusal.Kind.FORBIDDEN, "User nobody is not authorized to perform batch operations: the user "
                + "has none of the roles batchAdmin, batchSubmitter, batchMonitor.",
                () -> purge.dryRunMatching(EVERYTHING, false, NOBODY));
        assertEquals(List.of(), fakes.instances.searchedOwners);
    }
}
