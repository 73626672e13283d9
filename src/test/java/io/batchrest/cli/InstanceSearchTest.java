package io.batchrest.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search options of listJobs and purge become the v4 query parameters of docs/contract.md §6. */
class InstanceSearchTest {

    private static InstanceSearch listJobs(String... options) {
        ListJobsCommand command = new ListJobsCommand();
        String[] args = new String[options.length + 1];
        args[0] = "--batchManager=localhost:9443";
        System.arraycopy(options, 0, args, 1, options.length);
        new CommandLine(command).parseArgs(args);
        return command.search;
    }

    private static InstanceSearch purge(String... options) {
        PurgeCommand command = new PurgeCommand();
        String[] args = new String[options.length + 1];
        args[0] = "--batchManager=localhost:9443";
        System.arraycopy(options, 0, args, 1, options.length);
        new CommandLine(command).parseArgs(args);
        return command.search;
    }

    @Test
    void withoutOptionsTheQueryAsksForTheFirstPageOfFifty() {
        assertEquals("page=0&pageSize=50", listJobs().toQuery());
    }

    @Test
    void libertysFiltersAreSentEncodedUnderTheirOwnNames() {
        InstanceSearch search = listJobs("--page=2", "--pageSize=10", "--jobInstanceId=>10", "--createTime=<3d",
                "--instanceState=COMPLETED,FAILED", "--exitStatus=*JOB*");
        assertEquals("page=2&pageSize=10&jobInstanceId=%3E10&createTime=%3C3d"
                + "&instanceState=COMPLETED%2CFAILED&exitStatus=*JOB*", search.toQuery());
    }

    @Test
    void rangesAndListsOfInstanceIdsAndDaysAreEncoded() {
        assertEquals("page=0&pageSize=50&jobInstanceId=10%3A20&createTime=2015-09-10%3A2015-09-27",
                listJobs("--jobInstanceId=10:20", "--createTime=2015-09-10:2015-09-27").toQuery());
        assertEquals("page=0&pageSize=50&jobInstanceId=10%2C12%2C15", listJobs("--jobInstanceId=10,12,15").toQuery());
    }

    @Test
    void theV4FiltersAreRepeatableAndJobParametersBecomeJobParameterDotName() {
        InstanceSearch search = listJobs("--submitter=admin", "--submitter=sub*", "--jobName=chunk*",
                "--appName=batch-rest", "--exitStatus=A", "--exitStatus=B", "--jobParameter=run=nightly 1",
                "--jobParameter=items=100", "--lastUpdatedTime=>1d", "--sort=-createTime,submitter", "--ignoreCase");
        assertEquals("page=0&pageSize=50&lastUpdatedTime=%3E1d&exitStatus=A&exitStatus=B"
                + "&jobParameter.run=nightly%201&jobParameter.items=100&submitter=admin&submitter=sub*"
                + "&appName=batch-rest&jobName=chunk*&sort=-createTime%2Csubmitter&ignoreCase=true", search.toQuery());
    }

    @Test
    void aPageBeforeTheFirstOrAnEmptyPageIsAnUnacceptableValue() {
        CliException negativePage = assertThrows(CliException.class, () -> listJobs("--page=-1").toQuery());
        assertEquals(ExitCodes.INVALID_ARGUMENT_VALUE, negativePage.exitCode());
        assertEquals("Unacceptable value for argument: --page=-1. Acceptable values: 0 or a positive integer.",
                negativePage.getMessage());
        CliException emptyPage = assertThrows(CliException.class, () -> listJobs("--pageSize=0").toQuery());
        assertEquals(ExitCodes.INVALID_ARGUMENT_VALUE, emptyPage.exitCode());
    }

    @Test
    void aLoneNumericInstanceIdSelectsOneInstanceAnythingElseABulkSelection() {
        assertEquals(12L, purge("--jobInstanceId=12").singleInstanceId());
        assertNull(purge("--jobInstanceId=10:20").singleInstanceId());
        assertNull(purge("--jobInstanceId=12,13").singleInstanceId());
        assertNull(purge("--jobInstanceId=12", "--instanceState=FAILED").singleInstanceId());
        assertNull(purge("--instanceState=FAILED").singleInstanceId());
    }

    @Test
    void pageSortAndIgnoreCaseSelectNothingByThemselves() {
        assertFalse(purge("--page=3", "--pageSize=5", "--sort=createTime", "--ignoreCase").hasFilter());
        assertTrue(purge("--jobName=x").hasFilter());
        assertTrue(purge("--jobParameter=a=b").hasFilter());
        assertTrue(purge("--jobInstanceId=1").hasFilter());
    }
}
