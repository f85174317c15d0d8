package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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
 * Tenants, users, the catalogue and connections through the REST API, on the real platform: authentication,
 * roles, validation with field messages, secrets never shown or stored in clear, and tenant isolation (another
 * tenant's things are 404, never 403).
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class TenantAdminIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String SECRET = "usedesk-token-" + UUID.randomUUID();
    private static final UsedeskFake USEDESK = new UsedeskFake(SECRET);
    private static World world;

    @ArquillianResource
    private URL base;

    /** Two tenants, each with an admin, set up once through the API. */
    record World(ApiClient operator, String slugA, ApiClient adminA, String slugB, ApiClient adminB) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFake() {
        USEDESK.close();
    }

    private World world() {
        if (world == null) {
            ApiClient operator = ApiClient.signIn(base, System.getProperty("it.admin.email"),
                    System.getProperty("it.admin.password"));
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String a = "alpha-" + suffix;
            String b = "beta-" + suffix;
            for (String slug : List.of(a, b)) {
                Answer created = operator.post("/api/v1/tenants", JSON().put("slug", slug).put("name", "Tenant " + slug)
                        .put("adminEmail", "admin@" + slug + ".test").put("adminPassword", PASSWORD));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
            }
            world = new World(operator, a, ApiClient.signIn(base, "admin@" + a + ".test", PASSWORD),
                    b, ApiClient.signIn(base, "admin@" + b + ".test", PASSWORD));
        }
        return world;
    }

    @Test
    void apiRefusesCallsWithoutOrWithWrongTokenAsJson() {
        ApiClient anonymous = new ApiClient(base, null);
        Answer none = anonymous.get("/api/v1/connections");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("message").asText()).contains("Bearer");

        Answer wrong = new ApiClient(base, "sb_not-a-real-token").get("/api/v1/connections");
        assertThat(wrong.status()).isEqualTo(401);

        Answer badPassword = anonymous.post("/api/v1/tokens",
                JSON().put("email", System.getProperty("it.admin.email")).put("password", "wrong password!"));
        assertThat(badPassword.status()).isEqualTo(401);
        assertThat(badPassword.json().path("message").asText()).contains("Wrong e-mail or password");
    }

    @Test
    void operatorCreatesTenantsAndBadInputNamesTheField() {
        World w = world();
        Answer list = w.operator().get("/api/v1/tenants");
        assertThat(list.status()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        list.json().forEach(t -> slugs.add(t.path("slug").asText()));
        assertThat(slugs).contains(w.slugA(), w.slugB());

        Answer bad = w.operator().post("/api/v1/tenants", JSON().put("slug", "Not A Slug!").put("name", "x")
                .put("adminEmail", "x@x.test").put("adminPassword", PASSWORD));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("slug");

        Answer weak = w.operator().post("/api/v1/tenants", JSON().put("slug", "gamma-" + UUID.randomUUID()
                .toString().substring(0, 6)).put("name", "Gamma").put("adminEmail", "g@g.test").put("adminPassword", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("field").asText()).isEqualTo("adminPassword");
        assertThat(w.operator().get("/api/v1/tenants").body()).as("nothing half-written").doesNotContain("Gamma");

        assertThat(w.adminA().get("/api/v1/tenants").status()).as("tenant admins do not manage tenants").isEqualTo(403);
        assertThat(w.adminA().get("/api/v1/plugins").status()).isEqualTo(403);
    }

    @Test
    void invalidSettingsAreRefusedWithAMessagePerField() {
        World w = world();
        enableUsedesk(w.adminA());
        Answer refused = w.adminA().post("/api/v1/connections", JSON().put("connector", "usedesk").put("name", "Bad one")
                .set("settings", JSON().put("region", "mars").put("channel_id", "-3").put("unknown_key", "x")));
        assertThat(refused.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.json().path("problems").forEach(p -> fields.add(p.path("field").asText()));
        assertThat(fields).contains("api_token", "region", "channel_id", "unknown_key");
        assertThat(refused.json().path("message").asText()).isNotBlank();
        assertThat(w.adminA().get("/api/v1/connections").body()).doesNotContain("Bad one");
    }

    @Test
    void connectionsCannotReachTheOperatorsNetwork() throws Exception {
        // The IT platform allows one internal name, "localhost", where the vendor fakes are (switchboard.http
        // .allowed-internal-hosts); the same fake by its address, the platform's own port and a redirect are refused.
        World w = world();
        String id = createUsedeskConnection(w.adminA(), "Internal " + UUID.randomUUID());
        int fakePort = URI.create(USEDESK.baseUrl()).getPort();
        com.sun.net.httpserver.HttpServer redirector = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        redirector.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + fakePort + exchange.getRequestURI());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.start();
        try {
            for (String target : List.of("http://127.0.0.1:" + base.getPort() + "/", "http://127.0.0.1:" + fakePort + "/",
                    "http://[::1]:" + fakePort + "/", "http://localhost:" + redirector.getAddress().getPort() + "/")) {
                Answer moved = w.adminA().put("/api/v1/connections/" + id, JSON().put("name", "Internal")
                        .set("settings", JSON().put("api_token", SECRET).put("region", "custom").put("base_url", target)));
                assertThat(moved.status()).as(moved.body()).isEqualTo(200);
                int before = USEDESK.requests().size();
                Answer check = w.adminA().post("/api/v1/connections/" + id + "/check", null);
                assertThat(check.status()).isEqualTo(200);
                assertThat(check.json().path("ok").asBoolean()).as(target + ": " + check.body()).isFalse();
                assertThat(USEDESK.requests()).as(target + " never reached the fake").hasSize(before);
                if (!target.startsWith("http://localhost")) {
                    assertThat(check.json().path("message").asText()).as(target).contains("internal network");
                }
            }
        } finally {
            redirector.stop(0);
        }
        Answer back = w.adminA().put("/api/v1/connections/" + id, JSON().put("name", "Internal")
                .set("settings", JSON().put("api_token", SECRET).put("region", "custom").put("base_url", USEDESK.baseUrl())));
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        Answer check = w.adminA().post("/api/v1/connections/" + id + "/check", null);
        assertThat(check.json().path("ok").asBoolean()).as("the allowed name still works: " + check.body()).isTrue();
    }

    @Test
    void aStoredSecretIsNeverSentToANewAddressWithoutBeingEnteredAgain() {
        World w = world();
        String id = createUsedeskConnection(w.adminA(), "Mover " + UUID.randomUUID());
        Answer moved = w.adminA().put("/api/v1/connections/" + id, JSON().put("name", "Mover")
                .set("settings", JSON().put("region", "custom").put("base_url", "https://collector.example/")));
        assertThat(moved.status()).as(moved.body()).isEqualTo(400);
        assertThat(moved.json().path("field").asText()).isEqualTo("api_token");
        assertThat(moved.json().path("message").asText()).contains("address changed");
        assertThat(w.adminA().get("/api/v1/connections/" + id).json().path("settings").path("base_url").asText())
                .as("nothing changed").isEqualTo(USEDESK.baseUrl());
        Answer region = w.adminA().put("/api/v1/connections/" + id, JSON().put("name", "Mover")
                .set("settings", JSON().put("region", "ru")));
        assertThat(region.status()).as("the region picks the host too: " + region.body()).isEqualTo(400);

        Answer same = w.adminA().put("/api/v1/connections/" + id, JSON().put("name", "Mover renamed")
                .set("settings", JSON().put("region", "custom").put("base_url", USEDESK.baseUrl())));
        assertThat(same.status()).as("same address: the stored secret is kept " + same.body()).isEqualTo(200);
        Answer retyped = w.adminA().put("/api/v1/connections/" + id, JSON().put("name", "Mover")
                .set("settings", JSON().put("api_token", "a-new-token").put("region", "custom")
                        .put("base_url", "https://collector.example/")));
        assertThat(retyped.status()).as("moving with the secret entered again: " + retyped.body()).isEqualTo(200);
    }

    @Test
    void theReadOnlyOperatorRoleCannotMakeThePlatformCallAVendor() {
        World w = world();
        String id = createUsedeskConnection(w.adminA(), "Checked " + UUID.randomUUID());
        String email = "reader-" + UUID.randomUUID().toString().substring(0, 6) + "@" + w.slugA() + ".test";
        assertThat(w.adminA().post("/api/v1/users", JSON().put("email", email).put("password", PASSWORD)
                .put("role", "OPERATOR")).status()).isEqualTo(201);
        ApiClient reader = ApiClient.signIn(base, email, PASSWORD);
        int before = USEDESK.requests().size();
        Answer check = reader.post("/api/v1/connections/" + id + "/check", null);
        assertThat(check.status()).as(check.body()).isEqualTo(403);
        assertThat(USEDESK.requests()).hasSize(before);
        assertThat(reader.get("/api/v1/connections/" + id).status()).as("reading stays allowed").isEqualTo(200);
    }

    @Test
    void everyoneChangesTheirOwnPasswordProvingTheCurrentOne() {
        World w = world();
        String email = "changer-" + UUID.randomUUID().toString().substring(0, 6) + "@" + w.slugA() + ".test";
        assertThat(w.adminA().post("/api/v1/users", JSON().put("email", email).put("password", PASSWORD)
                .put("role", "OPERATOR")).status()).isEqualTo(201);
        ApiClient user = ApiClient.signIn(base, email, PASSWORD);
        Answer wrong = user.put("/api/v1/account/password", JSON().put("currentPassword", "not it at all")
                .put("newPassword", "a brand new passphrase"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("field").asText()).isEqualTo("currentPassword");
        Answer weak = user.put("/api/v1/account/password", JSON().put("currentPassword", PASSWORD).put("newPassword", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("field").asText()).isEqualTo("newPassword");
        Answer changed = user.put("/api/v1/account/password", JSON().put("currentPassword", PASSWORD)
                .put("newPassword", "a brand new passphrase"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        Answer old = new ApiClient(base, null).post("/api/v1/tokens", JSON().put("email", email).put("password", PASSWORD));
        assertThat(old.status()).as("the old password is gone").isEqualTo(401);
        assertThat(ApiClient.signIn(base, email, "a brand new passphrase").get("/api/v1/connections").status())
                .isEqualTo(200);
    }

    @Test
    void aOneTimePasswordOnlyOpensThePasswordChange() throws Exception {
        // The first operator's generated password is marked so; a tenant user marked the same way stands in for it.
        World w = world();
        String email = "onetime-" + UUID.randomUUID().toString().substring(0, 6) + "@" + w.slugA() + ".test";
        assertThat(w.adminA().post("/api/v1/users", JSON().put("email", email).put("password", PASSWORD)
                .put("role", "TENANT_ADMIN")).status()).isEqualTo(201);
        try (Connection db = database();
             PreparedStatement mark = db.prepareStatement("UPDATE app_user SET must_change_password = TRUE WHERE email = ?")) {
            mark.setString(1, email);
            assertThat(mark.executeUpdate()).isEqualTo(1);
        }
        Answer token = new ApiClient(base, null).post("/api/v1/tokens", JSON().put("email", email).put("password", PASSWORD));
        assertThat(token.status()).as(token.body()).isEqualTo(403);
        assertThat(token.json().path("message").asText()).contains("one-time password");

        RawHttp browser = new RawHttp(base).signIn(email, PASSWORD);
        assertThat(browser.get("/admin/connections.xhtml").redirectsTo("/account/password.xhtml")).isTrue();
        RawHttp.Answer page = browser.get("/account/password.xhtml");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("one-time password");
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("password", "password");
        form.put("password:currentPassword", PASSWORD);
        form.put("password:newPassword", "my own passphrase now");
        form.put("password:repeated", "my own passphrase now");
        form.put("password:change", "Change password");
        form.put("jakarta.faces.ViewState", page.viewState().orElseThrow());
        RawHttp.Answer changed = browser.post("/account/password.xhtml", form);
        assertThat(changed.redirectsTo("/admin/connections.xhtml")).as(changed.toString()).isTrue();
        assertThat(browser.get("/admin/connections.xhtml").status()).isEqualTo(200);
        assertThat(ApiClient.signIn(base, email, "my own passphrase now").get("/api/v1/connections").status())
                .isEqualTo(200);
    }

    @Test
    void secretIsNeverShownBackNorStoredInClearText() throws Exception {
        World w = world();
        String id = createUsedeskConnection(w.adminA(), "Secret keeper");

        Answer read = w.adminA().get("/api/v1/connections/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(SECRET);
        assertThat(read.json().path("secrets").path("api_token").asText()).isEqualTo("set");
        assertThat(w.adminA().get("/api/v1/connections").body()).doesNotContain(SECRET);

        // Saving again without the secret keeps it; the check still authenticates with it.
        Answer renamed = w.adminA().put("/api/v1/connections/" + id, JSON().put("name", "Secret keeper 2")
                .set("settings", JSON().put("region", "custom").put("base_url", USEDESK.baseUrl())));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.body()).doesNotContain(SECRET);
        Answer check = w.adminA().post("/api/v1/connections/" + id + "/check", null);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("ok").asBoolean()).as(check.body()).isTrue();

        try (Connection db = database();
             PreparedStatement select = db.prepareStatement(
                     "SELECT config_json, secrets_cipher, secrets_key_id FROM connection WHERE public_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("config_json")).doesNotContain(SECRET).contains(USEDESK.baseUrl());
                assertThat(new String(row.getBytes("secrets_cipher"), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
                assertThat(row.getString("secrets_key_id")).isEqualTo("it");
            }
        }
    }

    @Test
    void checkReportsARefusedTokenInPlainWords() {
        World w = world();
        enableUsedesk(w.adminA());
        Answer created = w.adminA().post("/api/v1/connections", JSON().put("connector", "usedesk").put("name", "Wrong token")
                .set("settings", JSON().put("api_token", "not-the-token").put("region", "custom")
                        .put("base_url", USEDESK.baseUrl())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Answer check = w.adminA().post("/api/v1/connections/" + created.json().path("id").asText() + "/check", null);
        assertThat(check.json().path("ok").asBoolean()).isFalse();
        assertThat(check.json().path("message").asText()).isNotBlank().doesNotContain("not-the-token");
    }

    @Test
    void anotherTenantsConnectionIsNotFoundForEveryOperation() {
        World w = world();
        String id = createUsedeskConnection(w.adminA(), "Alpha only");
        ApiClient intruder = w.adminB();

        assertThat(intruder.get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(intruder.put("/api/v1/connections/" + id, JSON().put("name", "stolen")).status()).isEqualTo(404);
        assertThat(intruder.post("/api/v1/connections/" + id + "/check", null).status()).isEqualTo(404);
        assertThat(intruder.delete("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(intruder.get("/api/v1/connections").body()).doesNotContain(id).doesNotContain("Alpha only");

        Answer stillThere = w.adminA().get("/api/v1/connections/" + id);
        assertThat(stillThere.status()).isEqualTo(200);
        assertThat(stillThere.json().path("name").asText()).isEqualTo("Alpha only");
    }

    @Test
    void anotherTenantsUsersAreInvisibleAndUntouchable() {
        World w = world();
        JsonNode usersOfA = w.adminA().get("/api/v1/users").json();
        long adminAId = usersOfA.get(0).path("id").asLong();
        assertThat(w.adminB().get("/api/v1/users").body()).doesNotContain("admin@" + w.slugA());
        assertThat(w.adminB().delete("/api/v1/users/" + adminAId).status()).isEqualTo(404);
        assertThat(w.adminA().get("/api/v1/users").body()).contains("admin@" + w.slugA());
    }

    @Test
    void tenantAdminManagesUsersAndAnOperatorMayOnlyLook() {
        World w = world();
        String email = "op-" + UUID.randomUUID().toString().substring(0, 6) + "@" + w.slugA() + ".test";
        Answer created = w.adminA().post("/api/v1/users", JSON().put("email", email).put("password", PASSWORD)
                .put("role", "OPERATOR"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("hash");

        Answer duplicate = w.adminA().post("/api/v1/users", JSON().put("email", email).put("password", PASSWORD)
                .put("role", "OPERATOR"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().path("field").asText()).isEqualTo("email");

        ApiClient operator = ApiClient.signIn(base, email, PASSWORD);
        assertThat(operator.get("/api/v1/connections").status()).isEqualTo(200);
        assertThat(operator.post("/api/v1/connections", JSON().put("connector", "usedesk").put("name", "x")).status())
                .isEqualTo(403);
    }

    @Test
    void disabledTenantCanNoLongerUseTheApi() {
        World w = world();
        String slug = "delta-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(w.operator().post("/api/v1/tenants", JSON().put("slug", slug).put("name", "Delta")
                .put("adminEmail", "admin@" + slug + ".test").put("adminPassword", PASSWORD)).status()).isEqualTo(201);
        ApiClient admin = ApiClient.signIn(base, "admin@" + slug + ".test", PASSWORD);
        assertThat(admin.get("/api/v1/connections").status()).isEqualTo(200);

        assertThat(w.operator().post("/api/v1/tenants/" + slug + "/disable", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/connections").status()).isEqualTo(401);
        assertThat(w.operator().post("/api/v1/tenants/" + slug + "/enable", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/connections").status()).isEqualTo(200);
    }

    @Test
    void schemaOfAConnectorIsServedAndOpenApiDescribesTheApi() {
        World w = world();
        Answer schema = w.adminA().get("/api/v1/connectors/usedesk/schema");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.json().path("fields").get(0).path("key").asText()).isEqualTo("api_token");
        assertThat(schema.json().path("fields").get(0).path("type").asText()).isEqualTo("SECRET");

        Answer openapi = new ApiClient(base, null).get("/openapi");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/connections").contains("/api/v1/tenants");
    }

    private static void enableUsedesk(ApiClient admin) {
        Answer enabled = admin.put("/api/v1/catalogue/usedesk", null);
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(204);
    }

    private static String createUsedeskConnection(ApiClient admin, String name) {
        enableUsedesk(admin);
        Answer created = admin.post("/api/v1/connections", JSON().put("connector", "usedesk").put("name", name)
                .set("settings", JSON().put("api_token", SECRET).put("region", "custom")
                        .put("base_url", USEDESK.baseUrl())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("inboundUrl").asText()).contains("/hooks/");
        return created.json().path("id").asText();
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
    }

    private static ObjectNode JSON() {
        return ApiClient.JSON.createObjectNode();
    }
}
