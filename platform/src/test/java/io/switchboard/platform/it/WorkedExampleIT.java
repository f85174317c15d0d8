package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
 * Issue #19's acceptance test, the last half of it: the guide's worked example (docs/plugin-guide.md), generated from
 * the archetype outside the reactor and built there with only the installed SDK by the archetype module's
 * integration test, is uploaded to the running platform, found in a tenant's catalogue, used in a call-to-ticket
 * flow, upgraded while a call is in flight, and removed — no restart.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class WorkedExampleIT {

    private static final String JAR = "application/java-archive";
    private static final String API_KEY = "freshdesk-key-" + UUID.randomUUID();
    private static final SipuniEvents SIPUNI = SipuniEvents.forAccount("070196");
    private static final long START = 1774373436L;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    /** The next test class's deployment on this database must find the bundled plugins only. */
    @AfterAll
    static void deleteUploads() throws Exception {
        try (Connection db = Inbox.database(); Statement statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM plugin_upload");
            statement.executeUpdate("DELETE FROM plugin_disabled");
        }
    }

    @Test
    void theWorkedExampleIsUploadedUsedInAFlowUpgradedWithACallInFlightAndRemoved() throws Exception {
        byte[] v1 = exampleJar();
        byte[] v2 = withVersion(v1, "1.0.1");
        ApiClient operator = ApiClient.signIn(base, System.getProperty("it.admin.email"),
                System.getProperty("it.admin.password"));
        try (FreshdeskFake freshdesk = new FreshdeskFake(API_KEY)) {
            // Uploaded by the operator, found and enabled by a tenant.
            Answer uploaded = operator.upload("/api/v1/plugins", v1, JAR);
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            assertThat(uploaded.json().path("id").asText()).isEqualTo("freshdesk");
            assertThat(uploaded.json().path("state").asText()).isEqualTo("STARTED");
            ApiClient admin = ApiClient.newTenant(base, "example", "correct horse battery").api();
            assertThat(catalogue(admin)).contains("freshdesk");
            assertThat(admin.put("/api/v1/catalogue/freshdesk", null).status()).isEqualTo(204);
            assertThat(admin.put("/api/v1/catalogue/sipuni", null).status()).isEqualTo(204);

            // A Freshdesk connection, a Sipuni line and a call-to-ticket flow between them.
            Answer desk = admin.post("/api/v1/connections", json().put("connector", "freshdesk").put("name", "Desk")
                    .set("settings", json().put("base_url", freshdesk.baseUrl()).put("api_key", API_KEY)));
            assertThat(desk.status()).as(desk.body()).isEqualTo(201);
            String deskId = desk.json().path("id").asText();
            assertThat(check(admin, deskId)).isEqualTo("Authorized as Anna Agent");
            String secret = "sipuni-" + UUID.randomUUID();
            Answer pbx = admin.post("/api/v1/connections", json().put("connector", "sipuni").put("name", "PBX")
                    .set("settings", json().put("webhook_secret", secret)));
            assertThat(pbx.status()).as(pbx.body()).isEqualTo(201);
            String hook = pbx.json().path("inboundUrl").asText() + "?token=" + secret;
            ObjectNode options = json();
            options.putArray("agents").addObject().put("agent", "2").put("extension", "202");
            Answer flow = admin.post("/api/v1/flows", json().put("type", "call-to-ticket").put("name", "Calls")
                    .put("source", pbx.json().path("id").asText()).put("target", deskId).set("options", options));
            assertThat(flow.status()).as(flow.body()).isEqualTo(201);

            // A call becomes a Freshdesk contact and a ticket for the agent who answered.
            String phone = "79161234567";
            String first = "call-" + UUID.randomUUID();
            send(hook, SIPUNI.incomingAnswered(first, START, phone, "202"));
            Inbox.awaitAllFinished(first, Duration.ofSeconds(60));
            assertThat(Inbox.states(first)).as("every event of the first call").containsOnly("DONE");
            assertThat(freshdesk.contacts()).extracting(c -> c.path("phone").asText().replaceAll("\\D", ""))
                    .containsExactly(phone);
            String contact = freshdesk.contacts().get(0).path("id").asText();
            assertThat(freshdesk.tickets()).singleElement().satisfies(t -> {
                assertThat(t.path("requester_id").asText()).isEqualTo(contact);
                assertThat(t.path("responder_id").asLong()).isEqualTo(2);
                assertThat(t.path("tags").toString()).as("the flow's key, for a retry to find the ticket")
                        .contains("switchboard-sb-call-" + first);
            });
            String ticket = freshdesk.tickets().get(0).path("id").asText();
            int notesBefore = freshdesk.notes(ticket).size();

            // Upgraded while the next call's first request is held at the helpdesk: the old version finishes that
            // request, the new one serves the rest, the connection keeps working and no event is lost.
            String second = "call-" + UUID.randomUUID();
            int requestsBefore = freshdesk.server().requestCount();
            freshdesk.server().delayNext(1, Duration.ofSeconds(2));
            send(hook, SIPUNI.incomingAnswered(second, START + 600, phone, "202"));
            Inbox.await(Duration.ofSeconds(30), () -> freshdesk.server().requestCount() > requestsBefore);
            Answer upgraded = operator.upload("/api/v1/plugins", v2, JAR);
            assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(201);
            assertThat(upgraded.json().path("version").asText()).isEqualTo("1.0.1");
            assertThat(version(operator)).isEqualTo("1.0.1");
            Inbox.awaitAllFinished(second, Duration.ofSeconds(60));
            assertThat(Inbox.states(second)).as("every event of the call in flight").containsOnly("DONE");
            assertThat(freshdesk.tickets()).as("the known caller's open ticket is reused").hasSize(1);
            assertThat(freshdesk.notes(ticket).size()).as("the second call noted on it").isGreaterThan(notesBefore);
            assertThat(check(admin, deskId)).isEqualTo("Authorized as Anna Agent");

            // Removal is refused while a connection uses it; without one it goes, and leaves the catalogue.
            assertThat(operator.delete("/api/v1/plugins/freshdesk").status()).isEqualTo(409);
            assertThat(admin.delete("/api/v1/flows/" + flow.json().path("id").asText()).status()).isEqualTo(204);
            assertThat(admin.delete("/api/v1/connections/" + deskId).status()).isEqualTo(204);
            assertThat(operator.delete("/api/v1/plugins/freshdesk").status()).isEqualTo(204);
            assertThat(catalogue(admin)).doesNotContain("freshdesk");
        }
    }

    /** The jar the archetype module's integration test built from the generated project. */
    private static byte[] exampleJar() throws IOException {
        Path jar = Path.of(System.getProperty("it.example.jar"));
        assertThat(Files.isRegularFile(jar)).as("The worked example's jar %s is missing: it is built by the integration"
                + " test of sdk/switchboard-connector-archetype, which did not run (-Darchetype.test.skip, or that"
                + " module not in the build: add -am)", jar).isTrue();
        return Files.readAllBytes(jar);
    }

    /** @return the same jar with another Plugin-Version, as the author's next release would be */
    private static byte[] withVersion(byte[] jar, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private void send(String hook, List<SipuniEvents.Hook> hooks) throws Exception {
        for (SipuniEvents.Hook h : hooks) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(hook))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(h.formBody())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    private static String check(ApiClient admin, String connection) {
        return admin.post("/api/v1/connections/" + connection + "/check", null).json().path("message").asText();
    }

    private static List<String> catalogue(ApiClient admin) {
        List<String> ids = new ArrayList<>();
        admin.get("/api/v1/catalogue").json().forEach(e -> ids.add(e.path("pluginId").asText()));
        return ids;
    }

    /** @return the version of freshdesk the operator's list shows serving */
    private static String version(ApiClient operator) {
        for (JsonNode p : operator.get("/api/v1/plugins").json()) {
            if ("freshdesk".equals(p.path("id").asText()) && "STARTED".equals(p.path("state").asText())) {
                return p.path("version").asText();
            }
        }
        return null;
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
