package io.switchboard.plugins.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskWebhookTest extends ZendeskTestSupport {

    private static final Instant NOW = Instant.parse("2024-05-02T10:11:12Z");
    private static final String STATUS_CHANGED = "{\"account_id\":12514403,\"id\":\"4b5e6f1a-0001\","
            + "\"time\":\"2024-05-02T10:11:12Z\",\"type\":\"zen:event-type:ticket.status_changed\","
            + "\"zendesk_event_version\":\"2022-11-06\",\"subject\":\"zen:ticket:35436\",\"detail\":{\"id\":\"35436\","
            + "\"status\":\"SOLVED\",\"priority\":\"HIGH\",\"requester_id\":\"9873843\",\"assignee_id\":\"235323\","
            + "\"subject\":\"Missed call\",\"updated_at\":\"2024-05-02T10:11:12Z\"},"
            + "\"event\":{\"current\":\"SOLVED\",\"previous\":\"OPEN\"}}";

    private static final String TRIGGER_BODY = "{\"event\":\"ticket_updated\",\"ticket_id\":\"35436\","
            + "\"status\":\"solved\",\"assignee_id\":\"235323\",\"requester_id\":\"9873843\"}";

    private static InboundRequest request(ZendeskFake.SignedWebhook hook, Instant receivedAt) {
        return new InboundRequest("POST", hook.headerLists(), Map.of(), hook.body(), receivedAt);
    }

    private static InboundRequest unsigned(String body, Map<String, List<String>> headers) {
        Map<String, List<String>> all = new HashMap<>(headers);
        all.put("Content-Type", List.of("application/json"));
        return new InboundRequest("POST", all, Map.of(), body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static InboundRequest unsigned(String body) {
        return unsigned(body, Map.of());
    }

    @Test
    void aCorrectlySignedWebhookIsAccepted() {
        ZendeskFake.SignedWebhook hook = ZendeskFake.signedWebhook(SECRET, STATUS_CHANGED, NOW, "inv-1");
        assertThatCode(() -> connector.verify(request(hook, NOW.plusSeconds(3)), context()))
                .doesNotThrowAnyException();
    }

    @Test
    void theSignatureIsTheDocumentedBase64HmacOverTimestampAndBody() {
        // Independent value (Python hmac/hashlib/base64): base64(HMAC-SHA256(secret, "2024-05-02T10:00:00Z" + body)).
        assertThat(ZendeskWebhook.sign(SECRET, "2024-05-02T10:00:00Z", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("LhJ63th2YFGr3v3j2qspnG5cZ96JGv9tSBQ3UMlyAe0=");
    }

    @Test
    void aWrongSecretIsRejectedWith401() {
        ZendeskFake.SignedWebhook hook = ZendeskFake.signedWebhook("another-secret", STATUS_CHANGED, NOW, "inv-1");
        assertThatThrownBy(() -> connector.verify(request(hook, NOW), context()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("does not match").hasMessageNotContaining(SECRET);
    }

    @Test
    void aBodyChangedAfterSigningIsRejected() {
        ZendeskFake.SignedWebhook hook = ZendeskFake.signedWebhook(SECRET, STATUS_CHANGED, NOW, "inv-1");
        byte[] tampered = STATUS_CHANGED.replace("SOLVED", "CLOSED").getBytes(StandardCharsets.UTF_8);
        InboundRequest request = new InboundRequest("POST", hook.headerLists(), Map.of(), tampered, NOW);
        assertThatThrownBy(() -> connector.verify(request, context()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aSignatureMovedToAnotherTimestampIsRejected() {
        ZendeskFake.SignedWebhook hook = ZendeskFake.signedWebhook(SECRET, STATUS_CHANGED, NOW, "inv-1");
        Map<String, List<String>> headers = new HashMap<>(hook.headerLists());
        headers.put("X-Zendesk-Webhook-Signature-Timestamp", List.of("2024-05-02T10:11:13Z"));
        InboundRequest request = new InboundRequest("POST", headers, Map.of(), hook.body(), NOW);
        assertThatThrownBy(() -> connector.verify(request, context())).isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void missingSignatureOrTimestampIsRejected() {
        assertThatThrownBy(() -> connector.verify(unsigned(STATUS_CHANGED), context()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("X-Zendesk-Webhook-Signature header");
        ZendeskFake.SignedWebhook hook = ZendeskFake.signedWebhook(SECRET, STATUS_CHANGED, NOW, "inv-1");
        Map<String, List<String>> headers = new HashMap<>(hook.headerLists());
        headers.remove("X-Zendesk-Webhook-Signature-Timestamp");
        assertThatThrownBy(() -> connector.verify(new InboundRequest("POST", headers, Map.of(), hook.body(), NOW),
                context())).isInstanceOf(WebhookRejectedException.class).hasMessageContaining("Timestamp");
    }

    @Test
    void aStaleSignatureWithoutADedupKeyIsRejectedAsAReplay() {
        ZendeskFake.SignedWebhook hook = ZendeskFake.signedWebhook(SECRET, TRIGGER_BODY, NOW, "inv-1");
        Map<String, List<String>> headers = new HashMap<>(hook.headerLists());
        headers.remove("X-Zendesk-Webhook-Invocation-Id");
        InboundRequest inFourMinutes = new InboundRequest("POST", headers, Map.of(), hook.body(),
                NOW.plus(Duration.ofMinutes(4)));
        assertThatCode(() -> connector.verify(inFourMinutes, context())).doesNotThrowAnyException();
        InboundRequest inSixMinutes = new InboundRequest("POST", headers, Map.of(), hook.body(),
                NOW.plus(Duration.ofMinutes(6)));
        assertThatThrownBy(() -> connector.verify(inSixMinutes, context()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("more than 5 minutes before it arrived");
    }

    @Test
    void anOldButSignedRetryIsAcceptedWithinZendesksRetryHorizon() {
        // Zendesk retries a failed delivery with the same invocation id; if it keeps the first attempt's signature
        // timestamp, the retry arrives signed more than 5 minutes ago.
        ZendeskFake.SignedWebhook trigger = ZendeskFake.signedWebhook(SECRET, TRIGGER_BODY, NOW, "inv-1");
        assertThatCode(() -> connector.verify(request(trigger, NOW.plus(Duration.ofMinutes(7))), context()))
                .doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(request(trigger, NOW.plus(Duration.ofMinutes(15))), context()))
                .doesNotThrowAnyException();
        ZendeskFake.SignedWebhook event = ZendeskFake.signedWebhook(SECRET, STATUS_CHANGED, NOW, "inv-2");
        assertThatCode(() -> connector.verify(request(event, NOW.plus(Duration.ofMinutes(10))), context()))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> connector.verify(request(trigger, NOW.plus(Duration.ofMinutes(16))), context()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("more than 15 minutes");
        assertThatThrownBy(() -> connector.verify(request(event, NOW.minus(Duration.ofMinutes(6))), context()))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("after it arrived");
        // The HMAC still decides first: an old request with a bad signature is refused as such.
        ZendeskFake.SignedWebhook forged = ZendeskFake.signedWebhook("another-secret", TRIGGER_BODY, NOW, "inv-3");
        assertThatThrownBy(() -> connector.verify(request(forged, NOW.plus(Duration.ofMinutes(7))), context()))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void aRepeatedInvocationYieldsTheSameKeysSoThePlatformDropsIt() {
        ZendeskFake.SignedWebhook first = ZendeskFake.signedWebhook(SECRET, TRIGGER_BODY, NOW, "inv-1");
        ZendeskFake.SignedWebhook sameStamp = ZendeskFake.signedWebhook(SECRET, TRIGGER_BODY, NOW, "inv-1");
        ZendeskFake.SignedWebhook reSigned = ZendeskFake.signedWebhook(SECRET, TRIGGER_BODY,
                NOW.plus(Duration.ofMinutes(9)), "inv-1");
        InboundKeys keys = connector.keys(request(first, NOW), context());
        assertThat(keys).isEqualTo(new InboundKeys("invocation:inv-1", "35436"));
        for (ZendeskFake.SignedWebhook retry : List.of(sameStamp, reSigned)) {
            InboundRequest late = request(retry, NOW.plus(Duration.ofMinutes(10)));
            assertThatCode(() -> connector.verify(late, context())).doesNotThrowAnyException();
            assertThat(connector.keys(late, context())).isEqualTo(keys);
        }
        ZendeskFake.SignedWebhook event = ZendeskFake.signedWebhook(SECRET, STATUS_CHANGED, NOW, "inv-8");
        ZendeskFake.SignedWebhook eventRetry = ZendeskFake.signedWebhook(SECRET, STATUS_CHANGED, NOW, "inv-9");
        assertThat(connector.keys(request(eventRetry, NOW.plus(Duration.ofMinutes(12))), context()))
                .isEqualTo(connector.keys(request(event, NOW), context()))
                .isEqualTo(new InboundKeys("event:4b5e6f1a-0001", "35436"));
    }

    @Test
    void withoutASigningSecretWebhooksAreTrustedByTheirUrl() {
        TestConnectorContext noSecret = TestConnectorContext.with(Map.of("portal", zendesk.baseUrl(),
                "agent_email", EMAIL, "api_token", TOKEN));
        assertThatCode(() -> connector.verify(unsigned(STATUS_CHANGED), noSecret)).doesNotThrowAnyException();
    }

    @Test
    void keysAreTheEventIdOrInvocationIdAndTheTicket() {
        assertThat(connector.keys(unsigned(STATUS_CHANGED, Map.of("X-Zendesk-Webhook-Invocation-Id",
                List.of("inv-1"))), context())).isEqualTo(new InboundKeys("event:4b5e6f1a-0001", "35436"));
        assertThat(connector.keys(unsigned("{\"event\":\"ticket_updated\",\"ticket_id\":\"35436\"}",
                Map.of("x-zendesk-webhook-invocation-id", List.of("inv-2"))), context()))
                .isEqualTo(new InboundKeys("invocation:inv-2", "35436"));
        assertThat(connector.keys(unsigned("{\"event\":\"ticket_updated\",\"ticket_id\":\"{{ticket.id}}\"}"),
                context())).isEqualTo(InboundKeys.none());
        assertThatThrownBy(() -> connector.keys(unsigned("not json"), context()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> connector.keys(unsigned("[1,2]"), context()))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void parsesAStatusChangeEvent() {
        ParsedEvents<HelpdeskEvent> parsed = connector.parse(unsigned(STATUS_CHANGED), context());
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketChanged("event:4b5e6f1a-0001", "35436",
                "open", "solved", TicketStatus.RESOLVED, null, false, false));
        assertThat(parsed.notes()).isEmpty();
    }

    @Test
    void parsesATicketCreatedEventBuiltByTheFake() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        long ticket = zendesk.addTicket(ivan, "Missed call", "new", "call-7f3a");
        String body = zendesk.ticketEvent("ev-9", "ticket.created", ticket, Map.of());
        assertThat(connector.parse(unsigned(body), context()).events()).containsExactly(
                new HelpdeskEvent.TicketCreated("event:ev-9", String.valueOf(ticket), "call-7f3a",
                        String.valueOf(ivan), "Missed call"));
    }

    @Test
    void parsesCommentAddedEventsWithTheirAuthor() {
        String agentNote = "{\"id\":\"ev-3\",\"type\":\"zen:event-type:ticket.comment_added\","
                + "\"subject\":\"zen:ticket:35436\",\"detail\":{\"id\":\"35436\",\"requester_id\":\"9873843\"},"
                + "\"event\":{\"comment\":{\"id\":\"7001\",\"body\":\"Called back\",\"is_public\":false,"
                + "\"author\":{\"id\":\"235323\",\"is_staff\":true,\"name\":\"Anna\"}}}}";
        assertThat(connector.parse(unsigned(agentNote), context()).events()).containsExactly(
                new HelpdeskEvent.CommentAdded("event:ev-3", "35436", "7001", "Called back", true, AuthorKind.AGENT,
                        "235323", null, "Anna"));
        String clientReply = "{\"id\":\"ev-4\",\"type\":\"zen:event-type:ticket.comment_added\","
                + "\"subject\":\"zen:ticket:35436\",\"detail\":{\"id\":\"35436\",\"requester_id\":\"9873843\"},"
                + "\"event\":{\"comment\":{\"id\":7002,\"html_body\":\"<p>Thanks &amp; bye<br>Ivan</p>\","
                + "\"is_public\":true,\"author\":{\"id\":9873843,\"name\":\"Ivan\"}}}}";
        assertThat(connector.parse(unsigned(clientReply), context()).events()).containsExactly(
                new HelpdeskEvent.CommentAdded("event:ev-4", "35436", "7002", "Thanks & bye\nIvan", false,
                        AuthorKind.CLIENT, "9873843", null, "Ivan"));
    }

    @Test
    void parsesAnAssignmentChange() {
        String body = "{\"id\":\"ev-5\",\"type\":\"zen:event-type:ticket.agent_assignment_changed\","
                + "\"subject\":\"zen:ticket:35436\",\"detail\":{\"id\":\"35436\"},"
                + "\"event\":{\"current\":{\"id\":\"235323\"},\"previous\":null}}";
        assertThat(connector.parse(unsigned(body), context()).events()).containsExactly(
                new HelpdeskEvent.TicketChanged("event:ev-5", "35436", null, null, null, "235323", false, false));
    }

    @Test
    void skipsEventsThatAreNotAboutTickets() {
        String body = "{\"id\":\"ev-6\",\"type\":\"zen:event-type:user.created\",\"subject\":\"zen:user:1\","
                + "\"detail\":{\"id\":\"1\"},\"event\":{}}";
        ParsedEvents<HelpdeskEvent> parsed = connector.parse(unsigned(body), context());
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.notes()).singleElement().asString().contains("user.created");
        assertThat(connector.keys(unsigned(body), context())).isEqualTo(new InboundKeys("event:ev-6", null));
    }

    @Test
    void parsesTheVendorFilesTriggerTemplateAsATicketUpdate() {
        String body = "{\"event\":\"ticket_updated\",\"ticket_id\":\"35436\",\"status\":\"Solved\","
                + "\"priority\":\"High\",\"subject\":\"Missed call\",\"requester_id\":\"9873843\","
                + "\"requester_email\":\"\",\"requester_phone\":\"+79990001122\",\"assignee_id\":\"\","
                + "\"latest_comment\":\"x\",\"latest_public_comment\":\"\",\"updated_at\":\"May 02, 2024\"}";
        ParsedEvents<HelpdeskEvent> parsed = connector.parse(unsigned(body,
                Map.of("X-Zendesk-Webhook-Invocation-Id", List.of("inv-7"))), context());
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketChanged("invocation:inv-7", "35436",
                null, "solved", TicketStatus.RESOLVED, null, false, false));
        assertThat(parsed.notes()).singleElement().asString().contains("previous_status");
    }

    @Test
    void aTriggerTemplateWithAnUnchangedStatusReportsOnlyTheAssignee() {
        String body = "{\"event\":\"ticket_updated\",\"ticket_id\":\"35436\",\"status\":\"open\","
                + "\"previous_status\":\"open\",\"assignee_id\":\"235323\"}";
        assertThat(connector.parse(unsigned(body), context()).events()).containsExactly(
                new HelpdeskEvent.TicketChanged(null, "35436", null, null, null, "235323", false, false));
    }

    @Test
    void parsesTriggerTemplatesForNewTicketsAndComments() {
        String created = "{\"event\":\"ticket_created\",\"ticket_id\":\"35436\",\"external_id\":\"call-7f3a\","
                + "\"requester_id\":\"9873843\",\"subject\":\"Missed call\"}";
        assertThat(connector.parse(unsigned(created), context()).events()).containsExactly(
                new HelpdeskEvent.TicketCreated(null, "35436", "call-7f3a", "9873843", "Missed call"));
        String comment = "{\"event\":\"comment_added\",\"ticket_id\":\"35436\",\"comment_id\":\"{{ticket.latest_comment.id}}\","
                + "\"comment\":\"Hello\",\"comment_public\":\"false\",\"author_id\":\"235323\","
                + "\"author_name\":\"Anna\",\"requester_id\":\"9873843\"}";
        assertThat(connector.parse(unsigned(comment), context()).events()).containsExactly(
                new HelpdeskEvent.CommentAdded(null, "35436", null, "Hello", true, AuthorKind.AGENT, "235323", null,
                        "Anna"));
    }

    @Test
    void aPayloadWithoutTicketIsSkippedWithANote() {
        ParsedEvents<HelpdeskEvent> parsed = connector.parse(unsigned("{\"hello\":\"world\"}"), context());
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.notes()).hasSize(1);
    }

    @Test
    void anUnknownTriggerEventIsReadAsAnUpdateWithANote() {
        ParsedEvents<HelpdeskEvent> parsed = connector.parse(unsigned("{\"ticket_id\":35436,\"status\":\"pending\","
                + "\"previous_status\":\"open\"}"), context());
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketChanged(null, "35436", "open", "pending",
                TicketStatus.PENDING, null, false, false));
        assertThat(parsed.notes()).anySatisfy(n -> assertThat(n).contains("read as a ticket update"));
    }
}
