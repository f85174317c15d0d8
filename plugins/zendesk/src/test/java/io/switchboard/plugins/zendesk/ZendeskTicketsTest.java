package io.switchboard.plugins.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketType;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZendeskTicketsTest extends ZendeskTestSupport {

    private TicketDraft draft(long requester, String externalId) {
        return new TicketDraft("Missed call from +79990001122", "Caller waited 45 s", false,
                String.valueOf(requester), null, null, null, null, null, null, null, null, null, externalId);
    }

    @Test
    void createsATicketWithEverythingTheDraftCarries() {
        long ivan = zendesk.addEndUser("Ivan", "ivan@example.com", "+79990001122");
        long anna = zendesk.addAgent("Anna", "anna@acme.test");
        long org = zendesk.addOrganization("ACME");
        long utm = zendesk.addTicketField("UTM source", "text");
        Ticket ticket = connector.createTicket(new TicketDraft("Missed call from +79990001122",
                "Type: missed\nDuration: 0 s", true, String.valueOf(ivan), String.valueOf(org), TicketType.INCIDENT,
                TicketPriority.HIGH, null, List.of("telephony", "missed"), String.valueOf(anna), List.of("1"), null,
                Map.of(String.valueOf(utm), "google"), "call-7f3a"), context());

        ZendeskFake.Ticket stored = zendesk.ticket(Long.parseLong(ticket.id())).orElseThrow();
        assertThat(stored.subject()).isEqualTo("Missed call from +79990001122");
        assertThat(stored.requesterId()).isEqualTo(ivan);
        assertThat(stored.organizationId()).isEqualTo(org);
        assertThat(stored.assigneeId()).isEqualTo(anna);
        assertThat(stored.priority()).isEqualTo("high");
        assertThat(stored.type()).isEqualTo("incident");
        assertThat(stored.tags()).containsExactly("telephony", "missed");
        assertThat(stored.customFields()).containsEntry(utm, "google");
        assertThat(stored.externalId()).isEqualTo("call-7f3a");
        assertThat(zendesk.comments(stored.id())).singleElement().satisfies(c -> {
            assertThat(c.body()).isEqualTo("Type: missed\nDuration: 0 s");
            assertThat(c.isPublic()).isFalse();
        });

        assertThat(ticket.statusId()).isEqualTo("open");
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.clientId()).isEqualTo(String.valueOf(ivan));
        assertThat(ticket.assigneeId()).isEqualTo(String.valueOf(anna));
        assertThat(ticket.externalId()).isEqualTo("call-7f3a");
        assertThat(ticket.number()).isEqualTo(ticket.id());
        assertThat(ticket.url()).isEqualTo(zendesk.baseUrl() + "agent/tickets/" + ticket.id());
        assertThat(ticket.updatedAt()).isNotNull();
    }

    @Test
    void withoutStatusOrAssigneeTheTicketIsNewAndAnEmptyBodyBecomesTheSubject() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        Ticket ticket = connector.createTicket(new TicketDraft("Call from +79990001122", "", false,
                String.valueOf(ivan), null, TicketType.QUESTION, TicketPriority.NORMAL, null, null, null, null, null,
                null, null), context());
        assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
        ZendeskFake.Ticket stored = zendesk.tickets().get(0);
        assertThat(stored.priority()).isEqualTo("normal");
        assertThat(stored.type()).isEqualTo("question");
        assertThat(zendesk.comments(stored.id()).get(0).body()).isEqualTo("Call from +79990001122");
        assertThat(zendesk.comments(stored.id()).get(0).isPublic()).isTrue();
        assertThat(zendesk.requests().get(0).body()).doesNotContain("external_id").doesNotContain("\"status\"");
    }

    @Test
    void anUnknownCustomFieldIsRefusedPermanentlyWithZendesksWords() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        assertThatThrownBy(() -> connector.createTicket(new TicketDraft("S", "B", false, String.valueOf(ivan), null,
                null, null, null, null, null, null, null, Map.of("999", "x"), null), context()))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessage("Could not create a ticket: Zendesk answered HTTP 422 (RecordInvalid: Record validation"
                        + " errors; Custom field 999 is unknown [InvalidValue])");
    }

    @Test
    void closedCannotBeSetAndUnknownStatusesAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> connector.updateTicket("1", TicketUpdate.status("closed"), context()))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("closed directly");
        assertThatThrownBy(() -> connector.updateTicket("1", TicketUpdate.status("archived"), context()))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("not a Zendesk ticket status");
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    void theIdempotencyKeyFindsTheTicketCreatedWithIt() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        assertThat(connector.findTicketByExternalId("call-1", String.valueOf(ivan), context())).isEmpty();
        Ticket created = connector.createTicket(draft(ivan, "call-1"), context());
        zendesk.addTicket(ivan, "Other", "open", "call-2");

        Ticket found = connector.findTicketByExternalId("call-1", String.valueOf(ivan), context()).orElseThrow();
        assertThat(found.id()).isEqualTo(created.id());
        assertThat(found.externalId()).isEqualTo("call-1");
        assertThat(connector.findTicketByExternalId("call-1", null, context())).get()
                .extracting(Ticket::id).isEqualTo(created.id());
        assertThat(zendesk.requests()).filteredOn(r -> r.method().equals("GET"))
                .allSatisfy(r -> assertThat(r.path() + "?" + r.query()).startsWith("/api/v2/tickets?external_id=call-"));
    }

    @Test
    void findsARequestersTicketsInTheGivenStatusesNewestFirstAcrossPages() {
        zendesk.limitPageSize(2);
        long ivan = zendesk.addEndUser("Ivan", null, null);
        long other = zendesk.addEndUser("Other", null, null);
        long open1 = zendesk.addTicket(ivan, "first", "open", null);
        zendesk.addTicket(ivan, "solved", "solved", null);
        zendesk.addTicket(other, "not his", "open", null);
        long pending = zendesk.addTicket(ivan, "pending", "pending", null);
        long new1 = zendesk.addTicket(ivan, "new", "new", null);
        zendesk.addTicket(ivan, "closed", "closed", null);

        List<Ticket> found = connector.findTickets(new TicketQuery(String.valueOf(ivan),
                Set.of("new", "open", "pending"), 10), context());
        assertThat(found).extracting(Ticket::id).containsExactly(String.valueOf(new1), String.valueOf(pending),
                String.valueOf(open1));
        assertThat(found.get(0).status()).isEqualTo(TicketStatus.NEW);
        assertThat(zendesk.calls()).containsOnly("GET /api/v2/users/" + ivan + "/tickets/requested").hasSize(3);

        assertThat(connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of("open", "pending"), 1),
                context())).extracting(Ticket::id).containsExactly(String.valueOf(pending));
        assertThat(connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of(), 100), context()))
                .hasSize(5);
    }

    @Test
    void statusIdsAreMatchedWhateverTheirCase() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        long hold = zendesk.addTicket(ivan, "waiting", "hold", null);
        assertThat(connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of("HOLD"), 5), context()))
                .extracting(Ticket::id, Ticket::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(String.valueOf(hold), TicketStatus.ON_HOLD));
    }

    @Test
    void aCreationRepeatedAfterALostAnswerGetsTheFirstTicketThroughTheIdempotencyKey() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        Ticket first = connector.createTicket(draft(ivan, "sb-call-9"), context());
        Ticket repeated = connector.createTicket(draft(ivan, "sb-call-9"), context());

        assertThat(repeated.id()).isEqualTo(first.id());
        assertThat(zendesk.tickets()).hasSize(1);
        // Without a key (no external id in the draft) each creation is a new ticket.
        connector.createTicket(draft(ivan, null), context());
        connector.createTicket(draft(ivan, null), context());
        assertThat(zendesk.tickets()).hasSize(3);
    }

    @Test
    void aCommentIsFoundAgainByItsTextNewestFirstAndNotWhenAbsent() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        long ticket = zendesk.addTicket(ivan, "Call", "open", null);
        CommentDraft details = CommentDraft.internalNote("Answered, 2 min 5 s\nCall id: 17", "sb-call-comment-17");
        assertThat(connector.findComment(String.valueOf(ticket), details, context())).isEmpty();
        ExternalRef added = connector.addComment(String.valueOf(ticket), details, context());
        connector.addComment(String.valueOf(ticket), CommentDraft.internalNote("Another note", null), context());

        assertThat(connector.findComment(String.valueOf(ticket), details, context())).contains(added);
        assertThat(connector.descriptor().capabilities()).contains(io.switchboard.spi.Capability.COMMENT_LOOKUP);
    }

    @Test
    void addsAnInternalNoteThroughATicketUpdate() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        long ticket = zendesk.addTicket(ivan, "Call", "open", null);
        ExternalRef ref = connector.addComment(String.valueOf(ticket),
                CommentDraft.internalNote("Answered, 2 min 5 s\nRecording: https://rec.example/1", "c-1"), context());
        ZendeskFake.Comment note = zendesk.comments(ticket).get(1);
        assertThat(note.body()).isEqualTo("Answered, 2 min 5 s\nRecording: https://rec.example/1");
        assertThat(note.isPublic()).isFalse();
        assertThat(note.authorId()).isEqualTo(zendesk.apiUserId());
        assertThat(ref).isEqualTo(new ExternalRef(ExternalRef.EntityType.COMMENT, String.valueOf(note.id()),
                zendesk.baseUrl() + "agent/tickets/" + ticket));
        assertThat(zendesk.requests()).singleElement().satisfies(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo("PUT /api/v2/tickets/" + ticket);
            assertThat(r.body()).isEqualTo("{\"ticket\":{\"comment\":{\"body\":\"Answered, 2 min 5 s\\nRecording:"
                    + " https://rec.example/1\",\"public\":false}}}");
        });
    }

    @Test
    void aPublicReplyCanBePostedAsAnAgentOrAsTheRequester() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        long anna = zendesk.addAgent("Anna", "anna@acme.test");
        long ticket = zendesk.addTicket(ivan, "Chat", "open", null);
        connector.addComment(String.valueOf(ticket), new CommentDraft("Hello", false, String.valueOf(anna), false,
                null), context());
        connector.addComment(String.valueOf(ticket), new CommentDraft("Thanks", false, null, true, null), context());
        List<ZendeskFake.Comment> comments = zendesk.comments(ticket);
        assertThat(comments.get(1).authorId()).isEqualTo(anna);
        assertThat(comments.get(1).isPublic()).isTrue();
        assertThat(comments.get(2).authorId()).isEqualTo(ivan);
        assertThat(comments.get(2).isPublic()).isTrue();
    }

    @Test
    void aClosedTicketCannotBeCommented() {
        long ticket = zendesk.addTicket(zendesk.addEndUser("Ivan", null, null), "Old", "closed", null);
        assertThatThrownBy(() -> connector.addComment(String.valueOf(ticket), CommentDraft.internalNote("x", null),
                context())).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("closed prevents ticket update");
    }

    @Test
    void updatesOnlyWhatIsSetAndAddsTags() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        long anna = zendesk.addAgent("Anna", "anna@acme.test");
        long utm = zendesk.addTicketField("UTM source", "text");
        Ticket created = connector.createTicket(new TicketDraft("S", "B", false, String.valueOf(ivan), null, null,
                null, null, List.of("telephony"), null, null, null, null, null), context());
        connector.updateTicket(created.id(), new TicketUpdate(String.valueOf(anna), "pending", TicketPriority.URGENT,
                List.of("missed"), Map.of(String.valueOf(utm), "google")), context());
        ZendeskFake.Ticket stored = zendesk.ticket(Long.parseLong(created.id())).orElseThrow();
        assertThat(stored.assigneeId()).isEqualTo(anna);
        assertThat(stored.status()).isEqualTo("pending");
        assertThat(stored.priority()).isEqualTo("urgent");
        assertThat(stored.tags()).containsExactly("telephony", "missed");
        assertThat(stored.customFields()).containsEntry(utm, "google");
        // Fields through Update Ticket (without tags: there they would replace the ticket's), tags through Add Tags.
        assertThat(zendesk.calls().subList(1, 3)).containsExactly("PUT /api/v2/tickets/" + created.id(),
                "PUT /api/v2/tickets/" + created.id() + "/tags");
        assertThat(zendesk.requests().get(1).body()).doesNotContain("tags");
        assertThat(zendesk.requests().get(2).body()).isEqualTo("{\"tags\":[\"missed\"]}");

        connector.updateTicket(created.id(), new TicketUpdate(null, null, null, List.of("callback", "missed"), null),
                context());
        assertThat(zendesk.ticket(Long.parseLong(created.id())).orElseThrow().tags())
                .containsExactly("telephony", "missed", "callback");
        assertThat(zendesk.calls()).last().isEqualTo("PUT /api/v2/tickets/" + created.id() + "/tags");

        int before = zendesk.requests().size();
        connector.updateTicket(created.id(), new TicketUpdate(null, null, null, null, null), context());
        assertThat(zendesk.requests()).hasSize(before);
    }

    @Test
    void anUnknownAssigneeIsRefusedPermanently() {
        long ticket = zendesk.addTicket(zendesk.addEndUser("Ivan", null, null), "S", "open", null);
        assertThatThrownBy(() -> connector.updateTicket(String.valueOf(ticket), TicketUpdate.assignee("5"), context()))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("Assignee: is not an agent");
    }

    @Test
    void aTicketsUpdatedAtIsRead() {
        long ivan = zendesk.addEndUser("Ivan", null, null);
        zendesk.addTicket(ivan, "S", "open", null);
        Ticket ticket = connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of(), 1), context()).get(0);
        assertThat(ticket.updatedAt()).isAfter(Instant.parse("2024-05-02T10:00:00Z"));
    }

    @Test
    void aTicketCreatedMomentsAgoIsFoundAlthoughTheSearchIndexLags() {
        zendesk.simulateSearchLag(true);
        long ivan = zendesk.addEndUser("Ivan", null, null);
        Ticket created = connector.createTicket(draft(ivan, "call-lag"), context());
        assertThat(connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of("new"), 1), context()))
                .extracting(Ticket::id).containsExactly(created.id());
        assertThat(connector.findTicketByExternalId("call-lag", null, context())).isPresent();
    }
}
