package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.browser.AdminUi;
import io.switchboard.platform.it.browser.Browser;
import io.switchboard.plugins.deskie.fake.DeskieFake;
import io.switchboard.plugins.deskie.fake.DeskieWebhooks;
import io.switchboard.plugins.website.fake.SiteRequests;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue #18, end to end in a real browser: the example site under {@code /examples/website/} (its page, its back end
 * holding the API key, its signature check) with the real website and Deskie plugin jars and the Deskie fake. A
 * customer writes on the site → a case in Deskie; an agent's reply and the customer's e-mail reply in Deskie → on the
 * site; a forged or stale webhook is refused by the site; the site's API refuses a wrong key, another thread, an
 * oversized or malformed body, storing nothing. Screenshots go to {@code docs/screenshots/}.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class WebsiteUiIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String DESKIE_KEY = "deskie-" + UUID.randomUUID();
    private static final DeskieFake DESKIE = new DeskieFake("api@acme.test", DESKIE_KEY)
            .addStaff(30, "Boris Support", "boris@acme.test", true);
    private static final String SIGNING_SECRET = "site-signing-" + UUID.randomUUID().toString().replace("-", "");

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFake() {
        DESKIE.close();
    }

    @Test
    void aCustomersThreadOnTheExampleSiteGoesToDeskieAndRepliesComeBackSigned() throws Exception {
        ApiClient.TenantAdmin tenant = ApiClient.newTenant(base, "website", PASSWORD);
        ApiClient api = tenant.api();
        for (String plugin : List.of("website", "deskie")) {
            assertThat(api.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
        }
        String webhookUrl = "http://localhost:" + base.getPort() + "/examples/website/api/webhook";
        String[] site = connection(api, "website", json().put("webhook_url", webhookUrl)
                .put("signing_secret", SIGNING_SECRET));
        String[] deskie = connection(api, "deskie", json().put("account", DESKIE.baseUrl())
                .put("staff_email", "api@acme.test").put("api_key", DESKIE_KEY));
        ApiClient.Answer flow = api.post("/api/v1/flows", json().put("type", "conversation-to-task")
                .put("name", "Site to Deskie").put("source", site[0]).put("target", deskie[0]).set("options", json()));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        String thread = "T-" + UUID.randomUUID().toString().substring(0, 8);

        String apiKey;
        try (Browser browser = new Browser()) {
            // The tenant admin makes the site's API key on the connection page: shown once, then only its hint.
            AdminUi ui = new AdminUi(browser, base.toURI());
            ui.signIn(tenant.email(), PASSWORD);
            ui.open("/admin/connection.xhtml?id=" + site[0]);
            assertThat(ui.text(By.id("no-api-keys"))).contains("No key yet");
            ui.type(By.cssSelector("[data-field='api_keys'] input[id$='key-name']"), "Shop back end");
            ui.submit(By.cssSelector("[data-field='api_keys'] input[id$='make-key']"));
            apiKey = browser.driver().findElement(By.id("new-api-key")).getAttribute("value");
            assertThat(apiKey).startsWith("sbk_").hasSize(47);
            assertThat(ui.text(By.cssSelector(".api-key-list"))).contains("Shop back end", apiKey.substring(0, 8));
            browser.screenshot("website-api-key");
            ui.open("/admin/connection.xhtml?id=" + site[0]);
            assertThat(browser.driver().findElements(By.id("new-api-key"))).as("shown only once").isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(apiKey.substring(8));
            assertThat(ui.text(By.cssSelector(".api-key-list"))).contains("Shop back end", apiKey.substring(0, 8));
        }
        assertThat(api.get("/api/v1/connections/" + site[0]).body()).as("the API shows no key either")
                .doesNotContain(apiKey.substring(8)).doesNotContain("sha256");

        try (Browser browser = new Browser()) {
            browser.driver().get(base.toURI().resolve("/examples/website/index.html").toString());
            type(browser, "inbound-url", site[1]);
            type(browser, "api-key", apiKey);
            type(browser, "signing-secret", SIGNING_SECRET);
            browser.driver().findElement(By.id("save-setup")).click();
            awaitText(browser, "setup-state", "Saved");

            type(browser, "thread", thread);
            type(browser, "email", "anna-" + thread + "@example.com");
            type(browser, "text", "My parcel has not arrived");
            browser.driver().findElement(By.id("send")).click();
            awaitText(browser, "send-state", "Sent");
            Inbox.awaitAllFinished("thread:" + thread, Duration.ofSeconds(60));
            assertThat(DESKIE.cases()).as("one case for the thread").hasSize(1);
            DeskieFake.Case kase = DESKIE.cases().get(0);
            assertThat(kase.subject()).as("the site's subject").isEqualTo("My parcel has not arrived");
            assertThat(DESKIE.messages(kase.caseId())).extracting(DeskieFake.Message::content)
                    .anySatisfy(c -> assertThat(c).contains("My parcel has not arrived"));

            // An agent answers in Deskie; Deskie's rule calls the Deskie connection's inbound URL.
            DeskieFake.Message reply = DESKIE.addAgentReply(kase.caseId(), 30, "It left the warehouse today");
            deliver(deskie[1], new DeskieWebhooks(null).forMessage(DESKIE, reply));
            // The customer answers that e-mail; Deskie adds it to the case and calls again.
            DeskieFake.Message emailed = DESKIE.addCustomerEmailReply(kase.caseId(), "Thanks, I will wait");
            deliver(deskie[1], new DeskieWebhooks(null).forMessage(DESKIE, emailed));
            Inbox.awaitAllFinished(String.valueOf(kase.caseId()), Duration.ofSeconds(60));

            await(() -> browser.driver().findElements(By.cssSelector("#messages li")).size() >= 3);
            List<WebElement> shown = browser.driver().findElements(By.cssSelector("#messages li"));
            assertThat(shown).hasSize(3);
            assertThat(shown.get(0).getAttribute("data-author")).isEqualTo("customer");
            assertThat(shown.get(0).getText()).endsWith("My parcel has not arrived");
            assertThat(shown.get(1).getAttribute("data-author")).isEqualTo("agent");
            assertThat(shown.get(1).getText()).endsWith("It left the warehouse today");
            assertThat(shown.get(2).getAttribute("data-author")).isEqualTo("customer");
            assertThat(shown.get(2).getText()).endsWith("Thanks, I will wait");
            assertThat(browser.driver().getPageSource()).doesNotContain(apiKey).doesNotContain(SIGNING_SECRET);
            browser.screenshot("website-example");
        }

        // The site refuses what Switchboard did not sign, or signed too long ago.
        String body = "{\"type\":\"message.created\",\"thread\":\"" + thread + "\",\"message\":{\"id\":\"x\",\"text\":"
                + "\"Forged\",\"author\":{\"type\":\"agent\"}}}";
        long now = Instant.now().getEpochSecond();
        assertThat(postWebhook(webhookUrl, "msg_forged", now, sign("not-the-secret-at-all-0123456789",
                "msg_forged", now, body), body)).isEqualTo(401);
        assertThat(postWebhook(webhookUrl, "msg_stale", now - 600, sign(SIGNING_SECRET, "msg_stale", now - 600, body),
                body)).isEqualTo(401);
        assertThat(postWebhook(webhookUrl, "msg_fresh", now, sign(SIGNING_SECRET, "msg_fresh", now, body), body))
                .as("the same body signed properly is taken").isEqualTo(200);

        // The site's API: the thread lists; a wrong key, another thread, a malformed or oversized body are refused.
        SiteRequests requests = new SiteRequests(apiKey);
        // The same inbound URL on loopback: the test kit's site client sends nowhere else.
        URI siteApi = URI.create("http://localhost:" + base.getPort() + URI.create(site[1]).getPath());
        HttpResponse<String> listed = requests.list(thread).send(siteApi);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("My parcel has not arrived", "It left the warehouse today",
                "Thanks, I will wait");
        assertThat(requests.list("T-never").send(siteApi).statusCode()).isEqualTo(404);
        String refusedThread = "T-refused-" + UUID.randomUUID().toString().substring(0, 6);
        SiteRequests.Customer customer = new SiteRequests.Customer("7", "eve@example.com", "Eve", null);
        assertThat(requests.withApiKey("wrong-key-0123456789012345678901234567").firstMessage(refusedThread, "m1",
                "Hi", customer, "Hello").send(siteApi).statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = requests.raw("{\"type\":\"message\",").send(siteApi);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).startsWith("{");
        assertThat(requests.firstMessage(refusedThread, "m2", "Hi", customer, "x".repeat(10_001))
                .send(siteApi).statusCode()).isEqualTo(413);
        assertThat(Inbox.states("thread:" + refusedThread)).as("nothing stored for refused requests").isEmpty();

        // Revoked on the connection page: the key stops working at once.
        try (Browser browser = new Browser()) {
            AdminUi ui = new AdminUi(browser, base.toURI());
            ui.signIn(tenant.email(), PASSWORD);
            ui.open("/admin/connection.xhtml?id=" + site[0]);
            browser.driver().findElement(By.cssSelector(".api-key-list input[id$='revoke']")).click();
            browser.driver().switchTo().alert().accept();
            browser.waitFor(d -> !d.findElements(By.id("no-api-keys")).isEmpty());
        }
        assertThat(requests.list(thread).send(siteApi).statusCode()).as("a revoked key").isEqualTo(401);
    }

    private int postWebhook(String url, String id, long timestamp, String signature, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", "v1," + signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private void deliver(String url, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static void type(Browser browser, String id, String value) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static String text(Browser browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** Waits for the element's text, and says what it showed instead when it never came. */
    private static void awaitText(Browser browser, String id, String expected) {
        try {
            await(() -> text(browser, id).equals(expected));
        } catch (AssertionError e) {
            throw new AssertionError("#" + id + " shows '" + text(browser, id) + "', not '" + expected + "'", e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Inbox.await(Duration.ofSeconds(30), condition);
    }

    private static String[] connection(ApiClient api, String connector, ObjectNode settings) {
        ApiClient.Answer created = api.post("/api/v1/connections", json().put("connector", connector)
                .put("name", connector + " " + UUID.randomUUID().toString().substring(0, 8)).set("settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new String[] {created.json().path("id").asText(), created.json().path("inboundUrl").asText()};
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
