package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.platform.plugin.TestPluginJars;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Plugins installed, upgraded, switched off and removed while the platform runs (issue #19, ADR 0011): through the
 * operator's API, seen by tenants, refused with the reason when bad, cut off when a call hangs, and converged on by a
 * second instance on the same database. Uploaded plugins are deleted from the database afterwards, so the next
 * test class's deployment finds the bundled set only.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class PluginLifecycleIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String SPI = ">=1.0.0 & <2.0.0";
    private static final String JAR = "application/java-archive";

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    /** Nothing uploaded here outlives this class: the next deployment on this database must see the bundled set. */
    @AfterAll
    static void deleteUploads() throws Exception {
        try (Connection db = Inbox.database(); Statement statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM plugin_upload");
            statement.executeUpdate("DELETE FROM plugin_disabled");
        }
    }

    private ApiClient operator() {
        return ApiClient.signIn(base, System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
    }

    @Test
    void anUploadedPluginIsServedUpgradedSwitchedOffAndRemovedWithoutARestart() throws Exception {
        ApiClient operator = operator();
        Path jars = Files.createTempDirectory(Path.of(System.getProperty("it.work.dir")), "lifecycle");
        TestPluginJars build = new TestPluginJars(jars);
        byte[] v1 = bytes(build.build("lifecycle-1.jar", jars, "lifecycle", "1.0.0", SPI, null,
                Map.of("LifecycleConnector", TestPluginJars.telephonySource("LifecycleConnector", "lifecycle-phone",
                        "TELEPHONY"))));
        byte[] v2 = bytes(build.build("lifecycle-2.jar", jars, "lifecycle", "2.0.0", SPI, null,
                Map.of("LifecycleConnector", TestPluginJars.telephonySource("LifecycleConnector", "lifecycle-phone",
                        "TELEPHONY").replace("CheckResult.ok(\"fine\")", "CheckResult.ok(\"fine, version 2\")"))));
        ApiClient.TenantAdmin tenant = ApiClient.newTenant(base, "plug", PASSWORD);

        // Only the operator adds code.
        assertThat(new ApiClient(base, null).upload("/api/v1/plugins", v1, JAR).status()).isEqualTo(401);
        assertThat(tenant.api().upload("/api/v1/plugins", v1, JAR).status()).isEqualTo(403);

        Answer created = operator.upload("/api/v1/plugins", v1, JAR);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).isEqualTo("lifecycle");
        assertThat(created.json().path("version").asText()).isEqualTo("1.0.0");
        assertThat(created.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(created.json().path("source").asText()).isEqualTo("UPLOADED");
        assertThat(created.json().path("sha256").asText()).isEqualTo(sha256(v1));
        assertThat(created.json().path("instances").get(0).path("version").asText())
                .as("this instance's heartbeat").isEqualTo("1.0.0");
        assertThat(operator.upload("/api/v1/plugins", v1, "application/octet-stream").status())
                .as("the same jar again changes nothing").isEqualTo(200);
        byte[] v1Other = bytes(build.build("lifecycle-1b.jar", jars, "lifecycle", "1.0.0", SPI, null,
                Map.of("LifecycleConnector", TestPluginJars.telephonySource("LifecycleConnector", "lifecycle-phone",
                        "TELEPHONY").replace("for tests", "other bytes, same version"))));
        Answer sameVersion = operator.upload("/api/v1/plugins", v1Other, JAR);
        assertThat(sameVersion.status()).isEqualTo(409);
        assertThat(sameVersion.json().path("message").asText()).contains("replace=true");

        // The tenant finds it in the catalogue and connects it.
        ApiClient admin = tenant.api();
        assertThat(catalogueVersion(admin, "lifecycle")).hasValue("1.0.0");
        assertThat(admin.put("/api/v1/catalogue/lifecycle", null).status()).isEqualTo(204);
        Answer connection = admin.post("/api/v1/connections", json().put("connector", "lifecycle-phone")
                .put("name", "Uploaded PBX").set("settings", json().put("token", "t-" + UUID.randomUUID())));
        assertThat(connection.status()).as(connection.body()).isEqualTo(201);
        String id = connection.json().path("id").asText();
        assertThat(admin.post("/api/v1/connections/" + id + "/check", null).json().path("message").asText())
                .isEqualTo("fine");

        // Switched off: gone from the catalogue, the connection kept; switched on: all back.
        Answer off = operator.post("/api/v1/plugins/lifecycle/disable", null);
        assertThat(off.json().path("state").asText()).as(off.body()).isEqualTo("DISABLED");
        assertThat(catalogueVersion(admin, "lifecycle")).isEmpty();
        assertThat(admin.get("/api/v1/connections/" + id).json().path("available").asBoolean()).isFalse();
        assertThat(operator.post("/api/v1/plugins/lifecycle/enable", null).json().path("state").asText())
                .isEqualTo("STARTED");
        Answer back = admin.get("/api/v1/connections/" + id);
        assertThat(back.json().path("available").asBoolean()).as(back.body()).isTrue();
        assertThat(back.json().path("secrets").path("token").asText()).as("the secret kept").isNotBlank();

        // Upgrade: the same connection now runs on version 2.
        Answer upgraded = operator.upload("/api/v1/plugins", v2, JAR);
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(201);
        assertThat(upgraded.json().path("version").asText()).isEqualTo("2.0.0");
        assertThat(catalogueVersion(admin, "lifecycle")).hasValue("2.0.0");
        assertThat(admin.post("/api/v1/connections/" + id + "/check", null).json().path("message").asText())
                .isEqualTo("fine, version 2");

        // Removing code tenants' connections use is refused; without them it goes.
        Answer inUse = operator.delete("/api/v1/plugins/lifecycle");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().path("message").asText()).contains("1 connection in 1 tenant").contains("switch it off");
        assertThat(admin.delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(operator.delete("/api/v1/plugins/lifecycle").status()).isEqualTo(204);
        assertThat(ids(operator)).doesNotContain("lifecycle");
        assertThat(catalogueVersion(admin, "lifecycle")).isEmpty();
        Answer bundled = operator.delete("/api/v1/plugins/usedesk");
        assertThat(bundled.status()).isEqualTo(409);
        assertThat(bundled.json().path("message").asText()).contains("bundled");
    }

    @Test
    void badJarsAreRefusedWithTheReasonAndNothingChanges() throws Exception {
        ApiClient operator = operator();
        Path jars = Files.createTempDirectory(Path.of(System.getProperty("it.work.dir")), "bad");
        TestPluginJars build = new TestPluginJars(jars);
        List<JsonNode> before = list(operator);
        Map<String, byte[]> bad = Map.of(
                "not a loadable plugin jar", bytes(TestPluginJars.corrupt(jars, "corrupt.jar")),
                "requires SPI version >=2.0.0", bytes(build.build("future.jar", jars, "future-up", ">=2.0.0", null,
                        Map.of("FutureUp", TestPluginJars.telephonySource("FutureUp", "future-up", "TELEPHONY")))),
                "declares no connector extensions", bytes(build.build("empty.jar", jars, "empty-up", SPI, null,
                        Map.of())),
                "no config", bytes(build.build("ctor.jar", jars, "ctor-up", SPI, null, Map.of("CtorUp",
                        TestPluginJars.telephonySource("CtorUp", "ctor-up", "TELEPHONY").replace(
                                "public CheckResult check", "public CtorUp() { throw new IllegalStateException("
                                        + "\"no config\"); }\n    public CheckResult check")))),
                "already provided by plugin 'good'", bytes(build.build("clash.jar", jars, "clash-up", SPI, null,
                        Map.of("ClashUp", TestPluginJars.telephonySource("ClashUp", "good-phone", "TELEPHONY")))));
        for (Map.Entry<String, byte[]> jar : bad.entrySet()) {
            Answer refused = operator.upload("/api/v1/plugins", jar.getValue(), JAR);
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().path("message").asText()).contains(jar.getKey()).doesNotContain("\n")
                    .doesNotContain(System.getProperty("java.io.tmpdir") + "/");
        }
        byte[] olderUsedesk = bytes(build.build("usedesk-old.jar", jars, "usedesk", "0.0.1", SPI, null,
                Map.of("OldDesk", TestPluginJars.telephonySource("OldDesk", "old-desk", "TELEPHONY"))));
        Answer older = operator.upload("/api/v1/plugins", olderUsedesk, JAR);
        assertThat(older.status()).as("an upload replaces a bundled plugin only with a higher version").isEqualTo(409);
        assertThat(list(operator)).as("nothing running changed").isEqualTo(before);
    }

    @Test
    void aPluginCallThatHangsIsCutOffTheActivityLogNamesThePluginAndRepeatedTimeOutsMarkItFailing() throws Exception {
        ApiClient operator = operator();
        Path jars = Files.createTempDirectory(Path.of(System.getProperty("it.work.dir")), "sleepy");
        // parse() sleeps 40 s and ignores interrupts; the IT configuration gives plugin 'sleepy' 2 s.
        byte[] sleepy = bytes(new TestPluginJars(jars).build("sleepy.jar", jars, "sleepy", "1.0.0", SPI, null,
                Map.of("SleepyConnector", TestPluginJars.sleepySource("SleepyConnector", "sleepy-phone", 40))));
        assertThat(operator.upload("/api/v1/plugins", sleepy, JAR).status()).isEqualTo(201);
        ApiClient admin = ApiClient.newTenant(base, "sleepy", PASSWORD).api();
        assertThat(admin.put("/api/v1/catalogue/sleepy", null).status()).isEqualTo(204);
        Answer connection = admin.post("/api/v1/connections", json().put("connector", "sleepy-phone")
                .put("name", "Sleepy PBX").set("settings", json().put("token", "t")));
        assertThat(connection.status()).as(connection.body()).isEqualTo(201);
        String id = connection.json().path("id").asText();
        String hook = connection.json().path("inboundUrl").asText();
        try {
            long sent = System.nanoTime();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(hook))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("call=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(200);

            // The worker is given back well before the plugin's 40 s: the event is rescheduled with the reason.
            JsonNode[] entry = new JsonNode[1];
            Inbox.await(Duration.ofSeconds(20), () -> {
                for (JsonNode e : admin.get("/api/v1/activity?connection=" + id).json()) {
                    if (e.path("error").asText().contains("did not answer")) {
                        entry[0] = e;
                        return true;
                    }
                }
                return false;
            });
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(20));
            assertThat(entry[0].path("error").asText())
                    .isEqualTo("Plugin 'sleepy' did not answer within 2 s; the call was cut off");
            assertThat(entry[0].path("state").asText()).isIn("RETRYING", "PROCESSING");

            // Time-outs in a row mark it failing on the operator's page; the other plugins are untouched.
            Inbox.await(Duration.ofSeconds(90), () -> "FAILING".equals(plugin(operator, "sleepy").path("state").asText()));
            assertThat(plugin(operator, "sleepy").path("reason").asText()).contains("did not answer within 2 s");
            assertThat(plugin(operator, "usedesk").path("state").asText()).isEqualTo("STARTED");
        } finally {
            operator.post("/api/v1/plugins/sleepy/disable", null);
            admin.delete("/api/v1/connections/" + id);
            operator.delete("/api/v1/plugins/sleepy");
        }
    }

    @Test
    void aSecondInstanceOnTheSameDatabaseServesAnUploadWithinSecondsAndReportsItsVersion() throws Exception {
        ApiClient operator = operator();
        Path jars = Files.createTempDirectory(Path.of(System.getProperty("it.work.dir")), "twin");
        TestPluginJars build = new TestPluginJars(jars);
        byte[] v1 = bytes(build.build("twin-1.jar", jars, "twin", "1.0.0", SPI, null,
                Map.of("TwinConnector", TestPluginJars.telephonySource("TwinConnector", "twin-phone", "TELEPHONY"))));
        byte[] v2 = bytes(build.build("twin-2.jar", jars, "twin", "1.1.0", SPI, null,
                Map.of("TwinConnector", TestPluginJars.telephonySource("TwinConnector", "twin-phone", "TELEPHONY"))));
        Path log = Path.of(System.getProperty("it.work.dir"), "plugins-second-instance.log");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", System.getProperty("payara.microJar"), "--deploy", System.getProperty("it.war"),
                "--contextroot", "/", "--port", String.valueOf(port), "--nohazelcast")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SWITCHBOARD_DB_URL", System.getProperty("it.db.url"));
        builder.environment().put("SWITCHBOARD_DB_USER", System.getProperty("it.db.user"));
        builder.environment().put("SWITCHBOARD_DB_PASSWORD", System.getProperty("it.db.password"));
        builder.environment().put("SWITCHBOARD_PLUGINS_DIR", System.getProperty("it.plugins.dir"));
        builder.environment().put("SWITCHBOARD_SECRETS_KEYS", System.getProperty("it.secrets.keys"));
        builder.environment().put("SWITCHBOARD_PIPELINE_ENABLED", "false"); // only plugins are under test here
        Process second = builder.start();
        try {
            URL secondBase = URI.create("http://127.0.0.1:" + port + "/").toURL();
            Inbox.await(Duration.ofMinutes(3), () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(secondBase + "health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            ApiClient secondOperator = ApiClient.signIn(secondBase, System.getProperty("it.admin.email"),
                    System.getProperty("it.admin.password"));
            assertThat(ids(secondOperator)).doesNotContain("twin");

            // Uploaded on this instance, served by the other within seconds.
            assertThat(operator.upload("/api/v1/plugins", v1, JAR).status()).isEqualTo(201);
            long uploaded = System.nanoTime();
            Inbox.await(Duration.ofSeconds(10), () -> "1.0.0".equals(version(secondOperator, "twin")));
            Duration converged = Duration.ofNanos(System.nanoTime() - uploaded);
            System.out.println("PluginLifecycleIT: the second instance served the upload after " + converged.toMillis()
                    + " ms");
            // Each instance reports what it runs; both heartbeats show in either instance's answer.
            Inbox.await(Duration.ofSeconds(15), () -> running(operator, "twin").size() == 2);
            assertThat(running(operator, "twin")).extracting(i -> i.path("version").asText()).containsOnly("1.0.0");
            assertThat(running(operator, "twin")).extracting(i -> i.path("instanceId").asText()).doesNotHaveDuplicates();

            // Upgraded on the other instance, served here; switched off there, off here too.
            assertThat(secondOperator.upload("/api/v1/plugins", v2, JAR).status()).isEqualTo(201);
            Inbox.await(Duration.ofSeconds(10), () -> "1.1.0".equals(version(operator, "twin")));
            Inbox.await(Duration.ofSeconds(15), () -> running(operator, "twin").stream()
                    .allMatch(i -> i.path("version").asText().equals("1.1.0")) && running(operator, "twin").size() == 2);
            assertThat(secondOperator.post("/api/v1/plugins/twin/disable", null).status()).isEqualTo(200);
            Inbox.await(Duration.ofSeconds(10), () -> "DISABLED".equals(plugin(operator, "twin").path("state").asText()));
            assertThat(operator.delete("/api/v1/plugins/twin").status()).isEqualTo(204);
            Inbox.await(Duration.ofSeconds(10), () -> !ids(secondOperator).contains("twin"));
        } finally {
            second.destroy();
            second.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    private static List<JsonNode> list(ApiClient operator) {
        Answer answer = operator.get("/api/v1/plugins");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> plugins = new ArrayList<>();
        answer.json().forEach(p -> {
            ObjectNode copy = ((ObjectNode) p).deepCopy();
            copy.remove("instances"); // heartbeats move on by themselves
            plugins.add(copy);
        });
        return plugins;
    }

    private static List<String> ids(ApiClient operator) {
        return list(operator).stream().map(p -> p.path("id").asText()).toList();
    }

    /** @return the plugin's entry that serves (an uploaded one rather than the bundled one it replaces) */
    private static JsonNode plugin(ApiClient operator, String id) {
        JsonNode found = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        for (JsonNode p : operator.get("/api/v1/plugins").json()) {
            if (id.equals(p.path("id").asText()) && !"REPLACED".equals(p.path("state").asText())) {
                found = p;
            }
        }
        return found;
    }

    private static String version(ApiClient operator, String id) {
        JsonNode p = plugin(operator, id);
        return "STARTED".equals(p.path("state").asText()) ? p.path("version").asText() : null;
    }

    private static List<JsonNode> running(ApiClient operator, String id) {
        List<JsonNode> instances = new ArrayList<>();
        plugin(operator, id).path("instances").forEach(i -> {
            if (i.path("live").asBoolean()) {
                instances.add(i);
            }
        });
        return instances;
    }

    private static Optional<String> catalogueVersion(ApiClient admin, String pluginId) {
        for (JsonNode entry : admin.get("/api/v1/catalogue").json()) {
            if (pluginId.equals(entry.path("pluginId").asText())) {
                return Optional.of(entry.path("version").asText());
            }
        }
        return Optional.empty();
    }

    private static byte[] bytes(Path jar) throws java.io.IOException {
        return Files.readAllBytes(jar);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
