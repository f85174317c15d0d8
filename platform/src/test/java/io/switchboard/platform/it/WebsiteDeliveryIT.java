package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.plugins.deskie.fake.DeskieFake;
import io.switchboard.plugins.deskie.fake.DeskieWebhooks;
import io.switchboard.plugins.website.fake.SiteReceiver;
import io.switchboard.plugins.website.fake.SiteRequests;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

/**
 * Issue #18: replies to a customer's site that is down for a while reach it later — each once, in order per thread —
 * through the platform's durable pipeline, signed (the test kit's {@link SiteReceiver} checks every signature).
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class WebsiteDeliveryIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String DESKIE_KEY = "deskie-" + UUID.randomUUID();
    private static final DeskieFake DESKIE = new DeskieFake("api@acme.test", DESKIE_KEY)
            .addStaff(31, "Vera Support", "vera@acme.test", true);
    private static final String SIGNING_SECRET = "site-signing-" + UUID.randomUUID().toString().replace("-", "");
    private static final SiteReceiver SITE = new SiteReceiver(SIGNING_SECRET);

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stop() {
        DESKIE.close();
        SITE.close();
    }

    @Test
    void repliesToASiteThatIsDownArriveLaterOnceEachInOrder() throws Exception {
        ApiClient api = ApiClient.newTenant(base, "sitedown", PASSWORD).api();
        for (String plugin : List.of("website", "deskie")) {
            assertThat(api.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
        }
        // API keys are made by the platform, never entered.
        ApiClient.Answer entered = api.post("/api/v1/connections", json().put("connector", "website").put("name", "x")
                .set("settings", json().put("webhook_url", SITE.url()).put("signing_secret", SIGNING_SECRET)
                        .put("api_keys", "my-own-key-0123456789012345678901234567")));
        assertThat(entered.status()).as(entered.body()).isEqualTo(400);
        assertThat(entered.body()).contains("made by the platform");
        String[] site = connection(api, "website", json().put("webhook_url", SITE.url())
                .put("signing_secret", SIGNING_SECRET));
        String apiKey = makeKey(api, site[0], "Shop");
        String[] deskie = connection(api, "deskie", json().put("account", DESKIE.baseUrl())
                .put("staff_email", "api@acme.test").put("api_key", DESKIE_KEY));
        ApiClient.Answer flow = api.post("/api/v1/flows", json().put("type", "conversation-to-task")
                .put("name", "Site to Deskie").put("source", site[0]).put("target", deskie[0]).set("options", json()));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        String thread = "T-" + UUID.randomUUID().toString().substring(0, 8);
        URI siteApi = URI.create("http://localhost:" + base.getPort() + URI.create(site[1]).getPath());

        HttpResponse<String> sent = new SiteRequests(apiKey).firstMessage(thread, "m-1", "Where is my order?",
                new SiteRequests.Customer("42", "olga-" + thread + "@example.com", "Olga", null), "Order 4711, please")
                .send(siteApi);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        Inbox.awaitAllFinished("thread:" + thread, Duration.ofSeconds(60));
        DeskieFake.Case kase = DESKIE.cases().get(0);

        SITE.downFor(Duration.ofSeconds(8));
        DeskieWebhooks hooks = new DeskieWebhooks(null);
        for (int i = 1; i <= 3; i++) {
            DeskieFake.Message reply = DESKIE.addAgentReply(kase.caseId(), 31, "Update " + i);
            deliver(deskie[1], hooks.forMessage(DESKIE, reply));
        }
        Inbox.awaitAllFinished(String.valueOf(kase.caseId()), Duration.ofSeconds(90));

        assertThat(Inbox.states(String.valueOf(kase.caseId()))).containsOnly("DONE");
        assertThat(SITE.messages()).filteredOn(d -> thread.equals(d.thread())).extracting(SiteReceiver.Delivery::text)
                .containsExactly("Update 1", "Update 2", "Update 3");
        assertThat(SITE.refusals()).as("every delivery was signed and fresh").isEmpty();

        // Another tenant's website connection does not know this tenant's thread.
        ApiClient other = ApiClient.newTenant(base, "sitedown-other", PASSWORD).api();
        for (String plugin : List.of("website", "deskie")) {
            assertThat(other.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
        }
        String[] otherSite = connection(other, "website", json().put("webhook_url", SITE.url())
                .put("signing_secret", "other-signing-" + UUID.randomUUID()));
        String otherKey = makeKey(other, otherSite[0], null);
        assertThat(api.post("/api/v1/connections/" + otherSite[0] + "/api-keys", null).status())
                .as("another tenant's connection").isEqualTo(404);
        String[] otherDeskie = connection(other, "deskie", json().put("account", DESKIE.baseUrl())
                .put("staff_email", "api@acme.test").put("api_key", DESKIE_KEY));
        assertThat(other.post("/api/v1/flows", json().put("type", "conversation-to-task").put("name", "Other site")
                .put("source", otherSite[0]).put("target", otherDeskie[0]).set("options", json())).status())
                .isEqualTo(201);
        URI otherApi = URI.create("http://localhost:" + base.getPort() + URI.create(otherSite[1]).getPath());
        assertThat(new SiteRequests(otherKey).list(thread).send(otherApi).statusCode()).isEqualTo(404);
        assertThat(new SiteRequests(apiKey).list(thread).send(otherApi).statusCode())
                .as("this tenant's key is unknown there").isEqualTo(401);
        assertThat(new SiteRequests(apiKey).list(thread).send(siteApi).statusCode()).isEqualTo(200);
    }

    /** CW3: the same setup serves a live chat, through a Deskie custom channel instead of e-mail. */
    @Test
    void aLiveChatGoesToADeskieCustomChannelAndAgentRepliesComeBackToTheSite() throws Exception {
        ApiClient api = ApiClient.newTenant(base, "sitechat", PASSWORD).api();
        for (String plugin : List.of("website", "deskie")) {
            assertThat(api.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
        }
        String[] site = connection(api, "website", json().put("webhook_url", SITE.url())
                .put("signing_secret", SIGNING_SECRET));
        String apiKey = makeKey(api, site[0], "Chat widget back end");
        String[] deskie = connection(api, "deskie", json().put("account", DESKIE.baseUrl())
                .put("staff_email", "api@acme.test").put("api_key", DESKIE_KEY).put("custom_channel", "cch7"));
        assertThat(api.post("/api/v1/flows", json().put("type", "conversation-to-task").put("name", "Chat to Deskie")
                .put("source", site[0]).put("target", deskie[0]).set("options", json())).status()).isEqualTo(201);
        String thread = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = "v-" + UUID.randomUUID().toString().substring(0, 8);
        URI siteApi = URI.create("http://localhost:" + base.getPort() + URI.create(site[1]).getPath());

        HttpResponse<String> sent = new SiteRequests(apiKey).firstMessage(thread, "m-1", "Chat " + thread,
                new SiteRequests.Customer(visitor, visitor + "@example.com", "Visitor", null), "Is it in stock?")
                .send(siteApi);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        Inbox.awaitAllFinished("thread:" + thread, Duration.ofSeconds(60));

        DeskieFake.Case kase = DESKIE.cases().stream().filter(c -> c.subject().equals("Chat " + thread)).findFirst()
                .orElseThrow();
        assertThat(kase.channel()).as("a case of the custom channel").isEqualTo("cch7");
        DeskieFake.User user = DESKIE.user(kase.userId()).orElseThrow();
        assertThat(user.customId()).as("the visitor, by the site's id").isEqualTo(visitor);
        assertThat(user.email()).as("not an e-mail user: Deskie answers in the channel").isNull();

        DeskieFake.Message reply = DESKIE.addAgentReply(kase.caseId(), 31, "Yes, two left");
        deliver(deskie[1], new DeskieWebhooks(null).forMessage(DESKIE, reply));
        Inbox.awaitAllFinished(String.valueOf(kase.caseId()), Duration.ofSeconds(60));
        assertThat(SITE.messages()).filteredOn(d -> thread.equals(d.thread())).extracting(SiteReceiver.Delivery::text)
                .containsExactly("Yes, two left");
    }

    @Test
    void keysRollOverAndARevokedKeyIsRefusedAtOnce() throws Exception {
        ApiClient api = ApiClient.newTenant(base, "sitekeys", PASSWORD).api();
        assertThat(api.put("/api/v1/catalogue/website", null).status()).isEqualTo(204);
        String[] site = connection(api, "website", json().put("webhook_url", SITE.url())
                .put("signing_secret", SIGNING_SECRET));
        URI siteApi = URI.create("http://localhost:" + base.getPort() + URI.create(site[1]).getPath());
        assertThat(new SiteRequests("sbk_" + "x".repeat(43)).list("T-1").send(siteApi).statusCode())
                .as("no key made yet").isEqualTo(401);

        ApiClient.Answer made = api.post("/api/v1/connections/" + site[0] + "/api-keys", json().put("name", "Old"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String oldKey = made.json().get("key").asText();
        String newKey = makeKey(api, site[0], "New");
        for (String key : List.of(oldKey, newKey)) {
            assertThat(new SiteRequests(key).list("T-never").send(siteApi).statusCode()).as("both live").isEqualTo(404);
        }
        ApiClient.Answer shown = api.get("/api/v1/connections/" + site[0]);
        assertThat(shown.json().at("/settings/api_keys")).hasSize(2);
        assertThat(shown.body()).doesNotContain(oldKey.substring(8)).doesNotContain(newKey.substring(8))
                .doesNotContain("sha256");

        assertThat(api.delete("/api/v1/connections/" + site[0] + "/api-keys/" + made.json().get("id").asText())
                .status()).isEqualTo(204);
        assertThat(new SiteRequests(oldKey).list("T-never").send(siteApi).statusCode()).as("revoked").isEqualTo(401);
        assertThat(new SiteRequests(newKey).list("T-never").send(siteApi).statusCode()).isEqualTo(404);
        // Saving the other settings keeps the keys.
        assertThat(api.put("/api/v1/connections/" + site[0], json().put("name", "Site")
                .set("settings", json().put("webhook_url", SITE.url()))).status()).isEqualTo(200);
        assertThat(new SiteRequests(newKey).list("T-never").send(siteApi).statusCode()).isEqualTo(404);
        assertThat(api.delete("/api/v1/connections/" + site[0] + "/api-keys/no-such-key").status()).isEqualTo(404);
    }

    /** @return a key made by the platform for the website connection (the one time it is shown) */
    private static String makeKey(ApiClient api, String connectionId, String name) {
        ApiClient.Answer made = api.post("/api/v1/connections/" + connectionId + "/api-keys",
                name == null ? null : json().put("name", name));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("key").asText();
    }

    private void deliver(String url, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
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
