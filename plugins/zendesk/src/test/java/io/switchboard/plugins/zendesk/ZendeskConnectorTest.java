package io.switchboard.plugins.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.CustomFieldInfo;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.testkit.ConnectorContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskConnectorTest extends ZendeskTestSupport {

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector,
                url -> Map.of("portal", url, "agent_email", EMAIL, "api_token", TOKEN, "webhook_secret", SECRET));
    }

    @Test
    void checkSaysWhoIsSignedIn() {
        CheckResult result = connector.check(context());
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("Authorized as API Agent (admin) at localhost");
        assertThat(zendesk.calls()).containsExactly("GET /api/v2/users/me");
    }

    @Test
    void checkWithAWrongTokenSaysSoWithoutRevealingIt() {
        CheckResult result = connector.check(context("wrong-token"));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo(
                "Zendesk refused the agent e-mail and API token (Couldn't authenticate you)");
    }

    @Test
    void checkWhenZendeskIsDownSaysItCouldNotReachIt() {
        zendesk.failNext(1, 503, null);
        CheckResult result = connector.check(context());
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Could not reach Zendesk at localhost").contains("503");
    }

    @Test
    void checkRefusesAnEndUsersCredentials() {
        zendesk.setRole(zendesk.apiUserId(), "end-user");
        CheckResult result = connector.check(context());
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("Signed in to Zendesk as API Agent, but this user is an end-user:"
                + " use an agent's or admin's e-mail");
    }

    @Test
    void portalAcceptsSubdomainHostOrHttpsUrl() {
        assertThat(ZendeskSettings.portalUrl("acme")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.zendesk.com/"));
        assertThat(ZendeskSettings.portalUrl(" ACME.zendesk.com ")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.zendesk.com/"));
        assertThat(ZendeskSettings.portalUrl("https://acme.zendesk.com/agent/tickets/5?x=1")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.zendesk.com/"));
        assertThat(ZendeskSettings.portalUrl("http://127.0.0.1:8080/")).hasValueSatisfying(
                u -> assertThat(u).hasToString("http://127.0.0.1:8080/"));
        assertThat(ZendeskSettings.portalUrl("http://acme.zendesk.com")).isEmpty();
        assertThat(ZendeskSettings.portalUrl("ftp://acme.zendesk.com")).isEmpty();
        assertThat(ZendeskSettings.portalUrl("acme corp")).isEmpty();
        assertThat(ZendeskSettings.portalUrl("https://user:pw@acme.zendesk.com")).isEmpty();
        assertThat(ZendeskSettings.portalUrl("")).isEmpty();
    }

    @Test
    void validateNamesThePortalFieldWhenItIsNotAnAddress() {
        assertThat(connector.validate(ConfigValues.of(Map.of("portal", "acme corp"))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("portal"));
        assertThat(connector.validate(ConfigValues.of(Map.of("portal", "acme")))).isEmpty();
    }

    @Test
    void incompleteSettingsFailTheCheckAndOperationsPermanently() {
        var noToken = io.switchboard.testkit.TestConnectorContext.with(Map.of("portal", "acme",
                "agent_email", EMAIL));
        assertThat(connector.check(noToken)).isEqualTo(
                CheckResult.failed("The Zendesk setting 'api_token' is not configured"));
        var badPortal = io.switchboard.testkit.TestConnectorContext.with(Map.of("portal", "acme corp",
                "agent_email", EMAIL, "api_token", TOKEN));
        assertThatThrownBy(() -> connector.listAgents(badPortal)).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("not an address");
    }

    @Test
    void authorizationIsBasicWithEmailSlashTokenAndSettingsNeverPrintSecrets() {
        ZendeskSettings settings = ZendeskSettings.from(ConfigValues.of(Map.of("portal", "acme",
                "agent_email", "jdoe@example.com", "api_token", "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv",
                "webhook_secret", "whsec")));
        // Zendesk's own example from "Security and authentication" (README, "Vendor facts").
        assertThat(settings.authorization()).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString(
                "jdoe@example.com/token:6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv".getBytes()));
        assertThat(settings.api("tickets")).hasToString("https://acme.zendesk.com/api/v2/tickets");
        assertThat(settings.toString()).doesNotContain("6wiIBWb").doesNotContain("whsec");
    }

    @Test
    void listAgentsReadsAgentsAndAdminsAcrossCursorPages() {
        zendesk.limitPageSize(2);
        long anna = zendesk.addAgent("Anna Agent", "anna@acme.test");
        long boris = zendesk.addAgent("Boris Agent", "boris@acme.test");
        zendesk.addEndUser("Ivan Client", "ivan@example.com", null);
        zendesk.suspend(boris);
        List<Agent> agents = connector.listAgents(context());
        assertThat(agents).containsExactly(
                new Agent(String.valueOf(zendesk.apiUserId()), "API Agent", EMAIL, true),
                new Agent(String.valueOf(anna), "Anna Agent", "anna@acme.test", true),
                new Agent(String.valueOf(boris), "Boris Agent", "boris@acme.test", false));
        assertThat(zendesk.calls()).containsOnly("GET /api/v2/users").hasSize(2);
        assertThat(zendesk.requests().get(1).query()).contains("page[after]=");
    }

    @Test
    void agentsOptionsOfferOnlyActiveAgents() {
        long anna = zendesk.addAgent("Anna Agent", "anna@acme.test");
        zendesk.suspend(zendesk.addAgent("Gone", "gone@acme.test"));
        assertThat(connector.options(HelpdeskConnector.AGENTS, context())).containsExactly(
                Choice.of(String.valueOf(zendesk.apiUserId()), "API Agent <" + EMAIL + ">"),
                Choice.of(String.valueOf(anna), "Anna Agent <anna@acme.test>"));
    }

    @Test
    void ticketStatusesAreZendesksSixWithoutACall() {
        List<TicketStatusOption> statuses = connector.ticketStatuses(context());
        assertThat(statuses).extracting(TicketStatusOption::id)
                .containsExactly("new", "open", "pending", "hold", "solved", "closed");
        assertThat(statuses).extracting(TicketStatusOption::meaning).containsExactly(TicketStatus.NEW,
                TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.RESOLVED,
                TicketStatus.CLOSED);
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    void customFieldsListTicketFieldsByIdAndUserAndOrganizationFieldsByKey() {
        long utm = zendesk.addTicketField("UTM source", "text");
        zendesk.addInactiveTicketField("Old field", "text");
        zendesk.addUserField("segment", "Segment", "dropdown");
        zendesk.addOrganizationField("account_no", "Account number", "text");
        assertThat(connector.customFields(ExternalRef.EntityType.TICKET, context()))
                .containsExactly(new CustomFieldInfo(String.valueOf(utm), "UTM source", "text"));
        assertThat(connector.customFields(ExternalRef.EntityType.CLIENT, context()))
                .containsExactly(new CustomFieldInfo("segment", "Segment", "dropdown"));
        assertThat(connector.customFields(ExternalRef.EntityType.ORGANIZATION, context()))
                .containsExactly(new CustomFieldInfo("account_no", "Account number", "text"));
        assertThatThrownBy(() -> connector.customFields(ExternalRef.EntityType.CALL, context()))
                .isInstanceOf(PermanentVendorException.class);
    }

    @Test
    void rateLimitIsTransientWithRetryAfterEvenWithAPlainTextBody() {
        zendesk.failNext(1, 429, 30);
        assertThatThrownBy(() -> connector.listAgents(context()))
                .isInstanceOfSatisfying(TransientVendorException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    }

    @Test
    void serverErrorIsTransient() {
        zendesk.failNext(1, 500, null);
        assertThatThrownBy(() -> connector.findClientByEmail("ivan@example.com", context()))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("500");
    }

    @Test
    void serviceUnavailableWithRetryAfterIsTransient() {
        zendesk.failNext(1, 503, 120);
        assertThatThrownBy(() -> connector.findTicketByExternalId("call-1", null, context()))
                .isInstanceOfSatisfying(TransientVendorException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    }

    @Test
    void conflictIsTransient() {
        zendesk.failNext(1, 409, null);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOf(TransientVendorException.class)
                .hasMessageContaining("409");
    }

    @Test
    void aWrongTokenIsPermanentAndNotInTheMessage() {
        assertThatThrownBy(() -> connector.findClientByPhone("+79990001122", context("wrong-token")))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessageStartingWith("Zendesk refused the agent e-mail and API token")
                .hasMessageNotContaining("wrong-token");
    }

    @Test
    void otherClientErrorsArePermanentWithZendesksWords() {
        assertThatThrownBy(() -> connector.updateTicket("424242",
                io.switchboard.spi.helpdesk.TicketUpdate.status("open"), context()))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessage("Could not update a ticket: Zendesk answered HTTP 404 (RecordNotFound: Not found)");
        zendesk.failNext(1, 403, null);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("refused access");
    }
}
