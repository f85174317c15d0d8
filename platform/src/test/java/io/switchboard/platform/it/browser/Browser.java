package io.switchboard.platform.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the integration tests that drive the admin UI, through Selenium and the system's
 * chromedriver (Debian packages {@code chromium} and {@code chromium-driver}; {@code bin/test} installs them).
 *
 * <p>Nothing is downloaded: the driver is {@code /usr/bin/chromedriver} (system property {@value #CHROMEDRIVER}),
 * given to Selenium through {@link ChromeDriverService.Builder#usingDriverExecutable}, and the browser is
 * {@code /usr/bin/chromium} (system property {@value #CHROMIUM}), so Selenium Manager is skipped. Every instance
 * gets a fresh profile under {@code target/browser/} (removed on {@link #close()}); chromedriver's log goes beside
 * it.
 *
 * <pre>{@code
 * try (Browser browser = new Browser()) {
 *     browser.open(baseUri.resolve("admin/"));
 *     browser.waitFor(ExpectedConditions.titleContains("Connections"));
 *     browser.screenshot("connections");   // → docs/screenshots/connections.png under failsafe
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one browser per test (or per test class), used from one thread.
 */
public final class Browser implements AutoCloseable {

    /** System property naming the Chromium binary; default {@value #DEFAULT_CHROMIUM}. */
    public static final String CHROMIUM = "it.chromium";
    /** System property naming the chromedriver binary; default {@value #DEFAULT_CHROMEDRIVER}. */
    public static final String CHROMEDRIVER = "it.chromedriver";
    /** System property naming the directory of {@link #screenshot} files; default {@value #DEFAULT_SCREENSHOTS}. */
    public static final String SCREENSHOTS_DIR = "it.screenshots.dir";

    static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    static final String DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Relative to the platform module, the tests' working directory. */
    static final String DEFAULT_SCREENSHOTS = "../docs/screenshots";

    /** Where profiles and driver logs go (relative to the platform module). */
    static final Path WORK_DIR = Path.of("target", "browser");

    /** How long {@link #waitFor(ExpectedCondition)} waits at most. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * The Chromium flags: headless, no sandbox (the tests may run as root), no GPU, no /dev/shm (small in
     * containers), no QUIC, and no first-run, background, component-update or sync traffic; the rest keep Chromium
     * from calling Google's services on its own, since the tests talk to loopback only.
     */
    static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
            "--no-default-browser-check", "--disable-default-apps", "--disable-domain-reliability",
            "--disable-client-side-phishing-detection", "--metrics-recording-only", "--password-store=basic",
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");

    /**
     * Selenium looks for a CDP (DevTools) binding matching the browser at every start and warns when it has none;
     * only selenium-chrome-driver is on the classpath (no selenium-devtools-vNNN) and the tests do not use CDP, so
     * the warning is noise. Held in a field: java.util.logging keeps loggers weakly, and a collected one would
     * forget its level.
     */
    private static final Logger CDP_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private final Path screenshots;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Duration startup;
    private boolean closed;

    /** Starts a browser whose screenshots go to {@value #SCREENSHOTS_DIR} (default {@value #DEFAULT_SCREENSHOTS}). */
    public Browser() {
        this(Path.of(System.getProperty(SCREENSHOTS_DIR, DEFAULT_SCREENSHOTS)));
    }

    /**
     * Starts a browser whose screenshots go to {@code screenshotsDir} (created when needed).
     *
     * @throws IllegalStateException when Chromium or chromedriver is missing (with the command that installs them)
     */
    public Browser(Path screenshotsDir) {
        this.screenshots = screenshotsDir;
        Path chromium = executable(CHROMIUM, DEFAULT_CHROMIUM);
        Path chromedriver = executable(CHROMEDRIVER, DEFAULT_CHROMEDRIVER);
        long started = System.nanoTime();
        try {
            Files.createDirectories(WORK_DIR);
            profile = Files.createTempDirectory(WORK_DIR, "profile-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile under " + WORK_DIR.toAbsolutePath(), e);
        }
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(WORK_DIR.resolve(profile.getFileName() + "-chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        startup = Duration.ofNanos(System.nanoTime() - started);
    }

    private static Path executable(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing or not executable (system property " + property
                    + "). Run bin/test, which installs them, or: apt-get install --no-install-recommends chromium "
                    + "chromium-driver");
        }
        return path;
    }

    /** @return how long starting chromedriver and Chromium took (constructor to first session) */
    public Duration startupTime() {
        return startup;
    }

    /** Loads the page and waits for its load event (Selenium's default page-load strategy). */
    public Browser open(URI uri) {
        driver.get(uri.toString());
        return this;
    }

    /** @return the Selenium driver, for anything this class does not wrap */
    public WebDriver driver() {
        return driver;
    }

    /** @return the directory {@link #screenshot} writes to */
    public Path screenshotsDir() {
        return screenshots;
    }

    /**
     * Saves what the window shows (the viewport, not the full page) as {@code <name>.png} in the screenshots
     * directory, replacing an older file of that name.
     *
     * @param name letters, digits, dots, dashes and underscores
     * @return the file written
     */
    public Path screenshot(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("screenshot name '" + name + "': use letters, digits, '.', '-', '_'");
        }
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.createDirectories(screenshots);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
        return file;
    }

    /**
     * Waits until the condition holds (non-null, non-false), polling every 50 ms, at most {@link #DEFAULT_WAIT}.
     *
     * @return the condition's value
     * @throws org.openqa.selenium.TimeoutException when the deadline passes first
     */
    public <T> T waitFor(ExpectedCondition<T> condition) {
        return waitFor(condition, DEFAULT_WAIT);
    }

    /** As {@link #waitFor(ExpectedCondition)}, with another deadline. */
    public <T> T waitFor(ExpectedCondition<T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, POLL).until(condition);
    }

    /** Ends Chromium and chromedriver and removes the profile; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        if (profile == null || !Files.exists(profile)) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover profile under target/ harms nothing and goes with mvn clean.
        }
    }
}
