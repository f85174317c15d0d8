package io.switchboard.platform.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Proves the browser harness without the platform: a page served from a JDK HTTP server on loopback, whose button
 * changes a heading through inline JavaScript, clicked in headless Chromium. Screenshots go to
 * {@code target/browser-smoke/}, never to {@code docs/}. Prints how long the browser took to start.
 */
class BrowserSmokeTest {

    static final Path SCREENSHOTS = Path.of("target", "browser-smoke");

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Browser smoke test</title>
            <style>body { font: 18px sans-serif; margin: 40px; } #status { color: #135; }</style></head>
            <body>
              <h1 id="status">Not clicked yet</h1>
              <button id="go" type="button"
                      onclick="document.getElementById('status').textContent = 'Clicked ' + (++window.clicks) + ' time(s)'">
                Click me</button>
              <script>window.clicks = 0;</script>
            </body>
            </html>
            """;

    private static HttpServer server;
    private static final AtomicInteger pageRequests = new AtomicInteger();
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!"/page.html".equals(exchange.getRequestURI().getPath())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                pageRequests.incrementAndGet();
                byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        browser = new Browser(SCREENSHOTS);
        System.out.printf("BrowserSmokeTest: chromedriver + Chromium started in %d ms%n",
                browser.startupTime().toMillis());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static URI page() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page.html");
    }

    @Test
    void clicksAButtonWhoseInlineScriptChangesTheText() throws IOException {
        browser.open(page());
        assertThat(browser.driver().getTitle()).isEqualTo("Browser smoke test");
        assertThat(browser.driver().findElement(By.id("status")).getText()).isEqualTo("Not clicked yet");

        browser.driver().findElement(By.id("go")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.id("status"), "Clicked 1 time(s)"));
        browser.driver().findElement(By.id("go")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.id("status"), "Clicked 2 time(s)"));
        assertThat(pageRequests.get()).isPositive();

        Path shot = browser.screenshot("browser-smoke");
        assertThat(shot).isEqualTo(SCREENSHOTS.resolve("browser-smoke.png"));
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).as("a PNG Java can read").isNotNull();
        assertThat(image.getWidth()).as("width of the 1280-pixel window").isBetween(1200, 1280);
        assertThat(image.getHeight()).isBetween(600, 1000);
    }

    @Test
    void runsHeadlessChromiumUnderWebDriver() {
        browser.open(page());
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        assertThat(js.executeScript("return navigator.webdriver")).isEqualTo(Boolean.TRUE);
        assertThat((String) js.executeScript("return navigator.userAgent")).contains("HeadlessChrome");
        assertThat(((Number) js.executeScript("return window.outerWidth")).longValue()).isEqualTo(1280L);
    }

    @Test
    void waitForGivesUpAtTheDeadline() {
        browser.open(page());
        long started = System.nanoTime();
        assertThatThrownBy(() -> browser.waitFor(ExpectedConditions.textToBe(By.id("status"), "never"),
                Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void screenshotNamesAreCheckedAndTheDefaultDirectoryIsDocs() {
        assertThatThrownBy(() -> browser.screenshot("../escape")).isInstanceOf(IllegalArgumentException.class);
        assertThat(browser.screenshotsDir()).isEqualTo(SCREENSHOTS);
        assertThat(Browser.DEFAULT_SCREENSHOTS).isEqualTo("../docs/screenshots");
    }

    @Test
    void aSecondBrowserGetsItsOwnProfileWhichCloseRemoves() throws IOException {
        long before = profiles();
        Browser second = new Browser(SCREENSHOTS);
        System.out.printf("BrowserSmokeTest: a second browser started in %d ms%n", second.startupTime().toMillis());
        try {
            assertThat(profiles()).isEqualTo(before + 1);
            second.open(page());
            assertThat(second.driver().findElement(By.id("status")).getText()).isEqualTo("Not clicked yet");
        } finally {
            second.close();
            second.close();
        }
        assertThat(profiles()).isEqualTo(before);
    }

    /** @return how many browser profiles exist under target/browser/ */
    private static long profiles() throws IOException {
        try (Stream<Path> paths = Files.list(Browser.WORK_DIR)) {
            return paths.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("profile-"))
                    .count();
        }
    }
}
