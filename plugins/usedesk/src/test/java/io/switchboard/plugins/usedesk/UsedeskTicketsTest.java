package io.switchboard.plugins.usedesk;

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
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ticket and comment operations against the Usedesk fake over HTTP. */
class UsedeskTicketsTest {

    private static final String TOKEN = "T0K3N";

    private final UsedeskConnector connector = new UsedeskConnector();
    private UsedeskFake usedesk;
    private TestConnectorContext context;
    private long clientId;

    @BeforeEach
    void startFake() {
        usedesk = new UsedeskFake(TOKEN).addAgent(545, "Anna Agent", "anna@example.com");
        context = TestConnectorContext.with(Map.of("api_token", TOKEN, "region", "custom",
                "base_url", usedesk.baseUrl()));
        clientId = usedesk.addClient("Ivan", "ivan@example.com", "79990001122");
    }

    @AfterEach
    void stopFake() {
        usedesk.close();
    }

    private TicketDraft draft(String externalId) {
        return new TicketDraft("Callback request", "Missed call from <+79990001122> & \"friends\"", true,
                String.valueOf(clientId), null, TicketType.TASK, TicketPriority.HIGH, null, List.of("callback", "pbx"),
                "545", null, null, Map.of("54", "VIP"), externalId);
    }

    @Test
    void aCommentIsFoundAgainByItsTextAsUsedeskStoresItAsHtml() {
        Ticket ticket = connector.createTicket(draft(null), context);
        CommentDraft details = CommentDraft.internalNote("Answered <2 min>\nCall id: 17 & more", "sb-call-comment-17");
        assertThat(connector.findComment(ticket.id(), details, context)).isEmpty();
        ExternalRef added = connector.addComment(ticket.id(), details, context);
        connector.addComment(ticket.id(), CommentDraft.internalNote("Answered <2 min>", null), context);

        assertThat(connector.findComment(ticket.id(), details, context)).contains(added);
        assertThat(connector.findComment(ticket.id(), CommentDraft.internalNote("Call id: 18", null), context))
                .isEmpty();
    }

    @Test
    void aTicketsCommentsAreReadBackOldestFirstAsPlainTextWithTheirAuthorKind() {
        Ticket ticket = connector.createTicket(draft(null), context);
        connector.addComment(ticket.id(), new CommentDraft("Refunded <today>", false, "545", false, null), context);
        connector.addComment(ticket.id(), CommentDraft.internalNote("Check the log", null), context);

        List<io.switchboard.spi.helpdesk.TicketComment> comments = connector.listComments(ticket.id(), 10, context);
        assertThat(comments).extracting(io.switchboard.spi.helpdesk.TicketComment::body).endsWith(
                "Refunded <today>", "Check the log");
        assertThat(comments.get(comments.size() - 2).author()).isEqualTo(io.switchboard.spi.helpdesk.AuthorKind.AGENT);
        assertThat(comments.get(comments.size() - 1).internal()).isTrue();
        assertThat(connector.listComments(ticket.id(), 1, context)).singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo("Check the log"));
    }

    @Test
    void createsATicketWithAllDraftParts() {
        Ticket ticket = connector.createTicket(draft("call-7f3a"), context);

        UsedeskFake.Ticket stored = usedesk.tickets().get(0);
        assertThat(ticket).isEqualTo(new Ticket(String.valueOf(stored.id()), null, "Callback request", "8",
                TicketStatus.NEW, String.valueOf(clientId), "545", "call-7f3a",
                "https://secure.usedesk.ru/tickets/" + stored.id(), null));
        assertThat(stored.message()).isEqualTo("Missed call from &lt;+79990001122&gt; &amp; &quot;friends&quot;");
        assertThat(stored.clientId()).isEqualTo(clientId);
        assertThat(stored.type()).isEqualTo("task");
        assertThat(stored.priority()).isEqualTo("urgent");
        assertThat(stored.status()).isEqualTo(8);
        assertThat(stored.tags()).containsExactly("callback", "pbx");
        assertThat(stored.assigneeId()).isEqualTo(545L);
        assertThat(stored.channelId()).isNull();
        assertThat(stored.additionalId()).isEqualTo("call-7f3a");
        assertThat(stored.privateComment()).isTrue();
        assertThat(stored.customFields()).containsExactly(Map.entry(54L, "VIP"));
        assertThat(usedesk.requests()).containsExactly("/create/ticket");
    }

    @Test
    void createUsesTheDraftsStatusTheChannelFromSettingsAndMapsPriorities() {
        TestConnectorContext withChannel = TestConnectorContext.with(Map.of("api_token", TOKEN, "region", "custom",
                "base_url", usedesk.baseUrl(), "channel_id", 1201L));
        Map<TicketPriority, String> expected = Map.of(TicketPriority.LOW, "low", TicketPriority.NORMAL, "medium",
                TicketPriority.HIGH, "urgent", TicketPriority.URGENT, "extreme");
        expected.forEach((priority, usedeskPriority) -> {
            Ticket ticket = connector.createTicket(new TicketDraft("S", "B", false, null, null, null, priority, "1",
                    null, null, null, null, null, null), withChannel);
            UsedeskFake.Ticket stored = usedesk.ticket(Long.parseLong(ticket.id())).orElseThrow();
            assertThat(stored.priority()).isEqualTo(usedeskPriority);
            assertThat(stored.status()).isEqualTo(1);
            assertThat(stored.channelId()).isEqualTo(1201L);
            assertThat(stored.clientId()).isNull();
            assertThat(stored.privateComment()).isFalse();
            assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        });
    }

    @Test
    void ticketLinksFollowTheRegion() {
        assertThat(UsedeskSettings.from(io.switchboard.spi.config.ConfigValues.of(Map.of("api_token", "t",
                "region", "com"))).ticketUrl("5")).isEqualTo("https://secure.usedesk.com/tickets/5");
        assertThat(UsedeskSettings.from(io.switchboard.spi.config.ConfigValues.of(Map.of("api_token", "t",
                "region", "ru"))).ticketUrl("5")).isEqualTo("https://secure.usedesk.ru/tickets/5");
    }

    @Test
    void createRefusedByUsedeskIsPermanent() {
        assertThatThrownBy(() -> connector.createTicket(new TicketDraft("S", "B", false, "999", null, null, null,
                null, null, null, null, null, null, null), context))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("Client not found");
    }

    @Test
    void findTicketsAsksOnceForAllStatusesNewestFirst() {
        long open = usedesk.addTicket(clientId, "open", 1, null);
        long fresh = usedesk.addTicket(clientId, "new", 8, null);
        usedesk.addTicket(clientId, "closed", 3, null);
        long pending = usedesk.addTicket(clientId, "pending", 6, null);
        usedesk.addTicket(usedesk.addClient("Other", null, null), "other client", 1, null);

        List<Ticket> found = connector.findTickets(new TicketQuery(String.valueOf(clientId), Set.of("1", "6", "8"),
                10), context);

        assertThat(found).extracting(Ticket::id).containsExactly(String.valueOf(pending), String.valueOf(fresh),
                String.valueOf(open));
        assertThat(found.get(0).statusId()).isEqualTo("6");
        assertThat(found.get(0).status()).isEqualTo(TicketStatus.PENDING);
        assertThat(found.get(0).subject()).isEqualTo("pending");
        assertThat(found.get(0).clientId()).isEqualTo(String.valueOf(clientId));
        // fstatus takes several ids separated by commas (Usedesk's "List of tickets" page): one request, not three.
        assertThat(usedesk.requests()).containsExactly("/tickets");
    }

    @Test
    void findTicketsWithSeveralStatusesPagesThroughTheirMergedList() {
        for (int i = 0; i < 250; i++) {
            usedesk.addTicket(clientId, "t" + i, List.of(1, 3, 6, 8, 10).get(i % 5), null);
        }
        // 150 tickets are in status 1, 6 or 8; statuses "10" and "8" must not be mixed up by a text sort.
        List<Ticket> found = connector.findTickets(new TicketQuery(String.valueOf(clientId), Set.of("8", "1", "6"),
                120), context);

        List<Long> expected = usedesk.tickets().stream().filter(t -> Set.of(1, 6, 8).contains(t.status()))
                .map(UsedeskFake.Ticket::id).sorted(Collections.reverseOrder()).limit(120).toList();
        assertThat(found).extracting(t -> Long.parseLong(t.id())).containsExactlyElementsOf(expected);
        assertThat(found).extracting(Ticket::statusId).containsOnly("1", "6", "8");
        assertThat(usedesk.requests()).containsExactly("/tickets", "/tickets");
    }

    @Test
    void findTicketsWithoutStatusesTakesAllAndCutsToTheLimit() {
        for (int i = 0; i < 150; i++) {
            usedesk.addTicket(clientId, "t" + i, 1 + i % 10, null);
        }
        List<Ticket> found = connector.findTickets(new TicketQuery(String.valueOf(clientId), Set.of(), 120), context);

        List<Long> ids = usedesk.tickets().stream().map(UsedeskFake.Ticket::id)
                .sorted(Collections.reverseOrder()).limit(120).toList();
        assertThat(found).extracting(t -> Long.parseLong(t.id())).containsExactlyElementsOf(ids);
        assertThat(usedesk.requests()).containsExactly("/tickets", "/tickets");

        assertThat(connector.findTickets(new TicketQuery(String.valueOf(clientId), Set.of(), 100), context))
                .hasSize(100);
        assertThat(usedesk.requests()).hasSize(3);
    }

    @Test
    void findsATicketByItsAdditionalIdAmongTheClientsTickets() {
        long mine = usedesk.addTicket(clientId, "mine", 2, "call-7f3a");
        usedesk.addTicket(clientId, "newer", 8, "call-other");
        usedesk.addTicket(clientId, "newest", 8, null);

        assertThat(connector.findTicketByExternalId("call-7f3a", String.valueOf(clientId), context))
                .hasValueSatisfying(t -> {
                    assertThat(t.id()).isEqualTo(String.valueOf(mine));
                    assertThat(t.externalId()).isEqualTo("call-7f3a");
                    assertThat(t.statusId()).isEqualTo("2");
                    assertThat(t.status()).isEqualTo(TicketStatus.RESOLVED);
                });
        assertThat(usedesk.requests()).containsExactly("/tickets", "/ticket", "/ticket", "/ticket");
        assertThat(connector.findTicketByExternalId("nope", String.valueOf(clientId), context)).isEmpty();
    }

    @Test
    void theSearchByExternalIdReadsOnlyTheClientsTenNewestTickets() {
        usedesk.addTicket(clientId, "created before a crash", 1, "call-lost");
        for (int i = 0; i < 30; i++) {
            usedesk.addTicket(clientId, "later " + i, 1, null);
        }
        assertThat(connector.findTicketByExternalId("call-lost", String.valueOf(clientId), context)).isEmpty();
        assertThat(usedesk.requests()).as("one list page, then one read per candidate: not 2 + 200")
                .hasSize(1 + UsedeskTickets.EXTERNAL_ID_CANDIDATES).startsWith("/tickets");
    }

    @Test
    void withoutAClientThereIsNothingToSearch() {
        assertThat(connector.findTicketByExternalId("call-7f3a", null, context)).isEmpty();
        assertThat(usedesk.requests()).isEmpty();
    }

    @Test
    void createdTicketIsFoundByItsExternalIdAfterARetry() {
        Ticket created = connector.createTicket(draft("call-retry"), context);
        assertThat(connector.findTicketByExternalId("call-retry", String.valueOf(clientId), context))
                .hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(created.id()));
    }

    @Test
    void addsInternalNotesAndPublicRepliesAsAgentOrClient() {
        long ticket = usedesk.addTicket(clientId, "t", 1, null);
        String id = String.valueOf(ticket);

        ExternalRef note = connector.addComment(id, CommentDraft.internalNote("Called <back>", null), context);
        ExternalRef reply = connector.addComment(id, new CommentDraft("Done", false, "545", false, null), context);
        connector.addComment(id, new CommentDraft("Thanks", false, null, true, null), context);

        List<UsedeskFake.Comment> comments = usedesk.comments(ticket);
        assertThat(note.type()).isEqualTo(ExternalRef.EntityType.COMMENT);
        assertThat(note.id()).isEqualTo(String.valueOf(comments.get(0).id()));
        assertThat(note.url()).isEqualTo("https://secure.usedesk.ru/tickets/" + ticket);
        assertThat(reply.id()).isEqualTo(String.valueOf(comments.get(1).id()));
        assertThat(comments).extracting(UsedeskFake.Comment::message, UsedeskFake.Comment::type,
                UsedeskFake.Comment::from, UsedeskFake.Comment::userId).containsExactly(
                // No author and no note author configured: sent without "from" (from=user needs a user_id).
                org.assertj.core.groups.Tuple.tuple("Called &lt;back&gt;", "private", "user", null),
                org.assertj.core.groups.Tuple.tuple("Done", "public", "user", 545L),
                org.assertj.core.groups.Tuple.tuple("Thanks", "public", "client", null));
    }

    @Test
    void notesWithoutAnAuthorAreWrittenAsTheConfiguredAgent() {
        long ticket = usedesk.addTicket(clientId, "t", 1, null);
        TestConnectorContext withAuthor = TestConnectorContext.with(Map.of("api_token", TOKEN, "region", "custom",
                "base_url", usedesk.baseUrl(), "note_author", "546"));
        connector.addComment(String.valueOf(ticket), CommentDraft.internalNote("Call details", null), withAuthor);
        connector.addComment(String.valueOf(ticket), new CommentDraft("Done", false, "545", false, null), withAuthor);
        assertThat(usedesk.comments(ticket)).extracting(UsedeskFake.Comment::from, UsedeskFake.Comment::userId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("user", 546L),
                        org.assertj.core.groups.Tuple.tuple("user", 545L));
    }

    @Test
    void updateSendsOnlyTheGivenParts() {
        long ticket = usedesk.addTicket(clientId, "t", 8, null);
        String id = String.valueOf(ticket);

        connector.updateTicket(id, TicketUpdate.assignee("545"), context);
        connector.updateTicket(id, new TicketUpdate(null, "2", TicketPriority.URGENT, List.of("a", "b"),
                Map.of("54", "VIP")), context);

        UsedeskFake.Ticket stored = usedesk.ticket(ticket).orElseThrow();
        assertThat(stored.assigneeId()).isEqualTo(545L);
        assertThat(stored.status()).isEqualTo(2);
        assertThat(stored.priority()).isEqualTo("extreme");
        assertThat(stored.tags()).containsExactly("a", "b");
        assertThat(stored.customFields()).containsExactly(Map.entry(54L, "VIP"));

        connector.updateTicket(id, new TicketUpdate(null, null, null, null, null), context);
        assertThat(usedesk.requests()).containsExactly("/update/ticket", "/update/ticket");
    }

    @Test
    void updateWithAnUnknownAssigneeIsPermanent() {
        long ticket = usedesk.addTicket(clientId, "t", 8, null);
        assertThatThrownBy(() -> connector.updateTicket(String.valueOf(ticket), TicketUpdate.assignee("999"),
                context)).isInstanceOf(PermanentVendorException.class)
                .hasMessage("Could not update a ticket: Usedesk said \"Assignee not found\"");
        assertThat(usedesk.ticket(ticket).orElseThrow().assigneeId()).isNull();
    }
}
