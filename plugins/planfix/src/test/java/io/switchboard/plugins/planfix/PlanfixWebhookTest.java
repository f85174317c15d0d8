package io.switchboard.plugins.planfix;

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
import io.switchboard.plugins.planfix.fake.PlanfixWebhooks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planfix scenario webhooks, tidy and messy: authenticity, keys and events. */
class PlanfixWebhookTest extends PlanfixTestSupport {

    private final PlanfixWebhooks hooks = new PlanfixWebhooks();

    private ParsedEvents<HelpdeskEvent> parse(InboundRequest request) {
        return connector.parse(request, context());
    }

    @Test
    void aCommentBecomesCommentAddedWithPlainTextAndItsAuthor() {
        InboundRequest request = json(hooks.commentAdded(1001, 90001L, "Hello&nbsp;Ivan,<br>the order is <b>ready"
                + "</b> &amp; paid", 5L, "Anna Smirnova", "anna@acme.test"));

        ParsedEvents<HelpdeskEvent> parsed = parse(request);

        assertThat(parsed.notes()).isEmpty();
        assertThat(parsed.events()).singleElement().isEqualTo(new HelpdeskEvent.CommentAdded("comment:90001",
                "1001", "90001", "Hello Ivan,\nthe order is ready & paid", false, AuthorKind.AGENT, "5",
                "anna@acme.test", "Anna Smirnova"));
        assertThat(connector.keys(request, context())).isEqualTo(InboundKeys.of("comment:90001", "1001"));
    }

    @Test
    void aRepeatedDeliveryHasTheSameEventIdAlsoWithoutACommentNumber() {
        String body = hooks.commentAdded(1001, null, "Thanks", 5L, "Anna Smirnova", "anna@acme.test");
        InboundKeys first = connector.keys(json(body), context());
        InboundKeys again = connector.keys(json(body), context());
        assertThat(again).isEqualTo(first);
        assertThat(first.dedupKey()).startsWith("comment:1001:");
        assertThat(connector.keys(json(hooks.commentAdded(1001, null, "Thanks!", 5L, "Anna Smirnova",
                "anna@acme.test")), context()).dedupKey()).isNotEqualTo(first.dedupKey());

        ParsedEvents<HelpdeskEvent> parsed = parse(json(body));
        assertThat(parsed.events()).singleElement().satisfies(e -> assertThat(e.eventId()).isEqualTo(
                first.dedupKey()));
        assertThat(parsed.notes()).singleElement().asString().contains("no comment number");
    }

    @Test
    void formBodiesNestedObjectsAndOtherSpellingsReadTheSame() {
        HelpdeskEvent fromForm = parse(request("application/x-www-form-urlencoded",
                hooks.commentAddedAsForm(1001, 90001, "Hi", 5, "Anna Smirnova", "anna@acme.test"), Map.of()))
                .events().get(0);
        HelpdeskEvent fromNested = parse(json("{\"Event\":\"Comment added\",\"taskId\":\"#1001\","
                + "\"comment\":{\"id\":90001,\"text\":\"Hi\"},\"author\":{\"id\":\"user:5\",\"name\":\"Anna"
                + " Smirnova\",\"email\":\"anna@acme.test\"},\"date\":\"02-05-2024 12:00\"}")).events().get(0);
        HelpdeskEvent fromPlainText = parse(request("text/plain", "{\"task\":1001,\"COMMENT-ID\":90001,\"text\":\"Hi\","
                + "\"author_email\":\"anna@acme.test\",\"author_id\":5,\"author_name\":\"Anna Smirnova\"}",
                Map.of())).events().get(0);
        HelpdeskEvent expected = new HelpdeskEvent.CommentAdded("comment:90001", "1001", "90001", "Hi", false,
                AuthorKind.AGENT, "5", "anna@acme.test", "Anna Smirnova");
        assertThat(List.of(fromForm, fromNested, fromPlainText)).containsOnly(expected);
    }

    @Test
    void commentsOfTheIntegrationsEmployeeOfContactsAndHiddenOnesAreToldApart() {
        HelpdeskEvent own = parse(json(hooks.commentAdded(1001, 90002L, "Client wrote: hi", ROBOT, "API Robot",
                "robot@planfix.test"))).events().get(0);
        assertThat(((HelpdeskEvent.CommentAdded) own).author()).isEqualTo(AuthorKind.SYSTEM);

        HelpdeskEvent.CommentAdded client = (HelpdeskEvent.CommentAdded) parse(json("{\"event\":\"comment\","
                + "\"task\":\"1001\",\"comment_id\":\"90003\",\"text\":\"By e-mail\",\"author_id\":\"contact:501\","
                + "\"author_name\":\"Ivan Petrov\"}")).events().get(0);
        assertThat(client.author()).isEqualTo(AuthorKind.CLIENT);
        assertThat(client.authorId()).isEqualTo("501");

        HelpdeskEvent.CommentAdded hidden = (HelpdeskEvent.CommentAdded) parse(json("{\"event\":\"comment\","
                + "\"task\":\"1001\",\"comment_id\":\"90004\",\"text\":\"note\",\"hidden\":\"Да\","
                + "\"author_type\":\"Сотрудник\"}")).events().get(0);
        assertThat(hidden.internal()).isTrue();
        assertThat(hidden.author()).isEqualTo(AuthorKind.AGENT);
    }

    @Test
    void unfilledVariablesEmptyCommentsUnknownEventsAndMissingTasksAreSkippedWithANote() {
        ParsedEvents<HelpdeskEvent> unfilled = parse(json(hooks.commentWithUnfilledVariables(1001)));
        assertThat(unfilled.events()).singleElement().satisfies(e -> {
            HelpdeskEvent.CommentAdded comment = (HelpdeskEvent.CommentAdded) e;
            assertThat(comment.commentId()).isNull();
            assertThat(comment.authorEmail()).isNull();
        });
        assertThat(unfilled.notes()).anySatisfy(n -> assertThat(n).contains("unfilled").contains("comment_id"));

        assertThat(parse(json(hooks.commentAdded(1001, 90005L, "<p> </p>", 5L, "Anna", null))).notes())
                .singleElement().asString().contains("without text");
        assertThat(parse(json("{\"event\":\"task_deleted\",\"task\":\"1001\"}")).notes()).singleElement().asString()
                .contains("'task_deleted'");
        assertThat(parse(json("{\"event\":\"comment\",\"text\":\"hi\"}")).notes()).singleElement().asString()
                .contains("without a task number");
        assertThat(parse(json("{\"hello\":\"world\"}")).events()).isEmpty();
        assertThat(connector.keys(json("{\"event\":\"comment\",\"text\":\"hi\"}"), context()))
                .isEqualTo(InboundKeys.none());
    }

    @Test
    void aBodyThatIsNeitherJsonNorFormIsRefusedByKeysAndSkippedByParse() {
        InboundRequest garbage = request("application/json", "[1,2,3]", Map.of());
        assertThatThrownBy(() -> connector.keys(garbage, context())).isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(400));
        assertThat(parse(garbage).events()).isEmpty();
        assertThat(parse(request("text/plain", "hello", Map.of())).notes()).singleElement().asString()
                .contains("could not be read");
    }

    @Test
    void aStatusChangeCarriesTheStatusIdOrItsNameWithTheClosedMeaningForCompleted() {
        ParsedEvents<HelpdeskEvent> byName = parse(json(hooks.statusChanged(1001, "Завершенная", null)));
        assertThat(byName.events()).singleElement().satisfies(e -> {
            HelpdeskEvent.TicketChanged changed = (HelpdeskEvent.TicketChanged) e;
            assertThat(changed.ticketId()).isEqualTo("1001");
            assertThat(changed.newStatusId()).isEqualTo("Завершенная");
            assertThat(changed.newStatus()).isEqualTo(TicketStatus.CLOSED);
            assertThat(changed.byAutomation()).isFalse();
            assertThat(changed.eventId()).startsWith("status:1001:");
        });
        assertThat(byName.notes()).singleElement().asString().contains("no status id");

        HelpdeskEvent.TicketChanged byId = (HelpdeskEvent.TicketChanged) parse(json(
                hooks.statusChanged(1001, "Completed", 3L))).events().get(0);
        assertThat(byId.newStatusId()).isEqualTo("3");
        assertThat(byId.newStatus()).isEqualTo(TicketStatus.CLOSED);
        String body = hooks.statusChanged(1001, "Completed", 3L);
        assertThat(connector.keys(json(body), context())).isEqualTo(connector.keys(json(body), context()));
    }

    @Test
    void withASecretConfiguredTheRequestMustCarryItAndItIsNotStored() {
        String secret = "hook-secret-1";
        PlanfixWebhooks signed = new PlanfixWebhooks(secret);
        InboundRequest inBody = json(signed.commentAdded(1001, 90001L, "Hi", 5L, "Anna", "anna@acme.test"));
        InboundRequest inQuery = request("application/json", hooks.commentAdded(1001, 90001L, "Hi", 5L, "Anna",
                "anna@acme.test"), Map.of("secret", List.of(secret)));
        var withSecret = context("webhook_secret", secret);

        assertThatCode(() -> connector.verify(inBody, withSecret)).doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(inQuery, withSecret)).doesNotThrowAnyException();
        assertThatThrownBy(() -> connector.verify(json(new PlanfixWebhooks("guess").commentAdded(1001, 1L, "x", 5L,
                "a", null)), withSecret)).isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(401))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        assertThatThrownBy(() -> connector.verify(json(hooks.commentAdded(1001, 1L, "x", 5L, "a", null)),
                withSecret)).isInstanceOf(WebhookRejectedException.class);
        assertThatCode(() -> connector.verify(json(hooks.commentAdded(1001, 1L, "x", 5L, "a", null)), context()))
                .as("without a secret the unguessable URL is the only proof").doesNotThrowAnyException();

        assertThat(connector.withoutProof(inBody).bodyText()).doesNotContain(secret).contains("\"task\":\"1001\"");
        assertThat(new String(connector.withoutProof(inQuery).body(), StandardCharsets.UTF_8)).contains("Hi");
        assertThat(connector.withoutProof(inQuery).query()).doesNotContainKey("secret");
        assertThat(parse(connector.withoutProof(inBody)).events()).hasSize(1);
    }
}
