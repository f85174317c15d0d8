package io.switchboard.plugins.usedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.CustomFieldInfo;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsedeskConnectorTest {

    private static final String TOKEN = "0e8f678d8327eb3292a28c8165957b282a1b2f8b";

    private final UsedeskConnector connector = new UsedeskConnector();
    private UsedeskFake usedesk;

    @BeforeEach
    void startFake() {
        usedesk = new UsedeskFake(TOKEN).addAgent(545, "Anna Agent", "anna@example.com")
                .addAgent(546, "Boris Agent", "boris@example.com")
                .addAgent(547, "Carla Owner", "carla@example.com", "admin")
                .addAgent(548, "Dima Support", "dima@example.com", "support");
    }

    @AfterEach
    void stopFake() {
        usedesk.close();
    }

    private TestConnectorContext context(String token) {
        return TestConnectorContext.with(Map.of("api_token", token, "region", "custom", "base_url", usedesk.baseUrl()));
    }

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertWellFormed(connector);
        ConnectorContract.assertCheckFailsPolitelyWhenUnreachable(connector,
                url -> Map.of("api_token", TOKEN, "region", "custom", "base_url", url));
    }

    @Test
    void checkWithTheRightTokenCountsAgents() {
        CheckResult result = connector.check(context(TOKEN));
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("Authorized: 2 agents visible");
        assertThat(usedesk.requests()).containsExactly("/users");
    }

    @Test
    void checkWithAWrongTokenSaysSoWithoutRevealingIt() {
        CheckResult result = connector.check(context("wrong-token"));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Usedesk refused the API token").doesNotContain("wrong-token");
    }

    @Test
    void checkWhenUsedeskIsDownSaysItCouldNotReachIt() {
        usedesk.failNext(1, 503, null);
        CheckResult result = connector.check(context(TOKEN));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Could not reach Usedesk at localhost").contains("503");
    }

    @Test
    void listAgentsReadsUsersOfEveryRole() {
        // /users lists only employees unless asked for another user_type; admins and support agents are agents too.
        assertThat(connector.listAgents(context(TOKEN))).containsExactlyInAnyOrder(
                new Agent("545", "Anna Agent", "anna@example.com", true),
                new Agent("546", "Boris Agent", "boris@example.com", true),
                new Agent("547", "Carla Owner", "carla@example.com", true),
                new Agent("548", "Dima Support", "dima@example.com", true));
    }

    @Test
    void rateLimitIsTransientWithRetryAfter() {
        usedesk.failNext(1, 429, 30);
        assertThatThrownBy(() -> connector.listAgents(context(TOKEN)))
                .isInstanceOfSatisfying(TransientVendorException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    }

    @Test
    void regionChoosesTheDocumentedBaseUrls() {
        assertThat(UsedeskSettings.from(ConfigValues.of(Map.of("api_token", "t", "region", "ru"))).method("users"))
                .hasToString("https://api.usedesk.ru/users");
        assertThat(UsedeskSettings.from(ConfigValues.of(Map.of("api_token", "t", "region", "com"))).method("users"))
                .hasToString("https://secure.usedesk.com/uapi/users");
        assertThat(UsedeskSettings.from(ConfigValues.of(Map.of("api_token", "SECRET123"))).toString())
                .doesNotContain("SECRET123");
    }

    @Test
    void selfHostedNeedsAServerUrl() {
        assertThat(connector.validate(ConfigValues.of(Map.of("api_token", "t", "region", "custom"))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("base_url"));
        assertThat(connector.validate(ConfigValues.of(Map.of("api_token", "t", "region", "ru")))).isEmpty();
    }

    @Test
    void theStoredWebhookHoldsNoApiTokenAndParsesTheSame() {
        for (InboundRequest request : List.of(
                json("{\"secret\":\"" + TOKEN + "\",\"ticket\":{\"id\":\"2261907\",\"status_id\":\"2\"}}"),
                form("secret=" + TOKEN + "&ticket%5Bid%5D=2261907&ticket%5Bstatus_id%5D=2"))) {
            connector.verify(request, context(TOKEN));
            InboundRequest stored = connector.withoutProof(request);
            assertThat(stored.bodyText()).doesNotContain(TOKEN);
            assertThat(connector.parse(stored, context(TOKEN))).isEqualTo(connector.parse(request, context(TOKEN)));
            assertThat(connector.keys(stored, context(TOKEN))).isEqualTo(connector.keys(request, context(TOKEN)));
        }
    }

    @Test
    void verifyAcceptsTheTokenAsSecretInJsonAndFormBodies() {
        connector.verify(json("{\"secret\":\"" + TOKEN + "\",\"ticket\":{\"id\":\"2261907\"}}"), context(TOKEN));
        connector.verify(form("secret=" + TOKEN + "&ticket%5Bid%5D=2261907"), context(TOKEN));
    }

    @Test
    void verifyRejectsAWrongOrMissingSecret() {
        assertThatThrownBy(() -> connector.verify(json("{\"secret\":\"nope\",\"ticket\":{\"id\":1}}"), context(TOKEN)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> connector.verify(json("{\"ticket\":{\"id\":1}}"), context(TOKEN)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("no 'secret'");
        assertThatThrownBy(() -> connector.verify(json("not json"), context(TOKEN)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void keysDistinguishEventKindsAndOrderByTicket() {
        assertThat(connector.keys(json("{\"secret\":\"s\",\"ticket\":{\"id\":\"2261907\",\"status_id\":\"1\"}}"),
                context(TOKEN))).isEqualTo(new InboundKeys("ticket:2261907", "2261907"));
        assertThat(connector.keys(json("{\"comment\":{\"id\":112233446,\"ticket_id\":2261907}}"), context(TOKEN)))
                .isEqualTo(new InboundKeys("comment:112233446", "2261907"));
        assertThat(connector.keys(json("{\"trigger\":{\"id\":99887766,\"ticket_id\":2261907,\"data\":[]}}"),
                context(TOKEN))).isEqualTo(new InboundKeys("trigger:99887766", "2261907"));
        assertThat(connector.keys(json("{\"id\":5,\"ticket_id\":2261907,\"data\":[]}"), context(TOKEN)))
                .isEqualTo(new InboundKeys("trigger:5", "2261907"));
        assertThat(connector.keys(form("secret=s&comment%5Bid%5D=7&comment%5Bticket_id%5D=9"), context(TOKEN)))
                .isEqualTo(new InboundKeys("comment:7", "9"));
        assertThatThrownBy(() -> connector.keys(json("{\"csi\":{}}"), context(TOKEN)))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void serverErrorIsTransient() {
        usedesk.failNext(1, 500, null);
        assertThatThrownBy(() -> connector.findClientByEmail("ivan@example.com", context(TOKEN)))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("500");
    }

    @Test
    void errorObjectWithHttp200IsPermanentWithTheVendorsMessage() {
        assertThatThrownBy(() -> connector.addComment("999", CommentDraft.internalNote("x", null), context(TOKEN)))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessage("Could not add a comment: Usedesk said \"Ticket not found\"");
    }

    @Test
    void aWrongTokenIsPermanentAndNotInTheMessage() {
        assertThatThrownBy(() -> connector.findClientByPhone("79990001122", context("wrong-token")))
                .isInstanceOf(PermanentVendorException.class).hasMessageStartingWith("Usedesk refused the API token")
                .hasMessageNotContaining("wrong-token");
    }

    @Test
    void customFieldsListTheAccountsTicketFieldsWithTheirNamesAsTheyAre() {
        usedesk.addTicketField(101, "Dialog ID in CQ")
                .addTicketField(102, "Сложность", UsedeskFake.TicketField.LIST, List.of("Легко", "Сложно"))
                .addTicketField(103, "Agree", UsedeskFake.TicketField.CHECKBOX, List.of())
                .addTicketField(104, "City", UsedeskFake.TicketField.NESTED_LIST, List.of("Moscow"))
                .addTicketField(105, "  Lead link ", 7, List.of())
                .addTicketField(106, "Dialog ID in CQ", UsedeskFake.TicketField.TEXT, List.of())
                .deleteTicketField(106);

        assertThat(connector.customFields(ExternalRef.EntityType.TICKET, context(TOKEN))).containsExactly(
                new CustomFieldInfo("101", "Dialog ID in CQ", "text"),
                new CustomFieldInfo("102", "Сложность", "list"),
                new CustomFieldInfo("103", "Agree", "checkbox"),
                new CustomFieldInfo("104", "City", "nested list"),
                // An undocumented type id is shown as it is; the name is not trimmed.
                new CustomFieldInfo("105", "  Lead link ", "7"));
        assertThat(usedesk.requests()).containsExactly("/ticket/fields");
    }

    @Test
    void customFieldsOfOtherEntitiesAreRefusedWithoutACall() {
        assertThatThrownBy(() -> connector.customFields(ExternalRef.EntityType.CLIENT, context(TOKEN)))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("ticket fields only");
        assertThat(usedesk.requests()).isEmpty();
    }

    @Test
    void customFieldsWithAWrongTokenIsPermanent() {
        assertThatThrownBy(() -> connector.customFields(ExternalRef.EntityType.TICKET, context("wrong-token")))
                .isInstanceOf(PermanentVendorException.class).hasMessageStartingWith("Usedesk refused the API token");
    }

    @Test
    void ticketStatusesAreTheTenDocumentedOnesWithoutACall() {
        List<TicketStatusOption> statuses = connector.ticketStatuses(context(TOKEN));
        assertThat(statuses).extracting(TicketStatusOption::id)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(statuses).extracting(TicketStatusOption::meaning).containsExactly(TicketStatus.OPEN,
                TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.DELETED, TicketStatus.ON_HOLD,
                TicketStatus.PENDING, TicketStatus.SPAM, TicketStatus.NEW, TicketStatus.OTHER, TicketStatus.MERGED);
        assertThat(statuses.get(7).label()).isEqualTo("New");
        assertThat(usedesk.requests()).isEmpty();
    }

    private static InboundRequest json(String body) {
        return request("application/json", body);
    }

    private static InboundRequest form(String body) {
        return request("application/x-www-form-urlencoded", body);
    }

    private static InboundRequest request(String type, String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of(type)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }
}
