package io.switchboard.plugins.deskie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.RequestRateLimit;
import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.deskie.fake.DeskieFake;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every operation of the Deskie connector against the Deskie fake over loopback HTTP. */
class DeskieConnectorTest extends DeskieTestSupport {

    private static TicketDraft draft(String clientId, String subject, String body, String key) {
        return new TicketDraft(subject, body, false, clientId, null, null, null, null, List.of(), null, List.of(),
                null, Map.of(), key);
    }

    // ---- descriptor, settings, check ------------------------------------------------------------------------

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector, url -> Map.of("account", url, "staff_email", EMAIL, "api_key", KEY,
                "webhook_secret", "hook-secret-1"));
    }

    @Test
    void declaresItsCapabilitiesAndTheLowestPlansLimitHalvedForWrites() {
        assertThat(connector.descriptor().id()).isEqualTo("deskie");
        assertThat(connector.descriptor().capabilities()).containsExactlyInAnyOrder(Capability.EXTERNAL_IDS,
                Capability.COMMENT_LOOKUP, Capability.PRIVATE_COMMENTS, Capability.HELPDESK_EVENTS,
                Capability.COMMENT_LIST);
        assertThat(connector.requestRateLimit()).hasValue(RequestRateLimit.perMinute(10));
        assertThat(connector.destinationFields()).containsExactly("account");
        assertThat(connector.setupSteps()).anySatisfy(step -> assertThat(step).contains("\"event\":\"agent_reply\""))
                .anySatisfy(step -> assertThat(step).contains("\"event\":\"customer_reply\""));
    }

    @Test
    void accountAcceptsASubdomainAnOmnideskHostOrAnHttpsAddress() {
        assertThat(DeskieSettings.accountUrl("acme")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.deskie.io/"));
        assertThat(DeskieSettings.accountUrl(" ACME.omnidesk.ru ")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.omnidesk.ru/"));
        assertThat(DeskieSettings.accountUrl("https://acme.deskie.io/staff/cases/list")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.deskie.io/"));
        assertThat(DeskieSettings.accountUrl("http://acme.deskie.io")).isEmpty();
        assertThat(DeskieSettings.accountUrl("acme corp")).isEmpty();
        assertThat(connector.validate(ConfigValues.of(Map.of("account", "ftp://acme.deskie.io"))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("account"));
        assertThat(connector.validate(ConfigValues.of(Map.of("account", "acme")))).isEmpty();
        assertThat(DeskieSettings.from(context().config()).toString()).doesNotContain(KEY);
    }

    @Test
    void checkReadsTheAgentsAndFindsTheKeysAgent() {
        CheckResult ok = connector.check(context());
        assertThat(ok.ok()).isTrue();
        assertThat(ok.message()).isEqualTo("Authorized at localhost as " + EMAIL + ": 3 agents");
        assertThat(deskie.calls()).containsExactly("GET /api/staff.json");
    }

    @Test
    void checkWithAWrongKeySaysSoWithoutRevealingIt() {
        CheckResult result = connector.check(context("api_key", "wrong-key-123"));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Deskie refused the agent e-mail and API key (HTTP 401")
                .doesNotContain("wrong-key-123");
    }

    @Test
    void checkWhenDeskieIsDownSaysItCouldNotReachIt() {
        deskie.failNext(1, 503, null);
        CheckResult down = connector.check(context());
        assertThat(down.ok()).isFalse();
        assertThat(down.message()).startsWith("Could not reach Deskie at localhost").contains("503");
    }

    // ---- users (clients) ------------------------------------------------------------------------------------

    @Test
    void findsAUserByExactEmailNotBySubstring() {
        deskie.addUser("Someone else", "xivan@example.com");
        long ivan = deskie.addUser("Ivan Petrov", "Ivan@Example.com");

        Client client = connector.findClientByEmail("ivan@example.com", context()).orElseThrow();

        assertThat(client.id()).isEqualTo(String.valueOf(ivan));
        assertThat(client.name()).isEqualTo("Ivan Petrov");
        assertThat(client.emails()).containsExactly("Ivan@Example.com");
        assertThat(deskie.callsWithQuery()).containsExactly("GET /api/users.json?user_email=^ivan@example.com^"
                + "&page=1&limit=100");
        assertThat(connector.findClientByEmail("nobody@example.com", context())).isEmpty();
    }

    @Test
    void findsAUserByPhoneComparingTheLastTenDigits() {
        deskie.addPhoneUser("Other", "+7 916 000-11-22");
        long ivan = deskie.addPhoneUser("Ivan", "79990001122");
        assertThat(connector.findClientByPhone("8 (999) 000-11-22", context()).map(Client::id))
                .hasValue(String.valueOf(ivan));
        assertThat(connector.findClientByPhone("+1 555 0100", context())).isEmpty();
    }

    @Test
    void findsAUserStoredWithSeparatorsByTheNumberAsTyped() {
        long ivan = deskie.addPhoneUser("Ivan", "+7 999 000-11-22");
        assertThat(connector.findClientByPhone("+7 999 000-11-22", context()).map(Client::id))
                .hasValue(String.valueOf(ivan));
        assertThat(deskie.callsWithQuery()).hasSize(2);
    }

    @Test
    void createsAUserWithItsEmailOrElseItsPhone() {
        Client byEmail = connector.createClient(new ClientDraft("Ivan Petrov", List.of("ivan@example.com"),
                List.of("+79990001122"), null, Map.of("20", "website"), null), context());
        DeskieFake.User stored = deskie.user(Long.parseLong(byEmail.id())).orElseThrow();
        assertThat(stored.email()).isEqualTo("ivan@example.com");
        assertThat(stored.phone()).isNull();
        assertThat(stored.fullName()).isEqualTo("Ivan Petrov");
        assertThat(stored.customFields()).containsEntry("cf_20", "website");

        Client byPhone = connector.createClient(new ClientDraft("Caller", List.of(), List.of("+79990001133"), null,
                Map.of(), null), context());
        assertThat(deskie.user(Long.parseLong(byPhone.id())).orElseThrow().phone()).isEqualTo("+79990001133");

        assertThatThrownBy(() -> connector.createClient(new ClientDraft("Nobody", List.of(), List.of(), null,
                Map.of(), null), context())).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("e-mail, a phone or a custom id");
    }

    @Test
    void creatingAUserWhoseEmailExistsReturnsTheExistingOne() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        Client again = connector.createClient(new ClientDraft("Ivan", List.of("ivan@example.com"), List.of(), null,
                Map.of(), null), context());
        assertThat(again.id()).isEqualTo(String.valueOf(ivan));
        assertThat(deskie.users()).hasSize(1);
    }

    @Test
    void updatesOnlyTheSetPartsOfAUser() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        connector.updateClient(String.valueOf(ivan), new ClientDraft("Ivan Petrov", List.of(), List.of(), null,
                Map.of("cf_7", "gold"), null), context());
        DeskieFake.User stored = deskie.user(ivan).orElseThrow();
        assertThat(stored.fullName()).isEqualTo("Ivan Petrov");
        assertThat(stored.email()).isEqualTo("ivan@example.com");
        assertThat(stored.customFields()).containsEntry("cf_7", "gold");
        JsonNode body = deskie.lastBody("PUT /api/users/" + ivan + ".json").orElseThrow();
        assertThat(body.path("user").has("user_email")).isFalse();

        int calls = deskie.calls().size();
        connector.updateClient(String.valueOf(ivan), new ClientDraft(null, List.of(), List.of(), null, Map.of(),
                null), context());
        assertThat(deskie.calls()).hasSize(calls);
    }

    // ---- cases (tickets) ------------------------------------------------------------------------------------

    @Test
    void createsACaseForTheClientsEmailWithItsKeyLabelsAndAssignee() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        TicketDraft draft = new TicketDraft("Order 5 is late", "Where is my order?\nThanks", false,
                String.valueOf(ivan), null, null, TicketPriority.URGENT, "waiting", List.of("website", "102", "nope"),
                "30", List.of(), null, Map.of("cf_30", "web"), "sb-key-1");

        Ticket ticket = connector.createTicket(draft, context());

        DeskieFake.Case stored = deskie.cases().get(0);
        assertThat(ticket.id()).isEqualTo(String.valueOf(stored.caseId()));
        assertThat(ticket.number()).isEqualTo(stored.caseNumber()).isEqualTo("664-245651");
        assertThat(ticket.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(ticket.statusId()).isEqualTo("waiting");
        assertThat(ticket.clientId()).isEqualTo(String.valueOf(ivan));
        assertThat(ticket.assigneeId()).isEqualTo("30");
        assertThat(ticket.externalId()).isEqualTo("sb-key-1");
        assertThat(ticket.url()).isEqualTo(deskie.baseUrl() + "staff/cases/record/664-245651/");
        assertThat(ticket.updatedAt()).isNotNull();
        assertThat(stored.userId()).isEqualTo(ivan);
        assertThat(stored.priority()).isEqualTo("critical");
        assertThat(stored.labels()).containsExactlyInAnyOrder(101L, 102L);
        assertThat(stored.customFields()).containsEntry("cf_25", "sb-key-1").containsEntry("cf_30", "web");
        assertThat(deskie.messages(stored.caseId())).singleElement()
                .satisfies(m -> assertThat(m.content()).isEqualTo("Where is my order?\nThanks"));
        JsonNode body = deskie.lastBody("POST /api/cases.json").orElseThrow().path("case");
        assertThat(body.path("user_email").asText()).isEqualTo("ivan@example.com");
        assertThat(body.path("staff_id").asLong()).isEqualTo(30);
        assertThat(deskie.users()).hasSize(1);
    }

    @Test
    void anInternalFirstMessageBecomesANoteAndACaseNeedsAClient() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        TicketDraft internal = new TicketDraft("Call from Ivan", "Called at 10:00", true, String.valueOf(ivan), null,
                null, null, null, List.of(), null, List.of(), null, Map.of(), null);
        Ticket ticket = connector.createTicket(internal, context());
        List<DeskieFake.Message> messages = deskie.messages(Long.parseLong(ticket.id()));
        assertThat(messages).extracting(DeskieFake.Message::content).containsExactly("Call from Ivan",
                "Called at 10:00");
        assertThat(messages.get(1).note()).isTrue();

        assertThatThrownBy(() -> connector.createTicket(draft(null, "x", "y", null), context()))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("needs the user");
    }

    @Test
    void createsACaseForAPhoneUser() {
        long caller = deskie.addPhoneUser("Caller", "+79990001122");
        Ticket ticket = connector.createTicket(draft(String.valueOf(caller), "Missed call", "", null), context());
        assertThat(deskie.lastBody("POST /api/cases.json").orElseThrow().path("case").path("user_phone").asText())
                .isEqualTo("+79990001122");
        assertThat(deskie.messages(Long.parseLong(ticket.id()))).singleElement()
                .satisfies(m -> assertThat(m.content()).isEqualTo("Missed call"));
    }

    @Test
    void aClientKnownOnlyByItsCustomIdGetsItsCaseByThatId() {
        Client visitor = connector.createClient(new ClientDraft("Website visitor", List.of(), List.of(), null,
                Map.of(), "site-user-77"), context());
        assertThat(deskie.user(Long.parseLong(visitor.id())).orElseThrow().customId()).isEqualTo("site-user-77");

        Ticket ticket = connector.createTicket(draft(visitor.id(), "Chat from the website", "Hello", null),
                context());

        assertThat(deskie.lastBody("POST /api/cases.json").orElseThrow().path("case").path("user_custom_id")
                .asText()).isEqualTo("site-user-77");
        assertThat(ticket.clientId()).isEqualTo(visitor.id());
        assertThat(deskie.users()).hasSize(1);
    }

    @Test
    void withACustomChannelAChatVisitorBecomesAUserOfTheChannelAndTheCaseACaseOfIt() {
        TestConnectorContext chat = context("custom_channel", "cch12");
        // The site knows the visitor's e-mail too; in a chat, the identity is the site's id in the channel, so that
        // Deskie answers in the channel rather than by e-mail.
        Client visitor = connector.createClient(new ClientDraft("Anna", List.of("anna@example.com"), List.of(), null,
                Map.of(), "42"), chat);
        JsonNode user = deskie.lastBody("POST /api/users.json").orElseThrow().path("user");
        assertThat(user.path("user_custom_id").asText()).isEqualTo("42");
        assertThat(user.path("user_custom_channel").asText()).isEqualTo("cch12");
        assertThat(user.has("user_email")).isFalse();

        Ticket ticket = connector.createTicket(draft(visitor.id(), "Chat on the site", "Is it in stock?", null), chat);

        JsonNode kase = deskie.lastBody("POST /api/cases.json").orElseThrow().path("case");
        assertThat(kase.path("user_custom_id").asText()).isEqualTo("42");
        assertThat(kase.path("channel").asText()).isEqualTo("cch12");
        assertThat(deskie.cases()).filteredOn(c -> c.caseId() == Long.parseLong(ticket.id())).singleElement()
                .satisfies(c -> assertThat(c.channel()).isEqualTo("cch12"));

        // Without the setting, the same visitor is a user by e-mail (the personal-account case of the README).
        Client byEmail = connector.createClient(new ClientDraft("Anna", List.of("anna@example.com"), List.of(), null,
                Map.of(), "42"), context());
        assertThat(deskie.user(Long.parseLong(byEmail.id())).orElseThrow().email()).isEqualTo("anna@example.com");
    }

    @Test
    void findsAUsersCasesByStatusNewestFirst() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        long other = deskie.addUser("Other", "other@example.com");
        long first = deskie.addCase(ivan, "First", "open");
        deskie.addCase(ivan, "Closed one", "closed");
        deskie.addCase(other, "Not Ivan's", "open");
        long third = deskie.addCase(ivan, "Third", "waiting");

        List<Ticket> active = connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of("open", "waiting"),
                10), context());

        assertThat(active).extracting(Ticket::id).containsExactly(String.valueOf(third), String.valueOf(first));
        assertThat(active.get(0).status()).isEqualTo(TicketStatus.PENDING);
        assertThat(deskie.callsWithQuery()).singleElement().asString()
                .contains("user_id=" + ivan).contains("status[]=open").contains("status[]=waiting");
        assertThat(connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of(), 1), context()))
                .extracting(Ticket::id).containsExactly(String.valueOf(third));
    }

    @Test
    void pagesThroughKeyedListsUntilTheTotalCount() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        for (int i = 0; i < 120; i++) {
            deskie.addCase(ivan, "Case " + i, "open");
        }
        List<Ticket> all = connector.findTickets(new TicketQuery(String.valueOf(ivan), Set.of("open"), 500),
                context());
        assertThat(all).hasSize(120);
        assertThat(all.get(0).subject()).isEqualTo("Case 119");
        assertThat(deskie.calls()).containsExactly("GET /api/cases.json", "GET /api/cases.json");
    }

    @Test
    void findsACaseByItsKeyInTheConfiguredField() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        deskie.addCase(ivan, "Unrelated", "open");
        Ticket created = connector.createTicket(draft(String.valueOf(ivan), "Chat", "Hello", "sb-key-9"), context());

        assertThat(connector.findTicketByExternalId("sb-key-9", String.valueOf(ivan), context()).map(Ticket::id))
                .hasValue(created.id());
        assertThat(connector.findTicketByExternalId("sb-key-9", null, context()).map(Ticket::id))
                .hasValue(created.id());
        assertThat(connector.findTicketByExternalId("sb-key-0", String.valueOf(ivan), context())).isEmpty();
        int calls = deskie.calls().size();
        assertThat(connector.findTicketByExternalId("sb-key-9", String.valueOf(ivan),
                context("external_id_field", null))).isEmpty();
        assertThat(deskie.calls()).hasSize(calls);
    }

    @Test
    void updatesStatusPriorityAssigneeAndAddsLabels() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        long kase = deskie.addCase(ivan, "Help", "open");
        connector.updateTicket(String.valueOf(kase), new TicketUpdate(null, null, null, List.of("VIP"), null),
                context());
        connector.updateTicket(String.valueOf(kase), new TicketUpdate("30", "closed", TicketPriority.LOW,
                List.of("website"), Map.of("25", "k")), context());

        DeskieFake.Case stored = deskie.caseById(kase).orElseThrow();
        assertThat(stored.status()).isEqualTo("closed");
        assertThat(stored.priority()).isEqualTo("low");
        assertThat(stored.staffId()).isEqualTo(30);
        assertThat(stored.labels()).containsExactly(102L, 101L);
        assertThat(stored.customFields()).containsEntry("cf_25", "k");

        assertThatThrownBy(() -> connector.updateTicket(String.valueOf(kase), TicketUpdate.status("solved"),
                context())).isInstanceOf(PermanentVendorException.class).hasMessageContaining("open, waiting or closed");
        int calls = deskie.calls().size();
        connector.updateTicket(String.valueOf(kase), new TicketUpdate(null, null, null, null, null), context());
        assertThat(deskie.calls()).hasSize(calls);
    }

    // ---- messages (comments) --------------------------------------------------------------------------------

    @Test
    void anAgentReplyIsPostedAsTheKeysAgentLookedUpOnce() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        long kase = deskie.addCase(ivan, "Help", "open");
        TestConnectorContext context = context();

        ExternalRef ref = connector.addComment(String.valueOf(kase), new CommentDraft("We called you back.", false,
                null, false, null), context);
        connector.addComment(String.valueOf(kase), new CommentDraft("Anything else?", false, null, false, null),
                context);

        List<DeskieFake.Message> messages = deskie.messages(kase);
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).staffId()).isEqualTo(22);
        assertThat(messages.get(1).note()).isFalse();
        assertThat(ref.type()).isEqualTo(ExternalRef.EntityType.COMMENT);
        assertThat(ref.id()).isEqualTo(String.valueOf(messages.get(1).messageId()));
        assertThat(deskie.calls()).containsExactly("GET /api/staff.json", "POST /api/cases/" + kase
                + "/messages.json", "POST /api/cases/" + kase + "/messages.json");
    }

    @Test
    void anAgentNamedOrConfiguredWritesTheReply() {
        long kase = deskie.addCase(deskie.addUser("Ivan", "ivan@example.com"), "Help", "open");
        connector.addComment(String.valueOf(kase), new CommentDraft("From Anna", false, "30", false, null),
                context());
        connector.addComment(String.valueOf(kase), new CommentDraft("From the configured agent", false, null, false,
                null), context("staff_id", 30L));
        assertThat(deskie.messages(kase)).extracting(DeskieFake.Message::staffId).containsExactly(0L, 30L, 30L);
        assertThat(deskie.calls()).doesNotContain("GET /api/staff.json");
    }

    @Test
    void theCustomersMessageIsPostedAsTheCasesUserAndANoteAsANote() {
        long ivan = deskie.addUser("Ivan", "ivan@example.com");
        long kase = deskie.addCase(ivan, "Help", "open");
        connector.addComment(String.valueOf(kase), new CommentDraft("Any news?", false, null, true, null),
                context());
        ExternalRef note = connector.addComment(String.valueOf(kase), CommentDraft.internalNote("VIP customer",
                null), context());

        List<DeskieFake.Message> messages = deskie.messages(kase);
        assertThat(messages.get(1).userId()).isEqualTo(ivan);
        assertThat(messages.get(1).staffId()).isZero();
        assertThat(messages.get(2).note()).isTrue();
        assertThat(note.id()).isEqualTo(String.valueOf(messages.get(2).messageId()));
        assertThat(deskie.lastBody("POST /api/cases/" + kase + "/note.json").orElseThrow().path("note")
                .path("content").asText()).isEqualTo("VIP customer");
    }

    @Test
    void aCasesMessagesAreReadBackOldestFirstWithTheirAuthorAndNotesMarked() {
        long kase = deskie.addCase(deskie.addUser("Ivan", "ivan@example.com"), "Help", "open");
        deskie.addAgentReply(kase, 22, "We called you back.");
        deskie.addNote(kase, 22, "VIP customer");
        deskie.addCustomerEmailReply(kase, "Thanks, got it");

        List<io.switchboard.spi.helpdesk.TicketComment> comments = connector.listComments(String.valueOf(kase), 10,
                context());
        assertThat(comments).extracting(io.switchboard.spi.helpdesk.TicketComment::body)
                .endsWith("We called you back.", "VIP customer", "Thanks, got it");
        assertThat(comments.get(comments.size() - 3).author()).isEqualTo(io.switchboard.spi.helpdesk.AuthorKind.AGENT);
        assertThat(comments.get(comments.size() - 2).internal()).isTrue();
        assertThat(comments.get(comments.size() - 1).author()).isEqualTo(io.switchboard.spi.helpdesk.AuthorKind.CLIENT);
        assertThat(connector.listComments(String.valueOf(kase), 1, context())).singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo("Thanks, got it"));
    }

    @Test
    void findsAMessageAddedEarlierByItsTextAndKind() {
        long kase = deskie.addCase(deskie.addUser("Ivan", "ivan@example.com"), "Help", "open");
        DeskieFake.Message reply = deskie.addAgentReply(kase, 22, "We  called\nyou back.");
        deskie.addNote(kase, 22, "We called you back.");

        assertThat(connector.findComment(String.valueOf(kase), new CommentDraft("We called you back.", false, null,
                false, null), context()).map(ExternalRef::id)).hasValue(String.valueOf(reply.messageId()));
        assertThat(connector.findComment(String.valueOf(kase), CommentDraft.internalNote("We called you back.", null),
                context()).map(ExternalRef::id)).hasValue(String.valueOf(reply.messageId() + 1));
        assertThat(connector.findComment(String.valueOf(kase), new CommentDraft("Never written", false, null, false,
                null), context())).isEmpty();
        assertThat(deskie.callsWithQuery()).allSatisfy(c -> assertThat(c).contains("order=desc"));
    }

    // ---- agents, statuses, options --------------------------------------------------------------------------

    @Test
    void listsAgentsAndTheThreeStatuses() {
        assertThat(connector.listAgents(context())).containsExactly(new Agent("22", "API Agent", EMAIL, true),
                new Agent("30", "Anna Smirnova", "anna@acme.test", true),
                new Agent("31", "Oleg Ivanov", "oleg@acme.test", false));
        assertThat(connector.ticketStatuses(context())).extracting(s -> s.id() + "=" + s.meaning())
                .containsExactly("open=OPEN", "waiting=PENDING", "closed=CLOSED");
        assertThat(connector.options(HelpdeskConnector.AGENTS, context())).extracting(Choice::value)
                .containsExactly("22", "30");
    }

    // ---- errors ---------------------------------------------------------------------------------------------

    @Test
    void a429IsTransientWithDeskiesRetryAfter() {
        deskie.failNext(1, 429, 17);
        assertThatThrownBy(() -> connector.findClientByEmail("ivan@example.com", context()))
                .isInstanceOfSatisfying(TransientVendorException.class,
                        e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(17)))
                .hasMessageContaining("429");
        deskie.rateLimitPerMinute(1);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOfSatisfying(
                TransientVendorException.class, e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(60)));
    }

    @Test
    void authFailuresArePermanentAndNameNoKeyAndServerErrorsAreTransient() {
        assertThatThrownBy(() -> connector.listAgents(context("api_key", "stolen-key-42")))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("refused the agent e-mail and API key").hasMessageNotContaining("stolen-key-42");
        deskie.failNext(1, 500, null);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOf(TransientVendorException.class);
        deskie.failNext(1, 403, null);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("agent of the API key");
        assertThatThrownBy(() -> connector.updateTicket("999999", TicketUpdate.status("closed"), context()))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> connector.addComment("abc", CommentDraft.internalNote("x", null), context()))
                .isInstanceOf(PermanentVendorException.class);
    }

    @Test
    void readsKeyedListsDefensively() throws Exception {
        JsonNode answer = DeskieText.JSON.readTree("{\"10\":{\"case\":{\"case_id\":3}},\"2\":{\"case\":{\"case_id\""
                + ":2}},\"total_count\":2,\"note\":\"x\",\"0\":{\"case_id\":1},\"1\":{}}");
        assertThat(DeskieApi.items(answer, "case")).extracting(n -> n.path("case_id").asInt()).containsExactly(1, 2,
                3);
        assertThat(DeskieApi.items(DeskieText.JSON.readTree("[{\"case\":{\"case_id\":7}}]"), "case")).hasSize(1);
        assertThat(DeskieApi.items(DeskieText.JSON.readTree("{\"total_count\":0}"), "case")).isEmpty();
        assertThat(DeskieText.instant(DeskieText.JSON.readTree("\"Mon, 05 May 2014 00:15:17 +0300\"")))
                .isEqualTo(Instant.parse("2014-05-04T21:15:17Z"));
        assertThat(DeskieText.instant(DeskieText.JSON.readTree("\"yesterday\""))).isNull();
    }
}
