package io.batchrest.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liberty's documented exit codes for --wait and --returnExitStatus. */
class ExitCodesTest {

    @Test
    void aBatchStatusExitsWithItsOrdinalPlusThirty() {
        assertEquals(30, ExitCodes.of(BatchStatus.STARTING));
        assertEquals(31, ExitCodes.of(BatchStatus.STARTED));
        assertEquals(32, ExitCodes.of(BatchStatus.STOPPING));
        assertEquals(33, ExitCodes.of(BatchStatus.STOPPED));
        assertEquals(34, ExitCodes.of(BatchStatus.FAILED));
        assertEquals(35, ExitCodes.of(BatchStatus.COMPLETED));
        assertEquals(36, ExitCodes.of(BatchStatus.ABANDONED));
    }

    @Test
    void anExitStatusExitsWithTheNumberItStartsWith() {
        assertEquals(0, ExitCodes.ofExitStatus("0"));
        assertEquals(8, ExitCodes.ofExitStatus("8:failure message can go here"));
        assertEquals(12, ExitCodes.ofExitStatus("12"));
    }

    @Test
    void anExitStatusThatIsABatchStatusNameExitsWithThatStatusCode() {
        assertEquals(35, ExitCodes.ofExitStatus("COMPLETED"));
        assertEquals(34, ExitCodes.ofExitStatus("FAILED"));
        assertEquals(33, ExitCodes.ofExitStatus("STOPPED"));
    }

    @Test
    void anyOtherExitStatusIsAnError() {
        CliException error = assertThrows(CliException.class, () -> ExitCodes.ofExitStatus("SUCCESS"));
        assertEquals(255, error.exitCode());
        assertEquals("The exitStatus, 'SUCCESS', does not begin with a parsable integer", error.getMessage());
        assertEquals(255, assertThrows(CliException.class, () -> ExitCodes.ofExitStatus("")).exitCode());
        assertEquals(255, assertThrows(CliException.class, () -> ExitCodes.ofExitStatus(null)).exitCode());
    }

    @Test
    void onlyStoppedFailedCompletedAndAbandonedAreFinal() {
        assertFalse(BatchStatus.STARTING.isDone());
        assertFalse(BatchStatus.STARTED.isDone());
        assertFalse(BatchStatus.STOPPING.isDone());
        assertTrue(BatchStatus.STOPPED.isDone());
        assertTrue(BatchStatus.FAILED.isDone());
        assertTrue(BatchStatus.COMPLETED.isDone());
        assertTrue(BatchStatus.ABANDONED.isDone());
    }
}
