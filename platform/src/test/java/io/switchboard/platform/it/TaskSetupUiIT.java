package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.browser.AdminUi;
import io.switchboard.platform.it.browser.Browser;
import io.switchboard.plugins.chatra.fake.ChatraFake;
import io.switchboard.plugins.chatra.fake.ChatraVisitor;
import io.switchboard.plugins.chatra.fake.ChatraWebhooks;
import io.switchboard.plugins.planfix.fake.PlanfixFake;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #17, in a real browser: with a Chatra and a Planfix connection, a tenant admin makes the conversation ↔ task
 * flow on the Flows page — templates, an extra employee chosen from Planfix's employees, "only if no active task" —
 * and a chat then becomes a task from that template with that employee. Screenshots go to {@code docs/screenshots/}.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class TaskSetupUiIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String CHATRA_PUBLIC = "pub" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    private static final String CHATRA_SECRET = "sec" + UUID.randomUUID().toString().replace("-", "");
    private static final String PLANFIX_TOKEN = UUID.randomUUID().toString().replace("-", "");
    private static final ChatraFake CHATRA = new ChatraFake(CHATRA_PUBLIC, CHATRA_SECRET);
    private static final PlanfixFake PLANFIX = new PlanfixFake(PLANFIX_TOKEN, 1);
    static {
        PLANFIX.addTaskTemplate(41, "Chat from the website").addTaskTemplate(42, "Sales lead")
                .addContactTemplate(3, "Client")
                .addUser(5, "Anna", "Smirnova", "anna@acme.test", true)
                .addUser(7, "Pavel", "Orlov", "pavel@acme.test", true);
    }

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFakes() {
        CHATRA.close();
        PLANFIX.close();
    }

    @Test
    void aTenantAdminMakesTheConversationTaskFlowAndAChatBecomesATaskWithTheChosenEmployee() throws Exception {
        ApiClient.TenantAdmin tenant = ApiClient.newTenant(base, "tasksetup", PASSWORD);
        ApiClient api = tenant.api();
        for (String plugin : List.of("chatra", "planfix")) {
            assertThat(api.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
        }
        String chatraUrl = connection(api, "chatra", "Site chat", json().put("public_key", CHATRA_PUBLIC)
                .put("secret_key", CHATRA_SECRET).put("api_url", CHATRA.baseUrl() + "/"));
        connection(api, "planfix", "Planfix", json().put("account", PLANFIX.baseUrl()).put("api_token", PLANFIX_TOKEN)
                .put("task_template", 41).put("contact_template", 3));

        try (Browser browser = new Browser()) {
            AdminUi ui = new AdminUi(browser, base.toURI());
            ui.signIn(tenant.email(), PASSWORD);
            ui.open("/admin/flows.xhtml");
            ui.submit(By.cssSelector("[data-new-flow='conversation-to-task']"));
            assertThat(ui.text(By.id("setup-steps"))).contains("task template").contains("inbound URL");
            AdminUi.type(browser.driver().findElement(By.id("flow:name")), "Chats to tasks");
            new Select(browser.driver().findElement(By.id("flow:source"))).selectByVisibleText("Site chat (Chatra)");
            new Select(browser.driver().findElement(By.id("flow:target"))).selectByVisibleText("Planfix (Planfix)");
            ui.submit(By.id("flow:next"));
            List<WebElement> employees = ui.field("extra_employees").findElements(By.cssSelector("input[type=checkbox]"));
            assertThat(employees).as("Planfix's employees").extracting(e -> e.getAttribute("value"))
                    .contains("5", "7");
            AdminUi.type(ui.input("task_template"), "42");
            employees.stream().filter(e -> "7".equals(e.getAttribute("value"))).findFirst().orElseThrow().click();
            ui.field("only_if_no_active_task").findElement(By.cssSelector("input[type=checkbox]")).click();
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2600));
            browser.screenshot("conversation-task-flow-options");
            ui.submit(By.id("flow:save"));
            assertThat(ui.text(By.tagName("main"))).contains("Chats to tasks");
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

            ChatraVisitor visitor = ChatraVisitor.anonymous("v" + UUID.randomUUID().toString().replace("-", ""),
                    "chat-" + UUID.randomUUID().toString().substring(0, 8));
            CHATRA.addVisitor(visitor);
            ChatraWebhooks.Webhook started = new ChatraWebhooks().chatStarted(visitor, "Hello from the site");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chatraUrl))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(started.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Inbox.awaitAllFinished("client:" + visitor.id(), Duration.ofSeconds(60));

            assertThat(PLANFIX.tasks()).singleElement().satisfies(t -> assertThat(t.templateId()).isEqualTo(42L));
            assertThat(PLANFIX.lastBody("POST /rest/task/").orElseThrow().path("participants").toString())
                    .contains("user:7");
            ui.open("/admin/activity.xhtml");
            assertThat(browser.driver().findElements(By.cssSelector("tr[data-event]")))
                    .anySatisfy(row -> assertThat(row.getAttribute("data-state")).isEqualTo("DONE"));
            browser.screenshot("conversation-task-activity");
        }
    }

    private static String connection(ApiClient api, String connector, String name, ObjectNode settings) {
        ApiClient.Answer created = api.post("/api/v1/connections", json().put("connector", connector)
                .put("name", name).set("settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("inboundUrl").asText();
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
