package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.it.browser.AdminUi;
import io.switchboard.platform.it.browser.Browser;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
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
 * Issue #6's "a tenant can set it all up through the UI alone", walked once in headless Chromium: switch Sipuni
 * and Usedesk on, connect both (the Usedesk fake stands in for the account), make a CallToTicket flow with options
 * read from the helpdesk (statuses, agents), then a call arrives at the URL the connection page shows and the
 * activity page tells what it did.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class CallSetupUiIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String USEDESK_TOKEN = "usedesk-token-" + UUID.randomUUID();
    private static final String SIPUNI_SECRET = "sipuni-secret-" + UUID.randomUUID();
    private static final UsedeskFake USEDESK = new UsedeskFake(USEDESK_TOKEN)
            .addAgent(1, "Anna Duty", "anna@acme.test").addAgent(2, "Boris Sales", "boris@acme.test");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFake() {
        USEDESK.close();
    }

    @Test
    void aTenantConnectsSipuniToUsedeskThroughTheUiAndACallBecomesATicket() throws Exception {
        ApiClient.TenantAdmin tenant = ApiClient.newTenant(base, "setup", PASSWORD);
        try (Browser browser = new Browser()) {
            AdminUi ui = new AdminUi(browser, base.toURI());
            ui.signIn(tenant.email(), PASSWORD);

            ui.open("/admin/catalogue.xhtml");
            ui.submit(By.cssSelector("[data-plugin='usedesk'] [data-action='enable']"));
            ui.submit(By.cssSelector("[data-plugin='sipuni'] [data-action='enable']"));
            assertThat(ui.text(By.cssSelector("[data-plugin='sipuni']"))).contains("switched on");

            ui.open("/admin/connections.xhtml");
            ui.submit(By.cssSelector("[data-new-connection='usedesk']"));
            AdminUi.type(ui.field("name").findElement(By.tagName("input")), "Support desk");
            AdminUi.type(ui.input("api_token"), USEDESK_TOKEN);
            ui.choice("region").selectByValue("custom");
            AdminUi.type(ui.input("base_url"), USEDESK.baseUrl());
            ui.submit(By.id("settings:save"));
            assertThat(ui.text(By.id("messages"))).contains("saved");
            ui.submit(By.id("check:check"));
            assertThat(browser.driver().findElement(By.id("check-result")).getAttribute("class")).contains("ok");

            ui.open("/admin/connections.xhtml");
            ui.submit(By.cssSelector("[data-new-connection='sipuni']"));
            AdminUi.type(ui.field("name").findElement(By.tagName("input")), "Office PBX");
            AdminUi.type(ui.input("webhook_secret"), SIPUNI_SECRET);
            ui.submit(By.id("settings:save"));
            assertThat(ui.text(By.id("messages"))).contains("saved");
            String inboundUrl = browser.driver().findElement(By.id("inbound-url")).getAttribute("value");
            assertThat(inboundUrl).contains("/hooks/");
            assertThat(browser.driver().getPageSource()).doesNotContain(SIPUNI_SECRET);

            ui.open("/admin/flows.xhtml");
            ui.submit(By.cssSelector("[data-new-flow='call-to-ticket']"));
            AdminUi.type(browser.driver().findElement(By.id("flow:name")), "Calls to tickets");
            new Select(browser.driver().findElement(By.id("flow:source"))).selectByVisibleText("Office PBX (Sipuni)");
            new Select(browser.driver().findElement(By.id("flow:target"))).selectByVisibleText("Support desk (Usedesk)");
            ui.submit(By.id("flow:next"));
            // The options' choices come from the Usedesk account: its statuses and its agents.
            checkbox(ui, "search_statuses", "1").click();
            checkbox(ui, "search_statuses", "8").click();
            ui.choice("duty_agent").selectByValue("1");
            assertThat(ui.choice("duty_agent").getOptions()).extracting(WebElement::getText)
                    .contains("Anna Duty <anna@acme.test>", "Boris Sales <boris@acme.test>");
            ui.submit(By.cssSelector("[data-field='agents'] [data-action='add-row']"));
            ui.cellChoice("agents", 0, "agent").selectByValue("2");
            AdminUi.type(ui.cell("agents", 0, "extension"), "202");
            AdminUi.type(ui.field("ticket_subject_template").findElement(By.tagName("textarea")),
                    "Call from {{phone}} ({{direction}})");
            assertThat(ui.field("ticket_subject_template").getText()).contains("{{phone}}", "{{direction}}",
                    "{{recording}}");
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 3600));
            browser.screenshot("flow-options");
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            ui.submit(By.id("flow:save"));
            assertThat(ui.text(By.tagName("main"))).contains("Calls to tickets");

            // Sipuni calls the URL shown on the connection page, with the secret as `token`.
            String callId = "call-" + UUID.randomUUID();
            String phone = "7916" + (1_000_000 + (int) (Math.random() * 8_999_999));
            HttpClient http = HttpClient.newHttpClient();
            for (SipuniEvents.Hook hook : SipuniEvents.forAccount("070196")
                    .incomingAnswered(callId, 1774373436L, phone, "202")) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(inboundUrl + "?"
                                + hook.queryString(SIPUNI_SECRET))).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));

            ui.open("/admin/activity.xhtml");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr[data-event]")).stream()
                    .filter(row -> row.getText().contains(callId)).toList();
            assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.getAttribute("data-state")).isEqualTo("DONE"));
            UsedeskFake.Ticket ticket = USEDESK.tickets().stream()
                    .filter(t -> ("sb-call-" + callId).equals(t.additionalId())).findFirst().orElseThrow();
            assertThat(ticket.subject()).isEqualTo("Call from +" + phone + " (incoming)");
            assertThat(ticket.assigneeId()).as("Boris answered on extension 202").isEqualTo(2L);
            assertThat(browser.driver().findElements(By.cssSelector("tr[data-event] a")))
                    .as("the created ticket is linked from the activity log")
                    .anySatisfy(link -> assertThat(link.getText()).contains(String.valueOf(ticket.id())));
            browser.screenshot("activity");
        }
    }

    private static WebElement checkbox(AdminUi ui, String field, String value) {
        return ui.field(field).findElement(By.cssSelector("input[type=checkbox][value='" + value + "']"));
    }
}
