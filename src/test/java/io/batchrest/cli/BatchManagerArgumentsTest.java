package io.batchrest.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Argument errors exit with Liberty's codes and messages before any request is sent: 20 for a missing required
 * argument, 21 for an unrecognized one, 22 for an unacceptable value; help exits with 0.
 */
class BatchManagerArgumentsTest {

    private record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = BatchManager.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutArgumentsTheUsageIsPrinted() {
        Run run = run();
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage:\n  batchManager {action} [options]"), run.out());
        for (String action : List.of("submit", "stop", "restart", "status", "getJobLog", "listJobs", "purge")) {
            assertTrue(run.out().contains("\n  " + action + " "), action);
        }
    }

    @Test
    void everyActionHasHelpByHelpActionAndByDashDashHelp() {
        for (String action : List.of("submit", "stop", "restart", "status", "getJobLog", "listJobs", "purge")) {
            Run help = run("help", action);
            assertEquals(0, help.exitCode(), action);
            assertTrue(help.out().startsWith("Usage:\n  batchManager " + action + " [options]"), help.out());
            assertTrue(help.out().contains("--batchManager=host:port[,host2:port2...]"), help.out());
            Run dashDash = run(action, "--help");
            assertEquals(0, dashDash.exitCode(), action);
            assertEquals(help.out(), dashDash.out(), action);
        }
        assertTrue(run("help", "submit").out().contains("--jobXMLFile=jobXMLFile"));
        assertTrue(run("help", "submit").out().contains("BatchStatus.COMPLETED = 35"));
        assertTrue(run("help", "getJobLog").out().contains("--type=text|zip"));
        assertTrue(run("help", "purge").out().contains("--purgeJobStoreOnly"));
    }

    @Test
    void aMissingBatchManagerExitsWith20() {
        Run run = run("submit", "--applicationName=batch-rest", "--jobXMLName=sleepyBatchlet");
        assertEquals(20, run.exitCode());
        assertEquals(List.of("", "Missing required argument: --batchManager.",
                "For task description and usage: batchManager help submit"), run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void submitNeedsAnApplicationOrModuleAndAJob() {
        Run noApplication = run("submit", "--batchManager=localhost:1", "--jobXMLName=sleepyBatchlet");
        assertEquals(20, noApplication.exitCode());
        assertEquals(List.of("", "Missing required argument: --applicationName or --moduleName.",
                "For task description and usage: batchManager help submit"), noApplication.errLines());
        Run noJob = run("submit", "--batchManager=localhost:1", "--moduleName=batch-rest.war");
        assertEquals(20, noJob.exitCode());
        assertEquals("Missing required argument: --jobXMLName or --jobXMLFile.", noJob.errLines().get(1));
    }

    @Test
    void actionsOnOneJobNeedItsInstanceOrExecutionId() {
        for (String action : List.of("stop", "restart", "status", "getJobLog")) {
            Run run = run(action, "--batchManager=localhost:1");
            assertEquals(20, run.exitCode(), action);
            assertEquals(List.of("", "Missing required argument: --jobInstanceId or --jobExecutionId.",
                    "For task description and usage: batchManager help " + action), run.errLines());
        }
    }

    @Test
    void purgeNeedsAtLeastOneFilter() {
        Run run = run("purge", "--batchManager=localhost:1", "--pageSize=5");
        assertEquals(20, run.exitCode());
        assertEquals("Missing required argument: --jobInstanceId, --createTime, --lastUpdatedTime, --instanceState, "
                + "--exitStatus, --jobParameter, --submitter, --appName or --jobName.", run.errLines().get(1));
    }

    @Test
    void anUnknownOptionExitsWith21AndSuggestsTheNearestOne() {
        Run run = run("status", "--batchManager=localhost:1", "--jobInstanceID=5");
        assertEquals(21, run.exitCode());
        assertEquals(List.of("", "Unrecognized argument: --jobInstanceID. Perhaps you meant: --jobInstanceId.",
                "For task description and usage: batchManager help status"), run.errLines());
        Run unrelated = run("listJobs", "--batchManager=localhost:1", "--xyzzy");
        assertEquals(21, unrelated.exitCode());
        assertEquals("Unrecognized argument: --xyzzy.", unrelated.errLines().get(1));
    }

    @Test
    void anUnknownActionExitsWith21WithTheUsage() {
        Run run = run("sumbit", "--batchManager=localhost:1");
        assertEquals(21, run.exitCode());
        assertEquals("Unknown task: sumbit", run.errLines().get(0));
        assertTrue(run.err().contains("batchManager {action} [options]"));
    }

    @Test
    void anUnacceptableValueExitsWith22() {
        Run notANumber = run("status", "--batchManager=localhost:1", "--jobInstanceId=abc");
        assertEquals(22, notANumber.exitCode());
        assertEquals(List.of("", "Unacceptable value for argument: --jobInstanceId=abc. Acceptable values: an integer.",
                "For task description and usage: batchManager help status"), notANumber.errLines());
        Run type = run("getJobLog", "--batchManager=localhost:1", "--jobInstanceId=1", "--type=pdf");
        assertEquals(22, type.exitCode());
        assertEquals("Unacceptable value for argument: --type=pdf. Acceptable values: [text, zip].",
                type.errLines().get(1));
        Run parameter = run("submit", "--batchManager=localhost:1", "--applicationName=a", "--jobXMLName=b",
                "--jobParameter=noEquals");
        assertEquals(22, parameter.exitCode());
        assertEquals("Unacceptable value for argument: --jobParameter=noEquals. Acceptable values: key=value.",
                parameter.errLines().get(1));
        Run timeout = run("listJobs", "--batchManager=localhost:1", "--httpTimeout_s=0");
        assertEquals(22, timeout.exitCode());
    }

    @Test
    void whenNoBatchManagerCanBeReachedEachFailoverIsReportedAndTheExitCodeIs255() throws IOException {
        int first = closedPort();
        int second = closedPort();
        Run run = run("listJobs", "--batchManager=localhost:" + first + ",localhost:" + second,
                "--trustSslCertificates", "--user=admin", "--password=adminpwd", "--httpTimeout_s=5");
        assertEquals(255, run.exitCode());
        List<String> out = run.out().lines().toList();
        assertEquals(1, out.size(), run.out());
        assertTrue(out.get(0).matches("\\[\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [+-]\\d{4}] "
                + "CWWKY0112I: A request for the batch manager at localhost:" + first + " failed\\. Forwarding the "
                + "request to the batch manager at localhost:" + second + "\\. The failure was: "
                + "java\\.net\\.ConnectException:.+"), out.get(0));
        assertEquals("", run.errLines().get(0));
        assertTrue(run.errLines().get(1).matches("\\[[^]]+] Error: The batch manager at localhost:" + second
                + " cannot be reached: java\\.net\\.ConnectException:.+"), run.err());
    }

    /** A port that nothing listens on: bound once by this test, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
