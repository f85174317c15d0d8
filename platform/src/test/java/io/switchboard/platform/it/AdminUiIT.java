package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.platform.it.browser.Browser;
import io.switchboard.testkit.fakes.showcase.ShowcaseFake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
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
        signIn(System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/operator/tenants.xhtml");

        String slug = "ui-op-" + UUID.randomUUID().toString().substring(0, 6);
        type(By.id("newTenant:slug"), "Bad Slug!");
        type(By.id("newTenant:name"), "Acme <script>alert(1)</script> Support");
        type(By.id("newTenant:adminEmail"), "admin@" + slug + ".test");
        type(By.id("newTenant:adminPassword"), PASSWORD);
        submit(By.id("newTenant:create"));
        assertThat(text(By.id("newTenant"))).contains("Use 3–64 lower-case letters");

        type(By.id("newTenant:slug"), slug);
        type(By.id("newTenant:adminPassword"), PASSWORD);
        submit(By.id("newTenant:create"));
        assertThat(text(By.id("messages"))).contains("Tenant " + slug + " created");
        WebElement row = browser.driver().findElement(By.cssSelector("tr[data-tenant='" + slug + "']"));
        assertThat(row.getText()).contains("Acme <script>alert(1)</script> Support").contains("ACTIVE");
        browser.screenshot("operator-tenants");

        submit(By.cssSelector("tr[data-tenant='" + slug + "'] [data-action='disable']"));
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-tenant='" + slug + "']")).getText())
                .contains("DISABLED");

        browser.open(uri("/operator/plugins.xhtml"));
        assertThat(text(By.cssSelector("tr[data-plugin='usedesk']"))).contains("STARTED").contains("HELPDESK");
        assertThat(text(By.cssSelector("tr[data-plugin='field-showcase']"))).contains("STARTED");
        assertThat(text(By.tagName("table"))).contains("corrupt.jar").contains("not a loadable plugin jar")
                .contains("INCOMPATIBLE");
        browser.screenshot("operator-plugins");
    }

    @Test
    void tenantAdminConfiguresAConnectionThroughTheFormRenderedFromTheSchema() {
        String slug = newTenant("ui-a");
        signIn("admin@" + slug + ".test", PASSWORD);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/connections.xhtml");

        browser.open(uri("/admin/catalogue.xhtml"));
        submit(By.cssSelector("[data-plugin='field-showcase'] [data-action='enable']"));
        assertThat(text(By.cssSelector("[data-plugin='field-showcase']"))).contains("switched on");
        browser.screenshot("tenant-catalogue");

        browser.open(uri("/admin/connections.xhtml"));
        click(By.cssSelector("[data-new-connection='field-showcase']"));
        Set<String> types = browser.driver().findElements(By.cssSelector("[data-type]")).stream()
                .map(e -> e.getAttribute("data-type")).collect(Collectors.toSet());
        assertThat(types).as("every field type rendered").containsExactlyInAnyOrder("TEXT", "SECRET", "URL", "EMAIL",
                "NUMBER", "BOOLEAN", "CHOICE", "MULTI_CHOICE", "TEMPLATE", "MAPPING");
        // Plugin texts are untrusted: printed literally, never as markup.
        assertThat(text(field("channels"))).contains("Channels <b>to</b> watch & \"sync\"");
        assertThat(field("channels").findElements(By.tagName("b"))).isEmpty();
        assertThat(text(field("greeting"))).contains("{{client_name}}").contains("{{phone}}");

        // Nothing filled in: the required fields say so, and nothing is created.
        submit(By.id("settings:save"));
        assertThat(error("name")).contains("Give the connection a name");
        assertThat(error("account")).isEqualTo("Account is required");
        assertThat(error("api_token")).isEqualTo("API token is required");
        assertThat(error("base_url")).isEqualTo("Service URL is required");
        assertThat(field("notify_email").findElements(By.className("error"))).isEmpty();
        browser.screenshot("connection-form-errors");

        type(field("name").findElement(By.tagName("input")), "Showcase desk");
        type(input("account"), "Acme Desk");
        type(input("api_token"), SHOWCASE_TOKEN);
        type(input("base_url"), SHOWCASE.baseUrl());
        type(input("notify_email"), "ops@acme.test");
        type(input("timeout_seconds"), "45");
        new Select(field("region").findElement(By.tagName("select"))).selectByValue("us");
        field("channels").findElement(By.cssSelector("input[value='chat']")).click();
        field("send_greeting").findElement(By.cssSelector("input[type=checkbox]")).click();
        type(field("greeting").findElement(By.tagName("textarea")), "Hello {{client_name}}, {{unknown}}");
        submit(By.cssSelector("[data-field='agents'] [data-action='add-row']"));
        submit(By.cssSelector("[data-field='agents'] [data-action='add-row']"));
        type(cell(0, "email"), "ann@acme.test");
        type(cell(0, "extension"), "101");
        new Select(field("agents").findElement(By.cssSelector("tr[data-row='0'] td[data-column='role'] select")))
                .selectByValue("supervisor");
        type(cell(1, "email"), "bob@acme.test");
        type(cell(1, "extension"), "102");
        submit(By.id("settings:save"));
        // Refused again: the account's pattern and the unknown template variable; everything typed is kept.
        assertThat(error("account")).contains("wrong format");
        assertThat(error("greeting")).contains("{{unknown}}");
        assertThat(field("agents").findElements(By.cssSelector("tr[data-row]"))).hasSize(2);
        assertThat(input("api_token").getAttribute("value")).as("a secret is never written back into the page").isEmpty();
        assertThat(text(field("api_token"))).contains("entered, not saved yet");
        assertThat(browser.driver().getPageSource()).doesNotContain(SHOWCASE_TOKEN);

        type(input("account"), "acme-desk");
        type(field("greeting").findElement(By.tagName("textarea")), "Hello {{client_name}}, you called from {{phone}}");
        submit(By.cssSelector("[data-field='agents'] tr[data-row='1'] [data-action='remove-row']"));
        assertThat(field("agents").findElements(By.cssSelector("tr[data-row]"))).hasSize(1);
        submit(By.id("settings:save"));

        assertThat(text(By.id("messages"))).contains("Connection 'Showcase desk' saved");
        String inboundUrl = browser.driver().findElement(By.id("inbound-url")).getAttribute("value");
        assertThat(inboundUrl).contains("/hooks/");
        assertThat(browser.driver().findElement(By.id("copy-url")).getText()).isEqualTo("Copy");

        submit(By.id("check:check"));
        assertThat(text(By.id("check-result"))).contains("Connected").contains("acme-desk");
        assertThat(SHOWCASE.requests()).anyMatch(r -> ("Bearer " + SHOWCASE_TOKEN).equals(r.authorization()));
        browser.screenshot("connection-checked");

        // Edit: the secret shows as set, never its value; saving without it keeps it (the check still passes).
        assertThat(text(field("api_token"))).contains("•••• set");
        assertThat(browser.driver().getPageSource()).doesNotContain(SHOWCASE_TOKEN);
        assertThat(input("timeout_seconds").getAttribute("value")).isEqualTo("45");
        assertThat(cell(0, "email").getAttribute("value")).isEqualTo("ann@acme.test");
        type(field("name").findElement(By.tagName("input")), "Showcase desk (EU)");
        new Select(field("region").findElement(By.tagName("select"))).selectByValue("eu");
        submit(By.id("settings:save"));
        assertThat(text(By.id("messages"))).contains("Showcase desk (EU)");
        submit(By.id("check:check"));
        assertThat(text(By.id("check-result"))).contains("Connected");
        assertThat(browser.driver().getPageSource()).doesNotContain(SHOWCASE_TOKEN);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2700));
        browser.screenshot("connection-form"); // tall: every field type in one picture
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        browser.open(uri("/admin/connections.xhtml"));
        assertThat(text(By.tagName("table"))).contains("Showcase desk (EU)").contains("OK");
        browser.screenshot("tenant-connections");

        browser.open(uri("/admin/users.xhtml"));
        type(By.id("newUser:email"), "operator@" + slug + ".test");
        type(By.id("newUser:password"), "short");
        submit(By.id("newUser:create"));
        assertThat(text(By.id("newUser"))).contains("at least 10 characters");
        type(By.id("newUser:password"), PASSWORD);
        submit(By.id("newUser:create"));
        assertThat(text(By.tagName("table"))).contains("operator@" + slug + ".test").contains("OPERATOR");
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
        signIn("admin@" + intruder + ".test", PASSWORD);
        browser.open(uri("/admin/connection.xhtml?id=" + id));
        assertThat(text(By.tagName("main"))).contains("Not found");
        assertThat(browser.driver().getPageSource()).doesNotContain("Owner's private desk").doesNotContain("owner-desk");

        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/admin/connection.xhtml?id=" + id))
                .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).as("404, not 403: the id's existence is not confirmed").isEqualTo(404);
    }

    @Test
    void pagesNeedSignInAndSignOutEndsTheSession() {
        browser.open(uri("/admin/connections.xhtml"));
        assertThat(browser.driver().getCurrentUrl()).contains("/login.xhtml");
        type(By.id("login:email"), System.getProperty("it.admin.email"));
        type(By.id("login:password"), "not the password");
        submit(By.id("login:submit"));
        assertThat(text(By.id("login-error"))).contains("Wrong e-mail or password");
        browser.screenshot("login");

        signIn(System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
        submit(By.id("signout:signout"));
        browser.open(uri("/operator/tenants.xhtml"));
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

    private void signIn(String email, String password) {
        browser.open(uri("/login.xhtml"));
        type(By.id("login:email"), email);
        type(By.id("login:password"), password);
        submit(By.id("login:submit"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("/login.xhtml");
    }

    private URI uri(String path) {
        try {
            return base.toURI().resolve(path);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private WebElement field(String key) {
        return browser.driver().findElement(By.cssSelector("[data-field='" + key + "']"));
    }

    /** @return the error message shown beside a field */
    private String error(String key) {
        return field(key).findElement(By.className("error")).getText();
    }

    private WebElement input(String key) {
        return field(key).findElement(By.cssSelector("input:not([type=hidden]):not([type=checkbox])"));
    }

    private WebElement cell(int row, String column) {
        return field("agents").findElement(By.cssSelector("tr[data-row='" + row + "'] td[data-column='" + column + "'] input"));
    }

    private String text(By by) {
        return browser.driver().findElement(by).getText();
    }

    private static String text(WebElement element) {
        return element.getText();
    }

    private void type(By by, String value) {
        type(browser.driver().findElement(by), value);
    }

    private static void type(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks something that submits the page and waits for the next page. */
    private void submit(By by) {
        WebElement element = browser.driver().findElement(by);
        element.click();
        // The old page is gone once its element is: Chrome reports that as "stale element" or, while the new
        // document replaces the old one, as "node does not belong to the document" — both mean the same here.
        browser.waitFor((org.openqa.selenium.support.ui.ExpectedCondition<Boolean>) driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    private void click(By by) {
        submit(by);
    }

    @SuppressWarnings("unused")
    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}
