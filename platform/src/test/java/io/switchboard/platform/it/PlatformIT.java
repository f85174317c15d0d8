package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR on a real Payara Micro against a real MariaDB, with real plugin jars in the plugins directory: one
 * deployment shared by every test of the foundation.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class PlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        // Deployed as ROOT, at "/", exactly as the launcher runs it.
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war")))
                .as(WebArchive.class);
    }

    @Test
    void healthIsUpWithDatabaseAndPluginChecks() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        Map<String, JsonNode> checks = new HashMap<>();
        health.path("checks").forEach(c -> checks.put(c.path("name").asText(), c));
        assertThat(checks).containsKeys("database", "plugins");
        assertThat(checks.get("database").path("status").asText()).isEqualTo("UP");
        assertThat(checks.get("plugins").path("data").path("started").asInt()).isEqualTo(11); // usedesk, sipuni, zendesk, ringostat, dashly, chatra, website, planfix, deskie, field-showcase, good
    }

    @Test
    void healthTellsAnonymousCallersNoPathsOrVersions() throws Exception {
        String body = get("/health").body();
        assertThat(body).doesNotContain(System.getProperty("it.plugins.dir")).doesNotContain("MariaDB")
                .doesNotContain("directory").doesNotContainPattern("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void pluginsApiReportsEveryJarWithStateAndReason() throws Exception {
        assertThat(get("/api/v1/plugins").statusCode()).as("operators only").isEqualTo(401);
        ApiClient.Answer response = ApiClient.signIn(base, System.getProperty("it.admin.email"),
                System.getProperty("it.admin.password")).get("/api/v1/plugins");
        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> byFile = new HashMap<>();
        response.json().forEach(p -> byFile.put(p.path("jarFile").asText(), p));

        JsonNode usedesk = byFile.values().stream().filter(p -> "usedesk".equals(p.path("id").asText()))
                .findFirst().orElseThrow();
        assertThat(usedesk.path("state").asText()).isEqualTo("STARTED");
        assertThat(usedesk.path("kinds").get(0).asText()).isEqualTo("HELPDESK");
        assertThat(usedesk.path("connectors").get(0).path("displayName").asText()).isEqualTo("Usedesk");

        JsonNode sipuni = byFile.values().stream().filter(p -> "sipuni".equals(p.path("id").asText()))
                .findFirst().orElseThrow();
        assertThat(sipuni.path("state").asText()).isEqualTo("STARTED");
        assertThat(sipuni.path("kinds").get(0).asText()).isEqualTo("TELEPHONY");

        // The issue #7 pair, loaded from their real jars like the others.
        for (String[] plugin : new String[][] {{"zendesk", "HELPDESK"}, {"ringostat", "TELEPHONY"}}) {
            JsonNode loaded = byFile.values().stream().filter(p -> plugin[0].equals(p.path("id").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(plugin[0] + " not listed"));
            assertThat(loaded.path("state").asText()).as(plugin[0]).isEqualTo("STARTED");
            assertThat(loaded.path("kinds").get(0).asText()).as(plugin[0]).isEqualTo(plugin[1]);
        }

        assertThat(byFile.get("good-1.0.0.jar").path("state").asText()).isEqualTo("STARTED");
        assertThat(byFile.get("good-1.0.0.jar").path("firstSeenAt").asText()).isNotBlank();
        assertThat(byFile.get("throwing-1.0.0.jar").path("state").asText()).isEqualTo("FAILED");
        assertThat(byFile.get("throwing-1.0.0.jar").path("reason").asText()).contains("boom on start");
        assertThat(byFile.get("incompatible-1.0.0.jar").path("state").asText()).isEqualTo("INCOMPATIBLE");
        assertThat(byFile.get("incompatible-1.0.0.jar").path("reason").asText()).contains(">=2.0.0");
        assertThat(byFile.get("corrupt.jar").path("state").asText()).isEqualTo("FAILED");
        assertThat(byFile.get("corrupt.jar").has("id")).as("a jar without readable manifest has no id").isFalse();
        assertThat(byFile.get("corrupt.jar").path("reason").asText()).startsWith("not a loadable plugin jar");
    }

    @Test
    void loadOutcomesArePersistedWithTheJarChecksum() throws Exception {
        Path goodJar = Path.of(System.getProperty("it.plugins.dir"), "good-1.0.0.jar");
        String expectedSha = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(goodJar)));
        Map<String, String[]> rows = new HashMap<>();
        try (Connection db = DriverManager.getConnection(System.getProperty("it.db.url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT plugin_id, sha256, state, failure_reason FROM installed_plugin")) {
            while (rs.next()) {
                rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        assertThat(rows.get("good")).containsExactly(expectedSha, "STARTED", null);
        assertThat(rows.get("throwing")[1]).isEqualTo("FAILED");
        assertThat(rows.get("throwing")[2]).contains("boom on start");
        assertThat(rows.get("incompatible")[1]).isEqualTo("INCOMPATIBLE");
        assertThat(rows).containsKey("usedesk");
    }

    @Test
    void schemaIsVersionedByFlyway() throws Exception {
        try (Connection db = DriverManager.getConnection(System.getProperty("it.db.url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version = '1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("success")).isTrue();
        }
    }

    @Test
    void unknownApiPathIsAJson404WithoutStackTrace() throws Exception {
        ApiClient.Answer response = ApiClient.signIn(base, System.getProperty("it.admin.email"),
                System.getProperty("it.admin.password")).get("/api/v1/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
        assertThat(response.json().path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void rootLeadsToTheSignInPageWhichLinksTheApiDescription() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login.xhtml"));
        HttpResponse<String> login = get("/login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Sign in").contains("/openapi").contains("jakarta.faces.ViewState");
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = base.toURI().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
