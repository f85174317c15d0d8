package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.it.browser.AdminUi;
import io.switchboard.platform.it.browser.Browser;
import io.switchboard.plugins.dashly.fake.DashlyFake;
import io.switchboard.plugins.dashly.fake.DashlyWebhooks;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.File;
import java.net.URL;
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
 * Issue #16, in a real browser: a tenant admin switches Dashly on, fills the Dashly connection form, reads the setup
 * steps (what to do in Dashly and in Usedesk, where to paste the inbound URL), makes the chat-command flow, and an
 * operator's /usedesk command then becomes a Usedesk ticket. Screenshots go to {@code docs/screenshots/}.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ChatSetupUiIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String DASHLY_KEY = "app.58213." + UUID.randomUUID().toString().replace("-", "");
    private static final String USEDESK_TOKEN = "usedesk-token-" + UUID.randomUUID();
    /** Ids of its own: other test classes' Dashly fakes write conversations into the same test database. */
    private static final DashlyFake DASHLY = new DashlyFake(DASHLY_KEY,
            DashlyFake.FIRST_ID + 1_000_000L * (1 + (long) (Math.random() * 1_000_000)));
    private static final UsedeskFake USEDESK = new UsedeskFake(USEDESK_TOKEN).addAgent(2, "Boris", "boris@acme.test");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFakes() {
        DASHLY.close();
        USEDESK.close();
    }

    @Test
    void aTenantAdminConnectsDashlyToUsedeskFollowingTheSetupSteps() throws Exception {
        ApiClient.TenantAdmin tenant = ApiClient.newTenant(base, "chatsetup", PASSWORD);
        String bot = DASHLY.addAdmin("Support bot");
        try (Browser browser = new Browser()) {
            AdminUi ui = new AdminUi(browser, base.toURI());
            ui.signIn(tenant.email(), PASSWORD);

            ui.open("/admin/catalogue.xhtml");
            ui.submit(By.cssSelector("[data-plugin='dashly'] [data-action='enable']"));
            ui.submit(By.cssSelector("[data-plugin='usedesk'] [data-action='enable']"));
            assertThat(ui.text(By.cssSelector("[data-plugin='dashly']"))).contains("switched on");

            ui.open("/admin/connections.xhtml");
            ui.submit(By.cssSelector("[data-new-connection='usedesk']"));
            assertThat(ui.text(By.id("setup-steps"))).contains("New ticket, New comment, Ticket changed")
                    .contains("Redirect URL");
            AdminUi.type(ui.field("name").findElement(By.tagName("input")), "Support desk");
            AdminUi.type(ui.input("api_token"), USEDESK_TOKEN);
            ui.choice("region").selectByValue("custom");
            AdminUi.type(ui.input("base_url"), USEDESK.baseUrl());
            ui.submit(By.id("settings:save"));
            assertThat(ui.text(By.id("messages"))).contains("saved");
            assertThat(browser.driver().findElement(By.id("inbound-url")).getAttribute("value")).contains("/hooks/");

            ui.open("/admin/connections.xhtml");
            ui.submit(By.cssSelector("[data-new-connection='dashly']"));
            assertThat(ui.text(By.id("setup-steps"))).contains("Settings → Developers → API keys")
                    .contains("chat-message webhook");
            AdminUi.type(ui.field("name").findElement(By.tagName("input")), "Shop chat");
            AdminUi.type(ui.input("api_token"), DASHLY_KEY);
            ui.choice("api_host").selectByValue("custom");
            AdminUi.type(ui.input("api_url"), DASHLY.baseUrl());
            AdminUi.type(ui.input("site"), "shop.example.com");
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2200));
            browser.screenshot("dashly-connection-form");
            ui.submit(By.id("settings:save"));
            assertThat(ui.text(By.id("messages"))).contains("saved");
            ui.submit(By.id("check:check"));
            assertThat(browser.driver().findElement(By.id("check-result")).getAttribute("class")).contains("ok");
            String inboundUrl = browser.driver().findElement(By.id("inbound-url")).getAttribute("value");
            assertThat(browser.driver().getPageSource()).doesNotContain(DASHLY_KEY);
            browser.screenshot("dashly-connection-setup");

            ui.open("/admin/flows.xhtml");
            ui.submit(By.cssSelector("[data-new-flow='chat-command-to-ticket']"));
            assertThat(ui.text(By.id("setup-steps"))).contains("Dialog ID in CQ").contains("Profile ID in CQ");
            AdminUi.type(browser.driver().findElement(By.id("flow:name")), "Tickets from chat");
            new Select(browser.driver().findElement(By.id("flow:source"))).selectByVisibleText("Shop chat (Dashly)");
            new Select(browser.driver().findElement(By.id("flow:target"))).selectByVisibleText("Support desk (Usedesk)");
            ui.submit(By.id("flow:next"));
            assertThat(ui.input("command").getAttribute("value")).isEqualTo("usedesk");
            assertThat(ui.field("closing_statuses").findElements(By.cssSelector("input[type=checkbox]")))
                    .as("the statuses come from the Usedesk connection").extracting(e -> e.getAttribute("value"))
                    .contains("2", "3");
            browser.screenshot("dashly-flow-options");
            ui.submit(By.id("flow:save"));
            assertThat(ui.text(By.tagName("main"))).contains("Tickets from chat");
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

            // An operator types the command in a Dashly chat; Dashly calls the URL the connection page showed.
            String lead = DASHLY.addLead("Olga Petrova", "olga@example.com");
            String conversation = DASHLY.addConversation(lead, "I cannot pay");
            DashlyWebhooks.Webhook command = new DashlyWebhooks("unused").withoutToken()
                    .operatorNote(conversation, lead, bot, "/usedesk Card payment fails");
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    inboundUrl)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(command.body()));
            command.headers().forEach(request::header);
            assertThat(java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(60));

            assertThat(USEDESK.tickets()).singleElement().satisfies(t ->
                    assertThat(t.subject()).isEqualTo("Olga Petrova - shop.example.com"));
            ui.open("/admin/activity.xhtml");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr[data-event]"));
            assertThat(rows).anySatisfy(row -> assertThat(row.getAttribute("data-state")).isEqualTo("DONE"));
            browser.screenshot("dashly-activity");
        }
    }
}
