package io.switchboard.plugins.deskie;

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
import io.switchboard.plugins.deskie.fake.DeskieFake;
import io.switchboard.plugins.deskie.fake.DeskieWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deskie rule webhooks, tidy and messy: authenticity, keys and events (CW2: replies back to the website). */
class DeskieWebhookTest extends DeskieTestSupport {

    private final DeskieWebhooks hooks = new DeskieWebhooks();

    private ParsedEvents<HelpdeskEvent> parse(InboundRequest request) {
        return connector.parse(request, context());
    }

    private long kase() {
        return deskie.addCase(deskie.addUser("Ivan Petrov", "ivan@example.com"), "Order 5", "open");
    }

    @Test
    void anAgentsReplyBecomesCommentAddedByTheAgent() {
        long kase = kase();
        DeskieFake.Message reply = deskie.addAgentReply(kase, 30, "Hello Ivan,\nthe order is <ready> & paid");
        InboundRequest request = json(hooks.forMessage(deskie, reply));

        ParsedEvents<HelpdeskEvent> parsed = parse(request);

        String id = String.valueOf(reply.messageId());
        assertThat(parsed.notes()).isEmpty();
        assertThat(parsed.events()).singleElement().isEqualTo(new HelpdeskEvent.CommentAdded("message:" + id,
                String.valueOf(kase), id, "Hello Ivan,\nthe order is <ready> & paid", false, AuthorKind.AGENT, "30",
                "anna@acme.test", "Anna Smirnova"));
        assertThat(connector.keys(request, context())).isEqualTo(InboundKeys.of("message:" + id,
                String.valueOf(kase)));
    }

    @Test
    void theCustomersEmailReplyBecomesCommentAddedByTheClient() {
        long kase = kase();
        DeskieFake.Message answer = deskie.addCustomerEmailReply(kase, "Thanks, got it");
        ParsedEvents<HelpdeskEvent> parsed = parse(json(hooks.forMessage(deskie, answer)));
        assertThat(parsed.events()).singleElement().isInstanceOfSatisfying(HelpdeskEvent.CommentAdded.class, c -> {
            assertThat(c.author()).isEqualTo(AuthorKind.CLIENT);
            assertThat(c.body()).isEqualTo("Thanks, got it");
            assertThat(c.authorEmail()).isEqualTo("ivan@example.com");
            assertThat(c.authorName()).isEqualTo("Ivan Petrov");
            assertThat(c.internal()).isFalse();
        });
    }

    @Test
    void aNoteIsInternalAndTheIntegrationsOwnReplyIsTheSystems() {
        long kase = kase();
        ParsedEvents<HelpdeskEvent> note = parse(json(hooks.forMessage(deskie, deskie.addNote(kase, 30, "VIP"))));
        assertThat(note.events()).singleElement().isInstanceOfSatisfying(HelpdeskEvent.CommentAdded.class,
                c -> assertThat(c.internal()).isTrue());

        ParsedEvents<HelpdeskEvent> own = parse(json(hooks.forMessage(deskie, deskie.addAgentReply(kase, 22,
                "Posted by Switchboard"))));
        assertThat(own.events()).singleElement().isInstanceOfSatisfying(HelpdeskEvent.CommentAdded.class,
                c -> assertThat(c.author()).isEqualTo(AuthorKind.SYSTEM));
        assertThat(own.notes()).singleElement().asString().contains("agent of the API key");
    }

    @Test
    void aRepeatedDeliveryHasTheSameEventIdAlsoWithoutAMessageId() {
        long kase = kase();
        DeskieFake.Message reply = deskie.addAgentReply(kase, 30, "Thanks");
        DeskieFake.Case c = deskie.caseById(kase).orElseThrow();
        String body = hooks.agentReplyWithoutMessageId(c, reply, deskie.staff(30).orElseThrow());

        InboundKeys first = connector.keys(json(body), context());
        assertThat(connector.keys(json(body), context())).isEqualTo(first);
        assertThat(first.dedupKey()).startsWith("message:" + kase + ":");
        DeskieFake.Message other = deskie.addAgentReply(kase, 30, "Thanks!");
        assertThat(connector.keys(json(hooks.agentReplyWithoutMessageId(c, other, deskie.staff(30).orElseThrow())),
                context()).dedupKey()).isNotEqualTo(first.dedupKey());

        ParsedEvents<HelpdeskEvent> parsed = parse(json(body));
        assertThat(parsed.events()).singleElement().satisfies(e -> assertThat(e.eventId()).isEqualTo(
                first.dedupKey()));
        assertThat(parsed.notes()).singleElement().asString().contains("no message id");
    }

    @Test
    void aStatusChangeBecomesTicketChangedAlsoFromALocalizedLabel() {
        long kase = kase();
        DeskieFake.Case closed = deskie.setStatus(kase, "closed");
        ParsedEvents<HelpdeskEvent> parsed = parse(json(hooks.statusChanged(closed, "closed")));
        assertThat(parsed.events()).singleElement().isEqualTo(new HelpdeskEvent.TicketChanged(
                parsed.events().get(0).eventId(), String.valueOf(kase), null, "closed", TicketStatus.CLOSED, null,
                false, false));
        assertThat(parsed.events().get(0).eventId()).startsWith("status:" + kase + ":");

        ParsedEvents<HelpdeskEvent> russian = parse(json(hooks.statusChanged(closed, "Закрыто")));
        assertThat(russian.events()).singleElement().isInstanceOfSatisfying(HelpdeskEvent.TicketChanged.class,
                e -> assertThat(e.newStatus()).isEqualTo(TicketStatus.CLOSED));
        ParsedEvents<HelpdeskEvent> odd = parse(json(hooks.statusChanged(closed, "Escalated")));
        assertThat(odd.events()).singleElement().isInstanceOfSatisfying(HelpdeskEvent.TicketChanged.class,
                e -> assertThat(e.newStatus()).isEqualTo(TicketStatus.OTHER));
        assertThat(odd.notes()).singleElement().asString().contains("Escalated");
    }

    @Test
    void formBodiesGetRulesNestedObjectsAndTheLaravelConventionReadTheSame() {
        long kase = kase();
        DeskieFake.Message reply = deskie.addAgentReply(kase, 30, "Done");
        String expectedText = "Done";

        InboundRequest form = request("application/x-www-form-urlencoded", "event=agent_reply&case_id=" + kase
                + "&message_id=" + reply.messageId() + "&message=Done&staff_email=anna%40acme.test", Map.of());
        InboundRequest get = new InboundRequest("GET", Map.of(), Map.of("event", List.of("agent_reply"),
                "case_id", List.of(String.valueOf(kase)), "message", List.of("Done"), "staff_id", List.of("30")),
                new byte[0], Instant.parse("2024-05-02T12:00:00Z"));
        InboundRequest nested = json("{\"event\":\"Agent reply\",\"case\":{\"id\":\"#" + kase + "\",\"number\":\""
                + "664-1\"},\"message\":{\"id\":" + reply.messageId() + ",\"text\":\"<p>Done</p>\"},\"staff\":{\"email\""
                + ":\"anna@acme.test\",\"name\":\"Anna\"}}");
        InboundRequest laravel = json(hooks.messageNew(reply));

        for (InboundRequest request : List.of(form, get, nested, laravel)) {
            ParsedEvents<HelpdeskEvent> parsed = parse(request);
            assertThat(parsed.events()).as(request.bodyText()).singleElement()
                    .isInstanceOfSatisfying(HelpdeskEvent.CommentAdded.class, c -> {
                        assertThat(c.ticketId()).isEqualTo(String.valueOf(kase));
                        assertThat(c.body()).isEqualTo(expectedText);
                        assertThat(c.author()).isEqualTo(AuthorKind.AGENT);
                    });
        }
    }

    @Test
    void emptyUnknownAndUnreadableBodiesAreSkippedWithANote() {
        long kase = kase();
        assertThat(parse(json("")).notes()).singleElement().asString().contains("empty Deskie webhook");
        assertThat(connector.keys(json(""), context())).isEqualTo(InboundKeys.none());
        assertThat(parse(json("{\"event\":\"rating\",\"case_id\":\"" + kase + "\"}")).notes()).singleElement()
                .asString().contains("'rating'");
        assertThat(parse(json("{\"event\":\"agent_reply\",\"message\":\"Hi\"}")).notes()).singleElement()
                .asString().contains("without a case id");
        assertThat(parse(json("{\"event\":\"agent_reply\",\"case_id\":\"" + kase + "\",\"message\":\"<p></p>\"}"))
                .events()).isEmpty();
        assertThat(parse(json("{not json")).notes()).singleElement().asString().contains("could not be read");
        assertThat(connector.keys(json("{not json"), context())).isEqualTo(InboundKeys.none());

        ParsedEvents<HelpdeskEvent> unfilled = parse(json(hooks.withUnfilledVariables(kase)));
        assertThat(unfilled.events()).singleElement().isInstanceOfSatisfying(HelpdeskEvent.CommentAdded.class,
                c -> assertThat(c.commentId()).isNull());
        assertThat(unfilled.notes()).anySatisfy(n -> assertThat(n).contains("staff_email", "message_id"));
    }

    @Test
    void withASecretOnlyRequestsCarryingItPassAndItIsNotStored() {
        long kase = kase();
        var context = context("webhook_secret", "s3cret-hook");
        DeskieWebhooks signed = new DeskieWebhooks("s3cret-hook");
        DeskieFake.Message reply = deskie.addAgentReply(kase, 30, "Done");

        InboundRequest inBody = json(signed.forMessage(deskie, reply));
        assertThatCode(() -> connector.verify(inBody, context)).doesNotThrowAnyException();
        assertThat(connector.withoutProof(inBody).bodyText()).doesNotContain("s3cret-hook");

        InboundRequest inQuery = request("application/json", hooks.forMessage(deskie, reply),
                Map.of("secret", List.of("s3cret-hook")));
        assertThatCode(() -> connector.verify(inQuery, context)).doesNotThrowAnyException();
        assertThat(connector.withoutProof(inQuery).query()).doesNotContainKey("secret");

        InboundRequest inHeader = new InboundRequest("POST", Map.of("Content-Type", List.of("application/json"),
                "X-Webhook-Secret", List.of("s3cret-hook")), Map.of(),
                hooks.forMessage(deskie, reply).getBytes(StandardCharsets.UTF_8), Instant.now());
        assertThatCode(() -> connector.verify(inHeader, context)).doesNotThrowAnyException();
        assertThat(connector.withoutProof(inHeader).header("X-Webhook-Secret")).isEmpty();

        InboundRequest bearer = new InboundRequest("POST", Map.of("Authorization", List.of("Bearer s3cret-hook")),
                Map.of(), hooks.forMessage(deskie, reply).getBytes(StandardCharsets.UTF_8), Instant.now());
        assertThatCode(() -> connector.verify(bearer, context)).doesNotThrowAnyException();

        assertThatThrownBy(() -> connector.verify(json(hooks.forMessage(deskie, reply)), context))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> connector.verify(json(new DeskieWebhooks("guess").forMessage(deskie, reply)),
                context)).isInstanceOf(WebhookRejectedException.class).hasMessageNotContaining("s3cret-hook");
        // Without a configured secret the unguessable URL is the proof.
        assertThatCode(() -> connector.verify(json(hooks.forMessage(deskie, reply)), context()))
                .doesNotThrowAnyException();
    }
}
