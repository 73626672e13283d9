package io.batchrest.security;

import io.batchrest.model.Refusal;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The role table of docs/contract.md §9. */
class CallerScopeTest {

    private static final CallerScope ADMIN = new CallerScope("admin", true, false, false);
    private static final CallerScope SUBMITTER = new CallerScope("submitter1", false, true, false);
    private static final CallerScope MONITOR = new CallerScope("monitor", false, false, true);
    private static final CallerScope SUBMON = new CallerScope("submon", false, true, true);
    private static final CallerScope NOBODY = new CallerScope("nobody", false, false, false);

    @Test
    void onlyASubmitterWithoutMonitorRoleHasListsFilteredToOwnInstances() {
        assertEquals(Optional.empty(), ADMIN.ownInstancesOnly());
        assertEquals(Optional.empty(), MONITOR.ownInstancesOnly());
        assertEquals(Optional.empty(), SUBMON.ownInstancesOnly());
        assertEquals(Optional.of("submitter1"), SUBMITTER.ownInstancesOnly());
        assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class, NOBODY::ownInstancesOnly).kind());
    }

    @Test
    void aBulkActionReachesEveryInstanceForAnAdminAndOwnInstancesForASubmitterEvenWithTheMonitorRole() {
        assertEquals(Optional.empty(), ADMIN.ownInstancesToAct("purge"));
        assertEquals(Optional.of("submitter1"), SUBMITTER.ownInstancesToAct("purge"));
        assertEquals(Optional.of("submon"), SUBMON.ownInstancesToAct("purge"));
        Refusal refusal = assertThrows(Refusal.class, () -> MONITOR.ownInstancesToAct("purge"));
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.kind());
        assertEquals("User monitor is not authorized to purge job instances.", refusal.getMessage());
        assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class, () -> NOBODY.ownInstancesToAct("purge"))
                .kind());
    }

    @Test
    void submittingNeedsAdminOrSubmitter() {
        assertDoesNotThrow(ADMIN::requireSubmit);
        assertDoesNotThrow(SUBMITTER::requireSubmit);
        assertDoesNotThrow(SUBMON::requireSubmit);
        Refusal refusal = assertThrows(Refusal.class, MONITOR::requireSubmit);
        assertEquals("User monitor is not authorized to start batch jobs.", refusal.getMessage());
        assertThrows(Refusal.class, NOBODY::requireSubmit);
    }

    @Test
    void readingOneInstanceIsAllowedToReadersOfAllAndToItsOwner() {
        assertDoesNotThrow(() -> MONITOR.requireRead(7, "someoneElse"));
        assertDoesNotThrow(() -> SUBMON.requireRead(7, "someoneElse"));
        assertDoesNotThrow(() -> SUBMITTER.requireRead(7, "submitter1"));
        Refusal refusal = assertThrows(Refusal.class, () -> SUBMITTER.requireRead(7, "submitter2"));
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.kind());
        assertEquals("User submitter1 is not authorized to read job instance 7.", refusal.getMessage());
    }

    @Test
    void actingIsForAdminsAndForSubmittersOnTheirOwnInstances() {
        assertDoesNotThrow(() -> ADMIN.requireAct("purge", 3, "submitter2"));
        assertDoesNotThrow(() -> SUBMITTER.requireAct("stop", 3, "submitter1"));
        assertDoesNotThrow(() -> SUBMON.requireAct("restart", 3, "submon"));
        assertEquals("User submon is not authorized to restart job instance 3.",
                assertThrows(Refusal.class, () -> SUBMON.requireAct("restart", 3, "admin")).getMessage());
        assertEquals("User monitor is not authorized to purge job instance 3.",
                assertThrows(Refusal.class, () -> MONITOR.requireAct("purge", 3, "monitor")).getMessage());
    }
}
