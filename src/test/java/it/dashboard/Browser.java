package it.dashboard;

import it.support.BatchApi;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A headless Chromium on the dashboard of the server started by the build. Browser and driver are the
 * distribution's packages at fixed paths (scripts/install-browser installs them): with both paths given, Selenium
 * downloads nothing. Each browser gets a fresh profile, so no session, cache or stored credential carries over.
 */
final class Browser implements AutoCloseable {

    static final String DASHBOARD = BatchApi.ROOT + "dashboard/";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
        // The views re-render while they refresh: an element found a moment ago may be replaced.
        this.wait = (WebDriverWait) new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class);
    }

    static Browser start() {
        File chromium = requireInstalled("batchrest.test.chromium", "/usr/bin/chromium");
        File chromedriver = requireInstalled("batchrest.test.chromedriver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("batchrest-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads(profile).toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--ignore-certificate-errors", "--window-size=1440,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 1000));
        return new Browser(profile, driver);
    }

    /** A test without its browser fails, and says how to install it: it is never skipped. */
    private static File requireInstalled(String property, String defaultPath) {
        File file = new File(System.getProperty(property, defaultPath));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing: the dashboard tests need Chromium and "
                    + "chromedriver from the distribution's packages. Run scripts/install-browser (as root), or "
                    + "apt-get install chromium chromium-driver.");
        }
        return file;
    }

    /** Opens the dashboard and logs in as a development user (password = user name + "pwd"). */
    Browser logIn(String user) {
        return logIn(user, user + "pwd");
    }

    /**
     * Logs in on the dashboard's form. Called as {@code Browser.start().logIn(…)} in a try-with-resources header, so a
     * failure here would leave the browser running (the resource is not yet assigned): it is closed first.
     */
    Browser logIn(String user, String password) {
        try {
            driver.get(DASHBOARD);
            WebElement name = visible(By.id("username"));
            name.sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("#login button[type=submit]")).click();
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Goes to a place of the dashboard by its URL fragment, e.g. "#/instances/7". */
    void open(String fragment) {
        driver.get(DASHBOARD + fragment);
    }

    WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    <T> T await(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    void awaitText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    /** The folder the browser saves downloads to. */
    Path downloads() {
        return downloads(profile);
    }

    private static Path downloads(Path profile) {
        return profile.resolve("downloads");
    }

    /** Runs a script in the page and returns its result (a list of numbers comes back as a list of longs). */
    Object script(String javaScript, Object... arguments) {
        return driver.executeScript(javaScript, arguments);
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as a PNG in the screenshot folder of the build. */
    Path screenshot(String fileName) {
        Path folder = Paths.get(System.getProperty("batchrest.test.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(fileName);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temp folder harms nothing.
        }
    }
}
