package io.switchboard.plugins.planfix;

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
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.plugins.planfix.fake.PlanfixFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every operation of the Planfix connector against the Planfix fake over loopback HTTP. */
class PlanfixConnectorTest extends PlanfixTestSupport {

    // ---- descriptor, settings, check ------------------------------------------------------------------------

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector, url -> Map.of("account", url, "api_token", TOKEN,
                "task_template", 41L, "webhook_secret", "hook-secret-1"));
    }

    @Test
    void declaresTheTaskSystemCapabilitiesAndPlanfixsOneRequestASecond() {
        assertThat(connector.descriptor().capabilities()).containsExactlyInAnyOrder(Capability.TASK_TEMPLATES,
                Capability.PARTICIPANTS, Capability.CLIENT_NOTES, Capability.EXTERNAL_IDS,
                Capability.PRIVATE_COMMENTS, Capability.HELPDESK_EVENTS);
        assertThat(connector.requestRateLimit()).hasValue(RequestRateLimit.perSecond(1));
        assertThat(connector.destinationFields()).containsExactly("account");
        assertThat(connector.setupSteps()).anySatisfy(step -> assertThat(step).contains("{{Задача.Номер}}"));
    }

    @Test
    void accountAcceptsANameAHostOrAnHttpsAddress() {
        assertThat(PlanfixSettings.accountUrl("acme")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.planfix.com/"));
        assertThat(PlanfixSettings.accountUrl(" ACME.planfix.ru ")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.planfix.ru/"));
        assertThat(PlanfixSettings.accountUrl("https://acme.planfix.com/rest/")).hasValueSatisfying(
                u -> assertThat(u).hasToString("https://acme.planfix.com/"));
        assertThat(PlanfixSettings.accountUrl("http://acme.planfix.com")).isEmpty();
        assertThat(PlanfixSettings.accountUrl("acme corp")).isEmpty();
        assertThat(connector.validate(ConfigValues.of(Map.of("account", "ftp://acme.planfix.com"))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("account"));
        assertThat(connector.validate(ConfigValues.of(Map.of("account", "acme")))).isEmpty();
    }

    @Test
    void checkCountsTheTaskTemplatesAndFindsTheConfiguredOne() {
        CheckResult ok = connector.check(context());
        assertThat(ok.ok()).isTrue();
        assertThat(ok.message()).isEqualTo("Authorized at localhost: 2 task templates visible");
        assertThat(planfix.calls()).containsExactly("GET /rest/task/templates");

        CheckResult missing = connector.check(context("task_template", 77L));
        assertThat(missing.ok()).isFalse();
        assertThat(missing.message()).contains("task template 77 is not among the 2 task templates");
    }

    @Test
    void checkWithAWrongTokenSaysSoWithoutRevealingIt() {
        CheckResult result = connector.check(context("api_token", "wrong-token-123"));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("Planfix refused the API token (code 1: Invalid token)")
                .doesNotContain("wrong-token-123");
    }

    @Test
    void checkWhenPlanfixIsDownSaysItCouldNotReachIt() {
        planfix.failNext(1, 503, null);
        CheckResult result = connector.check(context());
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Could not reach Planfix at localhost").contains("503");
    }

    // ---- contacts -------------------------------------------------------------------------------------------

    @Test
    void createsAContactFromTheConfiguredTemplate() {
        Client client = connector.createClient(new ClientDraft("Ivan Petrov", List.of("ivan@example.com", "i@p.ru"),
                List.of("+79990001122"), null, Map.of("201", "website"), "conv-1"), context());

        PlanfixFake.Contact stored = planfix.contacts().get(0);
        assertThat(stored.templateId()).isEqualTo(3L);
        assertThat(stored.name()).isEqualTo("Ivan");
        assertThat(stored.lastname()).isEqualTo("Petrov");
        assertThat(stored.email()).isEqualTo("ivan@example.com");
        assertThat(stored.phones()).containsExactly("+79990001122");
        assertThat(stored.customFields()).containsEntry(201L, "website");
        assertThat(stored.sourceObjectId()).isEqualTo("conv-1");
        assertThat(client.id()).isEqualTo(String.valueOf(stored.id()));
        assertThat(client.url()).isEqualTo(planfix.baseUrl() + "contact/" + stored.id());
        JsonNode body = planfix.lastBody("POST /rest/contact/").orElseThrow();
        assertThat(body.path("template").path("id").asLong()).isEqualTo(3);
        assertThat(body.path("phones").get(0).path("type").asInt()).isEqualTo(1);
    }

    @Test
    void aContactDraftsTemplateWinsAndAnAddressStandsInForAMissingName() {
        planfix.addContactTemplate(4, "Chat visitor");
        connector.createClient(new ClientDraft(null, List.of("anon@example.com"), List.of(), null, Map.of(), null,
                "4"), context());
        assertThat(planfix.contacts()).singleElement().satisfies(c -> {
            assertThat(c.templateId()).isEqualTo(4L);
            assertThat(c.name()).isEqualTo("anon@example.com");
        });
    }

    @Test
    void findsAContactByEMailIgnoringCaseAndByPhoneWrittenDifferently() {
        long ivan = planfix.addContact("Ivan", "Petrov", "Ivan@Example.com", "+7 999 000-11-22");
        planfix.addContact("Other", "", "other@example.com", "+7 111 222-33-44");

        assertThat(connector.findClientByEmail("ivan@example.COM", context())).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(String.valueOf(ivan));
            assertThat(c.name()).isEqualTo("Ivan Petrov");
            assertThat(c.phones()).containsExactly("+7 999 000-11-22");
        });
        assertThat(connector.findClientByEmail("nobody@example.com", context())).isEmpty();
        JsonNode filter = planfix.lastBody("POST /rest/contact/list").orElseThrow().path("filters").get(0);
        assertThat(filter.path("type").asInt()).isEqualTo(4026);

        assertThat(connector.findClientByPhone("89990001122", context()))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(String.valueOf(ivan)));
        assertThat(connector.findClientByPhone("+7 (999) 000-99-99", context())).isEmpty();
    }

    @Test
    void updatesOnlyTheContactPartsThatAreSet() {
        long id = planfix.addContact("Visitor", "", null, "+79990001122");
        connector.updateClient(String.valueOf(id), new ClientDraft("Maria Ivanova", List.of("maria@example.com"),
                List.of(), null, Map.of(), null), context());
        assertThat(planfix.contact(id)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Maria");
            assertThat(c.lastname()).isEqualTo("Ivanova");
            assertThat(c.email()).isEqualTo("maria@example.com");
            assertThat(c.phones()).containsExactly("+79990001122");
        });
        int calls = planfix.calls().size();
        connector.updateClient(String.valueOf(id), new ClientDraft(null, List.of(), List.of(), null, Map.of(), null),
                context());
        assertThat(planfix.calls()).hasSize(calls);
    }

    @Test
    void addsANoteToTheContactsCard() {
        long id = planfix.addContact("Ivan", "", "ivan@example.com", null);
        connector.addClientNote(String.valueOf(id), "New chat\nOS: Windows 11, browser: Chrome 124, IP 203.0.113.7",
                context());
        assertThat(planfix.contactComments(id)).singleElement().satisfies(c -> assertThat(c.description())
                .isEqualTo("New chat<br>OS: Windows 11, browser: Chrome 124, IP 203.0.113.7"));
    }

    // ---- tasks ----------------------------------------------------------------------------------------------

    @Test
    void createsATaskFromATemplateForTheClientWithAssigneeAndParticipants() {
        long client = planfix.addContact("Ivan", "Petrov", "ivan@example.com", null);
        TicketDraft draft = new TicketDraft("Chat with Ivan", "Pages: /pricing & /contacts\n<b>Chrome</b>", false,
                String.valueOf(client), null, null, TicketPriority.URGENT, null, List.of("chat"), "5", List.of("6", "5"),
                "42", Map.of("101", "website"), "conv-7f3a");

        Ticket ticket = connector.createTicket(draft, context());

        PlanfixFake.Task task = planfix.tasks().get(0);
        assertThat(task.templateId()).isEqualTo(42L);
        assertThat(task.name()).isEqualTo("Chat with Ivan");
        assertThat(task.description()).isEqualTo("Pages: /pricing &amp; /contacts<br>&lt;b&gt;Chrome&lt;/b&gt;");
        assertThat(task.counterpartyId()).isEqualTo(client);
        assertThat(task.assignees()).containsExactly(5L);
        assertThat(task.participants()).containsExactly(6L, 5L);
        assertThat(task.priority()).isEqualTo("Urgent");
        assertThat(task.sourceObjectId()).isEqualTo("conv-7f3a");
        assertThat(task.customFields()).containsEntry(101L, "website");
        assertThat(ticket.id()).isEqualTo(String.valueOf(task.id()));
        assertThat(ticket.clientId()).isEqualTo(String.valueOf(client));
        assertThat(ticket.externalId()).isEqualTo("conv-7f3a");
        assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.url()).isEqualTo(planfix.baseUrl() + "task/" + task.id());
        JsonNode body = planfix.lastBody("POST /rest/task/").orElseThrow();
        assertThat(body.path("counterparty").path("id").asText()).isEqualTo("contact:" + client);
        assertThat(body.path("assignees").path("users").get(0).path("id").asText()).isEqualTo("user:5");
        assertThat(body.path("template").path("id").isNumber()).isTrue();
    }

    @Test
    void aTaskWithoutATemplateOfItsOwnUsesTheConfiguredOneAndKeepsTheKeyInTheConfiguredField() {
        connector.createTicket(new TicketDraft("Chat", "", false, null, null, null, null, null, null, null, null,
                null, null, "conv-9"), context("external_id_field", 150L));
        assertThat(planfix.tasks()).singleElement().satisfies(t -> {
            assertThat(t.templateId()).isEqualTo(41L);
            assertThat(t.customFields()).containsEntry(150L, "conv-9");
        });
    }

    @Test
    void findsAClientsTasksInTheGivenStatusesNewestFirst() {
        long client = planfix.addContact("Ivan", "", "ivan@example.com", null);
        long other = planfix.addContact("Other", "", "other@example.com", null);
        long old = planfix.addTask(client, "old", 2, null);
        long done = planfix.addTask(client, "done", 3, null);
        long fresh = planfix.addTask(client, "fresh", 1, null);
        planfix.addTask(other, "not Ivan's", 1, null);

        List<Ticket> active = connector.findTickets(new TicketQuery(String.valueOf(client), Set.of("1", "2", "4"), 10),
                context());
        assertThat(active).extracting(Ticket::id).containsExactly(String.valueOf(fresh), String.valueOf(old));
        assertThat(active.get(0).status()).isEqualTo(TicketStatus.NEW);
        assertThat(active.get(1).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(active.get(0).clientId()).isEqualTo(String.valueOf(client));

        List<Ticket> all = connector.findTickets(new TicketQuery(String.valueOf(client), Set.of(), 2), context());
        assertThat(all).extracting(Ticket::id).containsExactly(String.valueOf(fresh), String.valueOf(done));
        assertThat(all.get(1).status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void findsATaskByItsKeyAmongTheClientsTasksOrByTheKeyField() {
        long client = planfix.addContact("Ivan", "", "ivan@example.com", null);
        planfix.addTask(client, "other", 1, "conv-1");
        long wanted = planfix.addTask(client, "wanted", 1, "conv-2");

        assertThat(connector.findTicketByExternalId("conv-2", String.valueOf(client), context()))
                .hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(String.valueOf(wanted)));
        assertThat(connector.findTicketByExternalId("conv-3", String.valueOf(client), context())).isEmpty();
        int calls = planfix.calls().size();
        assertThat(connector.findTicketByExternalId("conv-2", null, context())).isEmpty();
        assertThat(planfix.calls()).as("nothing to search by").hasSize(calls);

        Ticket created = connector.createTicket(new TicketDraft("Chat", "", false, null, null, null, null, null, null,
                null, null, null, null, "conv-4"), context("external_id_field", 150L));
        assertThat(connector.findTicketByExternalId("conv-4", null, context("external_id_field", 150L)))
                .hasValueSatisfying(t -> {
                    assertThat(t.id()).isEqualTo(created.id());
                    assertThat(t.externalId()).isEqualTo("conv-4");
                });
        JsonNode filter = planfix.lastBody("POST /rest/task/list").orElseThrow().path("filters").get(0);
        assertThat(filter.path("type").asInt()).isEqualTo(101);
        assertThat(filter.path("field").asLong()).isEqualTo(150);
    }

    @Test
    void addsCommentsAsHtmlHiddenForNotesAndAsTheGivenEmployee() {
        long task = planfix.addTask(null, "t", 2, null);
        ExternalRef ref = connector.addComment(String.valueOf(task),
                new CommentDraft("Hello!\nHow can I help?", false, null, true, "msg-1"), context());
        connector.addComment(String.valueOf(task), CommentDraft.internalNote("Visitor left the chat", null),
                context());
        connector.addComment(String.valueOf(task), new CommentDraft("On it", false, "5", false, null), context());

        List<PlanfixFake.Comment> comments = planfix.comments(task);
        assertThat(comments).hasSize(3);
        assertThat(comments.get(0).description()).isEqualTo("Hello!<br>How can I help?");
        assertThat(comments.get(0).owner()).isEqualTo("user:" + ROBOT);
        assertThat(comments.get(0).sourceObjectId()).isEqualTo("msg-1");
        assertThat(comments.get(0).hidden()).isFalse();
        assertThat(comments.get(1).hidden()).isTrue();
        assertThat(comments.get(2).owner()).isEqualTo("user:5");
        assertThat(ref.type()).isEqualTo(ExternalRef.EntityType.COMMENT);
        assertThat(ref.id()).isEqualTo(String.valueOf(comments.get(0).id()));
        assertThat(ref.url()).isEqualTo(planfix.baseUrl() + "task/" + task + "?comment=" + comments.get(0).id());
    }

    @Test
    void completesATaskAndChangesItsAssigneeAlsoWhenPlanfixQueuesTheChange() {
        long task = planfix.addTask(null, "t", 2, null);
        connector.updateTicket(String.valueOf(task), TicketUpdate.status("3"), context());
        assertThat(planfix.task(task)).hasValueSatisfying(t -> assertThat(t.statusId()).isEqualTo(3));

        planfix.queueNextUpdates(1);
        connector.updateTicket(String.valueOf(task), new TicketUpdate("5", "2", TicketPriority.NORMAL, List.of("x"),
                Map.of("101", "7")), context());
        assertThat(planfix.task(task)).hasValueSatisfying(t -> {
            assertThat(t.statusId()).isEqualTo(2);
            assertThat(t.assignees()).containsExactly(5L);
            assertThat(t.priority()).isEqualTo("NotUrgent");
            assertThat(t.customFields()).containsEntry(101L, "7");
        });
        int calls = planfix.calls().size();
        connector.updateTicket(String.valueOf(task), new TicketUpdate(null, null, null, List.of("only-tags"), null),
                context());
        assertThat(planfix.calls()).hasSize(calls);
    }

    // ---- statuses, employees --------------------------------------------------------------------------------

    @Test
    void mapsThePlanfixStatusesToNeutralMeaningsCompletedBeingClosed() {
        planfix.addProcess(7, "Support", List.of(new PlanfixFake.Status(2, "In work", true),
                new PlanfixFake.Status(11, "Ждёт ответа клиента", true),
                new PlanfixFake.Status(12, "Завершенная", false), new PlanfixFake.Status(13, "Отменена", false),
                new PlanfixFake.Status(14, "Archived", false)));

        List<TicketStatusOption> statuses = connector.ticketStatuses(context());
        assertThat(statuses).extracting(TicketStatusOption::id)
                .containsExactly("0", "1", "2", "3", "4", "6", "11", "12", "13", "14");
        assertThat(statuses).extracting(TicketStatusOption::meaning).containsExactly(TicketStatus.OTHER,
                TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.CLOSED, TicketStatus.ON_HOLD,
                TicketStatus.RESOLVED, TicketStatus.OPEN, TicketStatus.CLOSED, TicketStatus.CLOSED,
                TicketStatus.CLOSED);

        List<TicketStatusOption> support = connector.ticketStatuses(context("process", 7L));
        assertThat(support).extracting(TicketStatusOption::label).containsExactly("In work", "Ждёт ответа клиента",
                "Завершенная", "Отменена", "Archived");
        assertThat(connector.options(HelpdeskConnector.STATUSES, context("process", 7L)))
                .extracting(Choice::value).containsExactly("2", "11", "12", "13", "14");
    }

    @Test
    void listsTheEmployeesWithNameEMailAndWhetherTheyAreActive() {
        List<Agent> agents = connector.listAgents(context());
        assertThat(agents).containsExactly(new Agent("1", "API Robot", "robot@planfix.test", true),
                new Agent("5", "Anna Smirnova", "anna@acme.test", true),
                new Agent("6", "Oleg Ivanov", "oleg@acme.test", false));
        assertThat(connector.options(HelpdeskConnector.AGENTS, context())).extracting(Choice::value)
                .containsExactly("1", "5");
    }

    // ---- failures -------------------------------------------------------------------------------------------

    @Test
    void aRefusedTokenIsPermanentAndNeverShowsTheToken() {
        assertThatThrownBy(() -> connector.findClientByEmail("a@b.c", context("api_token", "bad-token-42")))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessage("Planfix refused the API token (code 1: Invalid token)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bad-token-42").doesNotContain(TOKEN));
        planfix.failNext(1, 403, null, 5);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("scopes do not allow it");
    }

    @Test
    void tooManyRequestsAndServerErrorsAreTransient() {
        planfix.failNext(1, 429, 7);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOf(TransientVendorException.class)
                .satisfies(e -> assertThat(((TransientVendorException) e).retryAfter()).hasValue(
                        Duration.ofSeconds(7)));
        planfix.failNext(1, 502, null);
        assertThatThrownBy(() -> connector.findTickets(new TicketQuery("501", Set.of(), 5), context()))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("HTTP 502");
        // The daily quota (code 22) may come with HTTP 200: still transient, retried after ten minutes.
        planfix.failNext(1, 200, null, 22);
        assertThatThrownBy(() -> connector.listAgents(context())).isInstanceOf(TransientVendorException.class)
                .hasMessageContaining("daily request quota")
                .satisfies(e -> assertThat(((TransientVendorException) e).retryAfter()).hasValue(
                        Duration.ofMinutes(10)));
    }

    @Test
    void anUnknownTaskIsAPermanentErrorWithPlanfixsCode() {
        assertThatThrownBy(() -> connector.addComment("424242", CommentDraft.internalNote("x", null), context()))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessage("Could not add a comment to Planfix task 424242: Planfix answered HTTP 404, code 1000:"
                        + " Task does not exist");
    }
}
