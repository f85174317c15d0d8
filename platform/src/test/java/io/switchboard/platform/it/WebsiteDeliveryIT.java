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
    private static final String API_KEY = "site-key-" + UUID.randomUUID().toString().replace("-", "");
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
        String[] site = connection(api, "website", json().put("webhook_url", SITE.url()).put("api_keys", API_KEY)
                .put("signing_secret", SIGNING_SECRET));
        String[] deskie = connection(api, "deskie", json().put("account", DESKIE.baseUrl())
                .put("staff_email", "api@acme.test").put("api_key", DESKIE_KEY));
        ApiClient.Answer flow = api.post("/api/v1/flows", json().put("type", "conversation-to-task")
                .put("name", "Site to Deskie").put("source", site[0]).put("target", deskie[0]).set("options", json()));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        String thread = "T-" + UUID.randomUUID().toString().substring(0, 8);
        URI siteApi = URI.create("http://localhost:" + base.getPort() + URI.create(site[1]).getPath());

        HttpResponse<String> sent = new SiteRequests(API_KEY).firstMessage(thread, "m-1", "Where is my order?",
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
        String otherKey = "other-key-" + UUID.randomUUID().toString().replace("-", "");
        String[] otherSite = connection(other, "website", json().put("webhook_url", SITE.url())
                .put("api_keys", otherKey).put("signing_secret", "other-signing-" + UUID.randomUUID()));
        String[] otherDeskie = connection(other, "deskie", json().put("account", DESKIE.baseUrl())
                .put("staff_email", "api@acme.test").put("api_key", DESKIE_KEY));
        assertThat(other.post("/api/v1/flows", json().put("type", "conversation-to-task").put("name", "Other site")
                .put("source", otherSite[0]).put("target", otherDeskie[0]).set("options", json())).status())
                .isEqualTo(201);
        URI otherApi = URI.create("http://localhost:" + base.getPort() + URI.create(otherSite[1]).getPath());
        assertThat(new SiteRequests(otherKey).list(thread).send(otherApi).statusCode()).isEqualTo(404);
        assertThat(new SiteRequests(API_KEY).list(thread).send(otherApi).statusCode())
                .as("this tenant's key is unknown there").isEqualTo(401);
        assertThat(new SiteRequests(API_KEY).list(thread).send(siteApi).statusCode()).isEqualTo(200);
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
