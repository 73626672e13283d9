package it.dashboard;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.Jobs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web dashboard (README, "Dashboard") in a real browser against the server started by the build: login, search, the
 * instance page, the actions and who gets them, the job log viewer, submission. Instances are made through the API;
 * each test tags its own with a job parameter of its own, so it finds exactly them however full the repository is.
 */
class DashboardIT {

    private static final String TAG = "dashboardTag";
    private static final By ROWS = By.cssSelector("#instances tbody tr");
    private static final By ACTION_BUTTONS = By.cssSelector("#actions button");
    private static final String ROW_IDS = "return [...document.querySelectorAll('#instances tbody tr')]"
            + ".map(row => Number(row.dataset.instanceId));";

    private static String newTag() {
        return UUID.randomUUID().toString();
    }

    private static long finished(String user, String job, Map<String, String> parameters) {
        long id = Jobs.submit(user, job, parameters);
        Jobs.awaitFinal(id);
        return id;
    }

    private static long running(String job, Map<String, String> parameters) {
        long id = Jobs.submit("admin", job, parameters);
        Jobs.awaitLatestExecution(id, "STARTED");
        return id;
    }

    private static void showInstance(Browser browser, long id) {
        browser.open("#/instances/" + id);
        browser.awaitText(By.id("instance-title"), "Instance " + id + " ");
    }

    /** Nothing listed runs, so nothing is polled: only the job event stream can bring the new instance in. */
    @Test
    void theInstanceListShowsANewSubmissionAndItsEndAsTheJobEventsReportThem() {
        String tag = newTag();
        long first = finished("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", TAG, tag));
        try (Browser browser = Browser.start().logIn("admin")) {
            browser.open("#/instances?jobParameter." + TAG + "=" + tag);
            browser.await(driver -> List.of(first).equals(browser.script(ROW_IDS)));
            assertTrue(browser.all(By.id("live")).isEmpty(), "no listed instance runs");

            long second = Jobs.submit("admin", "sleepyBatchlet", Map.of("sleepSeconds", "2", TAG, tag));
            browser.await(driver -> List.of(second, first).equals(browser.script(ROW_IDS)));
            Jobs.awaitFinal(second);
            browser.await(driver -> browser.all(By.id("live")).isEmpty());
            String row = browser.visible(By.cssSelector("#instances tbody tr[data-instance-id='" + second + "']"))
                    .getText();
            assertTrue(row.contains("COMPLETED"), row);
        }
    }

    @Test
    void aWrongPasswordKeepsTheLoginFormAndSaysSo() {
        try (Browser browser = Browser.start()) {
            browser.logIn("admin", "wrong");
            browser.awaitText(By.id("login-feedback"), "The user name or the password is not correct.");
            assertTrue(browser.all(By.id("instances")).isEmpty());
            assertEquals("null", String.valueOf(browser.script(
                    "return sessionStorage.getItem('batchrest.dashboard.session');")));
        }
    }

    @Test
    void anAdminSearchesByJobNameAndJobParameterAndSeesExactlyTheMatchingRowsInEitherOrder() {
        String tag = newTag();
        long first = finished("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", TAG, tag));
        long second = finished("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", TAG, tag));
        finished("admin", "chunkCopy", Map.of("items", "10", TAG, tag));

        try (Browser browser = Browser.start().logIn("admin")) {
            browser.visible(ROWS);
            browser.awaitText(By.id("user"), "admin");
            browser.awaitText(By.id("roles"), "batchAdmin");
            browser.visible(By.id("filter-jobName")).sendKeys("sleepyBatchlet");
            WebElement parameter = browser.visible(By.cssSelector("#filter-job-parameters .param-row"));
            parameter.findElement(By.className("param-name")).sendKeys(TAG);
            parameter.findElement(By.className("param-value")).sendKeys(tag);
            browser.driver().findElement(By.id("search")).click();

            browser.await(driver -> List.of(second, first).equals(browser.script(ROW_IDS)));
            assertEquals("1–2 of 2", browser.visible(By.id("total")).getText());
            assertTrue(browser.driver().getCurrentUrl().contains("jobName=sleepyBatchlet"),
                    "the search is in the URL");

            browser.visible(By.cssSelector("th[data-sort=createTime] button")).click();
            browser.await(driver -> List.of(first, second).equals(browser.script(ROW_IDS)));
            assertEquals("ascending", browser.visible(By.cssSelector("th[data-sort=createTime]"))
                    .getAttribute("aria-sort"));

            List<WebElement> days = browser.all(By.cssSelector("#runs-chart g[data-day]"));
            assertEquals(14, days.size(), "the chart shows the last 14 days");
            assertTrue(Integer.parseInt(days.get(13).getAttribute("data-total")) >= 3,
                    "today's bar counts the runs of this test");
        }
    }

    @Test
    void theInstancePageShowsExecutionsStepsPartitionsAndMetrics() {
        String tag = newTag();
        long partitioned = finished("admin", "partitionedBatchlet", Map.of("partitions", "2", "logLines", "2",
                TAG, tag));
        long chunk = finished("admin", "chunkCopy", Map.of("items", "30", "filterEvery", "3", TAG, tag));

        try (Browser browser = Browser.start().logIn("admin")) {
            showInstance(browser, partitioned);
            browser.visible(By.cssSelector("tr[data-partition='step1/0']"));
            browser.visible(By.cssSelector("tr[data-partition='step1/1']"));
            assertEquals(2, browser.all(By.cssSelector("tr.partition")).size());
            assertTrue(browser.visible(By.id("executions")).getText().contains(TAG + "=" + tag),
                    "the execution shows its parameters");
            assertEquals("COMPLETED", browser.visible(By.id("instance-state")).getText());

            showInstance(browser, chunk);
            List<WebElement> cells = browser.visible(By.cssSelector("tr.step[data-step=copy]"))
                    .findElements(By.tagName("td"));
            // Step, Batch status, Exit status, Started, Duration, Read, Written, Filtered, Commits, Rollbacks, Skipped
            assertEquals("copy", cells.get(0).getText());
            assertEquals("COMPLETED", cells.get(1).getText());
            assertEquals("30", cells.get(5).getText());
            assertEquals("20", cells.get(6).getText());
            assertEquals("10", cells.get(7).getText());
        }
    }

    @Test
    void anAdminStopsARunningJobWithTheStopButton() {
        long id = running("sleepyBatchlet", Map.of("sleepSeconds", "120"));
        try (Browser browser = Browser.start().logIn("admin")) {
            showInstance(browser, id);
            browser.visible(By.id("action-stop")).click();
            browser.awaitText(By.id("instance-state"), "STOPPED");
            browser.visible(By.id("action-restart"));
            assertTrue(browser.all(By.id("action-stop")).isEmpty(), "a stopped instance has no stop button");
            assertEquals("STOPPED", BatchApi.as("admin").get("jobinstances/" + id).object().getString("batchStatus"));
        } finally {
            Jobs.stopIfRunning(id);
        }
    }

    @Test
    void aMonitorSeesNoStopRestartOrPurgeButtonsWhereAnAdminSeesThem() {
        long active = running("sleepyBatchlet", Map.of("sleepSeconds", "120"));
        long stopped = running("sleepyBatchlet", Map.of("sleepSeconds", "120"));
        try {
            BatchApi.as("admin").put("jobinstances/" + stopped + "?action=stop");
            Jobs.awaitState(stopped, "STOPPED");

            try (Browser admin = Browser.start().logIn("admin")) {
                showInstance(admin, active);
                assertEquals(List.of("action-stop"), buttonIds(admin));
                showInstance(admin, stopped);
                assertEquals(List.of("action-restart", "action-purge"), buttonIds(admin));
            }
            try (Browser monitor = Browser.start().logIn("monitor")) {
                monitor.awaitText(By.id("roles"), "batchMonitor");
                assertTrue(monitor.all(By.id("nav-submit")).isEmpty(), "a monitor is not offered to submit");
                showInstance(monitor, active);
                assertEquals(List.of(), buttonIds(monitor));
                showInstance(monitor, stopped);
                assertEquals(List.of(), buttonIds(monitor));
                assertEquals("STOPPED", monitor.visible(By.id("instance-state")).getText());
            }
        } finally {
            Jobs.stopIfRunning(active);
        }
    }

    private static List<String> buttonIds(Browser browser) {
        return browser.all(ACTION_BUTTONS).stream().map(button -> button.getAttribute("id")).toList();
    }

    @Test
    void aSubmitterGetsTheActionsOnTheirOwnInstancesOnly() {
        long own = finished("submitter1", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        long others = finished("submitter2", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        try (Browser browser = Browser.start().logIn("submitter1")) {
            showInstance(browser, own);
            assertEquals(List.of("action-purge"), buttonIds(browser));
            browser.open("#/instances/" + others);
            browser.awaitText(By.id("instance-summary"), "User submitter1 is not authorized to read job instance "
                    + others + ".");
            assertEquals(List.of(), buttonIds(browser));
        }
    }

    @Test
    void purgeAsksForConfirmationAndCancelKeepsTheInstance() {
        long id = finished("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0"));
        try (Browser browser = Browser.start().logIn("admin")) {
            showInstance(browser, id);
            browser.visible(By.id("action-purge")).click();
            browser.awaitText(By.id("purge-dialog"), "It cannot be undone.");
            browser.visible(By.id("purge-dialog-cancel")).click();
            browser.await(ExpectedConditions.numberOfElementsToBe(By.id("purge-dialog"), 0));
            assertEquals(200, BatchApi.as("admin").get("jobinstances/" + id).status(), "cancel purges nothing");

            browser.visible(By.id("action-purge")).click();
            browser.visible(By.id("purge-dialog-confirm")).click();
            browser.awaitText(By.id("app"), "Instance " + id + " was purged.");
            assertEquals(404, BatchApi.as("admin").get("jobinstances/" + id).status());
        }
    }

    @Test
    void restartRunsTheInstanceAgainWithTheEditedParameters() {
        long id = finished("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        assertEquals("FAILED", BatchApi.as("admin").get("jobinstances/" + id).object().getString("instanceState"));
        try (Browser browser = Browser.start().logIn("admin")) {
            showInstance(browser, id);
            browser.visible(By.id("action-restart")).click();
            WebElement row = browser.visible(By.xpath("//div[@id='restart-parameters']//div[contains(@class,"
                    + "'param-row')][input[@class='param-name' and @value='forceFailure']]"));
            WebElement value = row.findElement(By.className("param-value"));
            value.clear();
            value.sendKeys("false");
            browser.visible(By.id("restart-dialog-confirm")).click();
            browser.awaitText(By.id("instance-state"), "COMPLETED");
            browser.awaitText(By.id("executions"), "restart 1");
        }
        JsonObject latest = BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions").array()
                .getJsonObject(0);
        assertEquals("false", latest.getJsonObject("jobParameters").getString("forceFailure"));
        assertEquals("COMPLETED", latest.getString("batchStatus"));
    }

    @Test
    void theLogViewerShowsEachPartAndDownloadsTheLogs() throws Exception {
        long id = finished("admin", "partitionedBatchlet", Map.of("partitions", "2", "logLines", "3"));
        long execution = BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions").array()
                .getJsonObject(0).getJsonNumber("executionId").longValue();
        try (Browser browser = Browser.start().logIn("admin")) {
            showInstance(browser, id);
            browser.awaitText(By.id("log-text"), "JobExecution id = " + execution);
            Select parts = new Select(browser.visible(By.id("log-part")));
            assertEquals(List.of("part.1.log", "step1/0/part.1.log", "step1/1/part.1.log"),
                    parts.getOptions().stream().map(option -> option.getAttribute("value")).toList());

            parts.selectByValue("step1/1/part.1.log");
            browser.awaitText(By.id("log-text"), "step1 partition 1 line 3 of 3");
            assertFalse(browser.visible(By.id("log-text")).getText().contains("partition 0"),
                    "the viewer shows one part");

            browser.visible(By.id("download-execution-zip")).click();
            Path zip = browser.downloads().resolve("joblogs.execution." + execution + ".zip");
            browser.await(driver -> Files.isRegularFile(zip));
            byte[] bytes = Files.readAllBytes(zip);
            assertTrue(bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K', "a zip file");

            browser.visible(By.id("download-part-text")).click();
            Path part = browser.downloads().resolve("joblogs.execution." + execution + ".step1.1.part.1.log");
            browser.await(driver -> Files.isRegularFile(part));
            assertTrue(Files.readString(part).contains("step1 partition 1 line 3 of 3"));
        }
    }

    @Test
    void theSubmitFormListsThePackagedJobsAndSubmitsOneWithParameters() {
        try (Browser browser = Browser.start().logIn("submitter1")) {
            browser.visible(By.id("nav-submit")).click();
            Select job = new Select(browser.visible(By.id("submit-job")));
            List<String> jobs = job.getOptions().stream().map(option -> option.getAttribute("value")).toList();
            assertEquals(List.of("chunkCopy", "jarPackagedJob", "partitionedBatchlet", "sleepyBatchlet", "splitFlow"),
                    jobs);
            job.selectByValue("sleepyBatchlet");
            WebElement sleep = browser.visible(By.xpath("//div[@id='submit-parameters']//div[contains(@class,"
                    + "'param-row')][input[@class='param-name' and @value='sleepSeconds']]/input[@class='param-value']"));
            assertEquals("default 1", sleep.getAttribute("placeholder"));
            sleep.sendKeys("0");
            browser.visible(By.id("submit-button")).click();

            browser.await(ExpectedConditions.urlMatches("#/instances/\\d+$"));
            String url = browser.driver().getCurrentUrl();
            long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
            browser.awaitText(By.id("instance-title"), "sleepyBatchlet");
            browser.awaitText(By.id("instance-state"), "COMPLETED");
            ApiResponse instance = BatchApi.as("admin").get("jobinstances/" + id);
            assertEquals("submitter1", instance.object().getString("submitter"));
            assertEquals("0", BatchApi.as("admin").get("jobinstances/" + id + "/jobexecutions").array()
                    .getJsonObject(0).getJsonObject("jobParameters").getString("sleepSeconds"));
        }
    }

    @Test
    void loggingOutForgetsTheCredentials() {
        try (Browser browser = Browser.start().logIn("monitor")) {
            browser.visible(By.id("logout")).click();
            browser.visible(By.id("username"));
            assertEquals("null", String.valueOf(browser.script(
                    "return sessionStorage.getItem('batchrest.dashboard.session');")));
        }
    }

    /**
     * The README's screenshots: the instance table and an instance page, with runs in every final state and one
     * still running. Saved to target/screenshots, or to docs with -Dbatchrest.test.screenshots=docs.
     */
    @Test
    void screenshotsOfTheInstanceTableAndAnInstancePage() throws Exception {
        finished("submitter1", "chunkCopy", Map.of("items", "200"));
        finished("admin", "sleepyBatchlet", Map.of("sleepSeconds", "0", "forceFailure", "true"));
        finished("submitter2", "splitFlow", Map.of("logLines", "2"));
        long stopped = running("sleepyBatchlet", Map.of("sleepSeconds", "120"));
        BatchApi.as("admin").put("jobinstances/" + stopped + "?action=stop");
        Jobs.awaitFinal(stopped);
        long partitioned = finished("admin", "partitionedBatchlet", Map.of("partitions", "3", "logLines", "4"));
        long active = running("sleepyBatchlet", Map.of("sleepSeconds", "120"));
        try (Browser browser = Browser.start().logIn("admin")) {
            browser.visible(ROWS);
            browser.visible(By.cssSelector("#runs-chart svg"));
            browser.visible(By.id("live"));
            assertTrue(Files.size(browser.screenshot("dashboard-instances.png")) > 10_000);

            showInstance(browser, partitioned);
            browser.visible(By.cssSelector("tr[data-partition='step1/2']"));
            browser.awaitText(By.id("log-text"), "JobExecution id = ");
            assertTrue(Files.size(browser.screenshot("dashboard-instance.png")) > 10_000);
        } finally {
            Jobs.stopIfRunning(active);
        }
    }
}
