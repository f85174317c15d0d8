package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.platform.it.browser.AdminUi;
import io.switchboard.platform.it.browser.Browser;
import io.switchboard.plugins.fieldshowcase.fake.ShowcaseFake;
import java.io.File;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin UI in headless Chromium against the real platform: sign-in, the operator's pages, and a tenant admin
 * configuring a connection of the field-showcase plugin (a schema with every field type, rendered with no page of
 * its own), validation messages, "check connection" against a vendor fake, and the secret never shown back.
 * Screenshots of the main pages go to {@code docs/screenshots/}.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class AdminUiIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String SHOWCASE_TOKEN = "showcase-secret-" + UUID.randomUUID();
    private static final ShowcaseFake SHOWCASE = new ShowcaseFake("acme-desk", SHOWCASE_TOKEN);
    private static ApiClient operatorApi;

    @ArquillianResource
    private URL base;
    private Browser browser;
    private AdminUi ui;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @BeforeEach
    void openBrowser() throws java.net.URISyntaxException {
        browser = new Browser();
        ui = new AdminUi(browser, base.toURI());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @AfterAll
    static void stopFake() {
        SHOWCASE.close();
    }

    @Test
    void operatorCreatesADisablesTenantAndSeesEveryPluginJarWithItsFate() {
        ui.signIn(System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/operator/tenants.xhtml");

        String slug = "ui-op-" + UUID.randomUUID().toString().substring(0, 6);
        ui.type(By.id("newTenant:slug"), "Bad Slug!");
        ui.type(By.id("newTenant:name"), "Acme <script>alert(1)</script> Support");
        ui.type(By.id("newTenant:adminEmail"), "admin@" + slug + ".test");
        ui.type(By.id("newTenant:adminPassword"), PASSWORD);
        ui.submit(By.id("newTenant:create"));
        assertThat(ui.text(By.id("newTenant"))).contains("Use 3–64 lower-case letters");

        ui.type(By.id("newTenant:slug"), slug);
        ui.type(By.id("newTenant:adminPassword"), PASSWORD);
        ui.submit(By.id("newTenant:create"));
        assertThat(ui.text(By.id("messages"))).contains("Tenant " + slug + " created");
        WebElement row = browser.driver().findElement(By.cssSelector("tr[data-tenant='" + slug + "']"));
        assertThat(row.getText()).contains("Acme <script>alert(1)</script> Support").contains("ACTIVE");
        browser.screenshot("operator-tenants");

        ui.submit(By.cssSelector("tr[data-tenant='" + slug + "'] [data-action='disable']"));
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-tenant='" + slug + "']")).getText())
                .contains("DISABLED");

        ui.open("/operator/plugins.xhtml");
        assertThat(ui.text(By.cssSelector("tr[data-plugin='usedesk']"))).contains("STARTED").contains("HELPDESK");
        assertThat(ui.text(By.cssSelector("tr[data-plugin='field-showcase']"))).contains("STARTED");
        assertThat(ui.text(By.tagName("table"))).contains("corrupt.jar").contains("not a loadable plugin jar")
                .contains("INCOMPATIBLE");
        browser.screenshot("operator-plugins");
    }

    @Test
    void operatorUploadsAPluginSwitchesItOffAndOnAndRemovesItWithoutARestart() throws Exception {
        java.nio.file.Path jars = java.nio.file.Files.createTempDirectory(
                java.nio.file.Path.of(System.getProperty("it.work.dir")), "ui-upload");
        io.switchboard.platform.plugin.TestPluginJars build = new io.switchboard.platform.plugin.TestPluginJars(jars);
        java.nio.file.Path good = build.build("ui-upload-1.3.0.jar", jars, "ui-upload", "1.3.0", ">=1.0.0 & <2.0.0",
                null, java.util.Map.of("UiUploadConnector", io.switchboard.platform.plugin.TestPluginJars
                        .telephonySource("UiUploadConnector", "ui-upload-phone", "TELEPHONY")));
        java.nio.file.Path future = build.build("ui-future.jar", jars, "ui-future", "1.0.0", ">=2.0.0", null,
                java.util.Map.of("UiFutureConnector", io.switchboard.platform.plugin.TestPluginJars
                        .telephonySource("UiFutureConnector", "ui-future-phone", "TELEPHONY")));
        try {
            ui.signIn(System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
            ui.open("/operator/plugins.xhtml");
            browser.driver().findElement(By.id("upload:jar")).sendKeys(future.toString());
            ui.submit(By.id("upload:send"));
            assertThat(ui.text(By.id("messages"))).contains("The jar was refused").contains(">=2.0.0");
            assertThat(browser.driver().findElements(By.cssSelector("tr[data-plugin='ui-future']"))).isEmpty();

            browser.driver().findElement(By.id("upload:jar")).sendKeys(good.toString());
            ui.submit(By.id("upload:send"));
            assertThat(ui.text(By.id("messages"))).contains("Plugin ui-upload 1.3.0 installed");
            By row = By.cssSelector("tr[data-plugin='ui-upload'][data-source='UPLOADED']");
            assertThat(ui.text(row)).contains("1.3.0").contains("uploaded").contains("STARTED").contains("TELEPHONY")
                    .contains("instance-");
            browser.screenshot("operator-plugins-upload");

            ui.submit(By.cssSelector("tr[data-plugin='ui-upload'] [data-action='disable']"));
            assertThat(ui.text(row)).contains("DISABLED").contains("switched off by the platform operator");
            ui.submit(By.cssSelector("tr[data-plugin='ui-upload'] [data-action='enable']"));
            assertThat(ui.text(row)).contains("STARTED");
            ui.submit(By.cssSelector("tr[data-plugin='ui-upload'] [data-action='remove']"));
            assertThat(ui.text(By.id("messages"))).contains("Plugin ui-upload removed");
            assertThat(browser.driver().findElements(row)).isEmpty();
        } finally {
            try (java.sql.Connection db = Inbox.database();
                 java.sql.Statement statement = db.createStatement()) {
                statement.executeUpdate("DELETE FROM plugin_upload WHERE plugin_id = 'ui-upload'");
                statement.executeUpdate("DELETE FROM plugin_disabled WHERE plugin_id = 'ui-upload'");
            }
        }
    }

    @Test
    void tenantAdminConfiguresAConnectionThroughTheFormRenderedFromTheSchema() {
        String slug = newTenant("ui-a");
        ui.signIn("admin@" + slug + ".test", PASSWORD);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/connections.xhtml");

        ui.open("/admin/catalogue.xhtml");
        ui.submit(By.cssSelector("[data-plugin='field-showcase'] [data-action='enable']"));
        assertThat(ui.text(By.cssSelector("[data-plugin='field-showcase']"))).contains("switched on");
        browser.screenshot("tenant-catalogue");

        ui.open("/admin/connections.xhtml");
        ui.submit(By.cssSelector("[data-new-connection='field-showcase']"));
        Set<String> types = browser.driver().findElements(By.cssSelector("[data-type]")).stream()
                .map(e -> e.getAttribute("data-type")).collect(Collectors.toSet());
        assertThat(types).as("every field type rendered").containsExactlyInAnyOrder("TEXT", "SECRET", "URL", "EMAIL",
                "NUMBER", "BOOLEAN", "CHOICE", "MULTI_CHOICE", "TEMPLATE", "MAPPING");
        // Plugin texts are untrusted: printed literally, never as markup.
        assertThat(ui.field("channels").getText()).contains("Channels <b>to</b> watch & \"sync\"");
        assertThat(ui.field("channels").findElements(By.tagName("b"))).isEmpty();
        assertThat(ui.field("greeting").getText()).contains("{{client_name}}").contains("{{phone}}");

        // Nothing filled in: the required fields say so, and nothing is created.
        ui.submit(By.id("settings:save"));
        assertThat(ui.error("name")).contains("Give the connection a name");
        assertThat(ui.error("account")).isEqualTo("Account is required");
        assertThat(ui.error("api_token")).isEqualTo("API token is required");
        assertThat(ui.error("base_url")).isEqualTo("Service URL is required");
        assertThat(ui.field("notify_email").findElements(By.className("error"))).isEmpty();
        browser.screenshot("connection-form-errors");

        ui.type(ui.field("name").findElement(By.tagName("input")), "Showcase desk");
        ui.type(ui.input("account"), "Acme Desk");
        ui.type(ui.input("api_token"), SHOWCASE_TOKEN);
        ui.type(ui.input("base_url"), SHOWCASE.baseUrl());
        ui.type(ui.input("notify_email"), "ops@acme.test");
        ui.type(ui.input("timeout_seconds"), "45");
        new Select(ui.field("region").findElement(By.tagName("select"))).selectByValue("us");
        ui.field("channels").findElement(By.cssSelector("input[value='chat']")).click();
        ui.field("send_greeting").findElement(By.cssSelector("input[type=checkbox]")).click();
        ui.type(ui.field("greeting").findElement(By.tagName("textarea")), "Hello {{client_name}}, {{unknown}}");
        ui.submit(By.cssSelector("[data-field='agents'] [data-action='add-row']"));
        ui.submit(By.cssSelector("[data-field='agents'] [data-action='add-row']"));
        ui.type(ui.cell("agents", 0, "email"), "ann@acme.test");
        ui.type(ui.cell("agents", 0, "extension"), "101");
        new Select(ui.field("agents").findElement(By.cssSelector("tr[data-row='0'] td[data-column='role'] select")))
                .selectByValue("supervisor");
        ui.type(ui.cell("agents", 1, "email"), "bob@acme.test");
        ui.type(ui.cell("agents", 1, "extension"), "102");
        ui.submit(By.id("settings:save"));
        // Refused again: the account's pattern and the unknown template variable; everything typed is kept.
        assertThat(ui.error("account")).contains("wrong format");
        assertThat(ui.error("greeting")).contains("{{unknown}}");
        assertThat(ui.field("agents").findElements(By.cssSelector("tr[data-row]"))).hasSize(2);
        assertThat(ui.input("api_token").getAttribute("value")).as("a secret is never written back into the page").isEmpty();
        assertThat(ui.field("api_token").getText()).contains("entered, not saved yet");
        assertThat(browser.driver().getPageSource()).doesNotContain(SHOWCASE_TOKEN);

        ui.type(ui.input("account"), "acme-desk");
        ui.type(ui.field("greeting").findElement(By.tagName("textarea")), "Hello {{client_name}}, you called from {{phone}}");
        ui.submit(By.cssSelector("[data-field='agents'] tr[data-row='1'] [data-action='remove-row']"));
        assertThat(ui.field("agents").findElements(By.cssSelector("tr[data-row]"))).hasSize(1);
        ui.submit(By.id("settings:save"));

        assertThat(ui.text(By.id("messages"))).contains("Connection 'Showcase desk' saved");
        String inboundUrl = browser.driver().findElement(By.id("inbound-url")).getAttribute("value");
        assertThat(inboundUrl).contains("/hooks/");
        assertThat(browser.driver().findElement(By.id("copy-url")).getText()).isEqualTo("Copy");
        // The pages' script is a file of the site (the Content-Security-Policy forbids inline script): it runs.
        browser.driver().findElement(By.id("copy-url")).click();
        assertThat(browser.driver().findElement(By.id("copy-url")).getText()).isEqualTo("Copied");

        ui.submit(By.id("check:check"));
        assertThat(ui.text(By.id("check-result"))).contains("Connected").contains("acme-desk");
        assertThat(SHOWCASE.requests()).anyMatch(r -> ("Bearer " + SHOWCASE_TOKEN).equals(r.authorization()));
        browser.screenshot("connection-checked");

        // Edit: the secret shows as set, never its value; saving without it keeps it (the check still passes).
        assertThat(ui.field("api_token").getText()).contains("•••• set");
        assertThat(browser.driver().getPageSource()).doesNotContain(SHOWCASE_TOKEN);
        assertThat(ui.input("timeout_seconds").getAttribute("value")).isEqualTo("45");
        assertThat(ui.cell("agents", 0, "email").getAttribute("value")).isEqualTo("ann@acme.test");
        ui.type(ui.field("name").findElement(By.tagName("input")), "Showcase desk (EU)");
        new Select(ui.field("region").findElement(By.tagName("select"))).selectByValue("eu");
        ui.submit(By.id("settings:save"));
        assertThat(ui.text(By.id("messages"))).contains("Showcase desk (EU)");
        ui.submit(By.id("check:check"));
        assertThat(ui.text(By.id("check-result"))).contains("Connected");
        assertThat(browser.driver().getPageSource()).doesNotContain(SHOWCASE_TOKEN);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2700));
        browser.screenshot("connection-form"); // tall: every field type in one picture
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        ui.open("/admin/connections.xhtml");
        assertThat(ui.text(By.tagName("table"))).contains("Showcase desk (EU)").contains("OK");
        browser.screenshot("tenant-connections");

        ui.open("/admin/users.xhtml");
        ui.type(By.id("newUser:email"), "operator@" + slug + ".test");
        ui.type(By.id("newUser:password"), "short");
        ui.submit(By.id("newUser:create"));
        assertThat(ui.text(By.id("newUser"))).contains("at least 10 characters");
        ui.type(By.id("newUser:password"), PASSWORD);
        ui.submit(By.id("newUser:create"));
        assertThat(ui.text(By.tagName("table"))).contains("operator@" + slug + ".test").contains("OPERATOR");
        // Removing asks first (data-confirm, app.js); saying no removes nobody.
        browser.driver().findElement(By.cssSelector("[data-confirm='Remove this user?']")).click();
        browser.driver().switchTo().alert().dismiss();
        assertThat(ui.text(By.tagName("table"))).contains("operator@" + slug + ".test");
        browser.screenshot("tenant-users");
    }

    @Test
    void anotherTenantsConnectionPageIsNotFoundAndPlainWords() throws Exception {
        String owner = newTenant("ui-own");
        ApiClient ownerApi = ApiClient.signIn(base, "admin@" + owner + ".test", PASSWORD);
        assertThat(ownerApi.put("/api/v1/catalogue/field-showcase", null).status()).isEqualTo(204);
        Answer created = ownerApi.post("/api/v1/connections", ApiClient.JSON.createObjectNode()
                .put("connector", "field-showcase").put("name", "Owner's private desk")
                .set("settings", ApiClient.JSON.createObjectNode().put("account", "owner-desk")
                        .put("api_token", SHOWCASE_TOKEN).put("base_url", SHOWCASE.baseUrl()).put("region", "eu")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();

        String intruder = newTenant("ui-int");
        ui.signIn("admin@" + intruder + ".test", PASSWORD);
        ui.open("/admin/connection.xhtml?id=" + id);
        assertThat(ui.text(By.tagName("main"))).contains("Not found");
        assertThat(browser.driver().getPageSource()).doesNotContain("Owner's private desk").doesNotContain("owner-desk");

        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ui.uri("/admin/connection.xhtml?id=" + id))
                .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).as("404, not 403: the id's existence is not confirmed").isEqualTo(404);
    }

    @Test
    void pagesNeedSignInAndSignOutEndsTheSession() {
        ui.open("/admin/connections.xhtml");
        assertThat(browser.driver().getCurrentUrl()).contains("/login.xhtml");
        ui.type(By.id("login:email"), System.getProperty("it.admin.email"));
        ui.type(By.id("login:password"), "not the password");
        ui.submit(By.id("login:submit"));
        assertThat(ui.text(By.id("login-error"))).contains("Wrong e-mail or password");
        browser.screenshot("login");

        ui.signIn(System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
        ui.submit(By.id("signout:signout"));
        ui.open("/operator/tenants.xhtml");
        assertThat(browser.driver().getCurrentUrl()).contains("/login.xhtml");
    }

    private String newTenant(String prefix) {
        if (operatorApi == null) {
            operatorApi = ApiClient.signIn(base, System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
        }
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        Answer created = operatorApi.post("/api/v1/tenants", ApiClient.JSON.createObjectNode().put("slug", slug)
                .put("name", "Tenant " + slug).put("adminEmail", "admin@" + slug + ".test").put("adminPassword", PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return slug;
    }
}
