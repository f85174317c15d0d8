package io.switchboard.plugins.zendesk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zendesk.client.v2.Zendesk;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.Organization;
import org.zendesk.client.v2.model.Priority;
import org.zendesk.client.v2.model.Role;
import org.zendesk.client.v2.model.SortOrder;
import org.zendesk.client.v2.model.Status;
import org.zendesk.client.v2.model.Ticket;
import org.zendesk.client.v2.model.Type;
import org.zendesk.client.v2.model.User;

/**
 * The Zendesk fake driven by a client no one here wrote: {@code com.cloudbees.thirdparty:zendesk-java-client}
 * (version in the parent {@code pom.xml}), over loopback only. Where the two disagree the fake is what needs fixing
 * (the client is used against the real Zendesk), unless the client is at odds with Zendesk's own documentation.
 */
class ZendeskFakeJavaClientTest {

    private static final String EMAIL = "agent@acme.test";
    private static final String TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";

    private final ZendeskFake fake = new ZendeskFake(EMAIL, TOKEN);
    private final Zendesk client = new Zendesk.Builder(fake.baseUrl()).setUsername(EMAIL).setToken(TOKEN).build();

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @Test
    void createsAUserAnOrganizationAndATicketAndReadsThemBack() {
        assertThat(fake.baseUrl()).startsWith("http://localhost:");
        assertThat(client.getAuthenticatedUser().getEmail()).isEqualTo(EMAIL);

        Organization draftOrganization = new Organization();
        draftOrganization.setName("ACME");
        draftOrganization.setExternalId("acct-7");
        Organization organization = client.createOrganization(draftOrganization);
        assertThat(organization.getId()).isNotNull();

        User draftUser = new User(false, "Ivan Petrov", "ivan@example.com");
        draftUser.setPhone("+79990001122");
        draftUser.setRole(Role.END_USER);
        draftUser.setExternalId("crm-42");
        draftUser.setOrganizationId(organization.getId());
        User user = client.createUser(draftUser);
        assertThat(user.getId()).isNotNull();

        Comment firstComment = new Comment("Caller waited 45 s");
        firstComment.setPublic(false);
        Ticket draftTicket = new Ticket(user.getId(), "Missed call from +79990001122", firstComment);
        draftTicket.setOrganizationId(organization.getId());
        draftTicket.setPriority(Priority.HIGH);
        draftTicket.setType(Type.INCIDENT);
        draftTicket.setExternalId("call-7f3a");
        draftTicket.setTags(List.of("telephony", "missed"));
        Ticket created = client.createTicket(draftTicket);
        assertThat(created.getId()).isNotNull();
        assertThat(created.getStatus()).isEqualTo(Status.NEW);

        User readUser = client.getUser(user.getId());
        assertThat(readUser.getName()).isEqualTo("Ivan Petrov");
        assertThat(readUser.getEmail()).isEqualTo("ivan@example.com");
        assertThat(readUser.getPhone()).isEqualTo("+79990001122");
        assertThat(readUser.getRole()).isEqualTo(Role.END_USER);
        assertThat(readUser.getExternalId()).isEqualTo("crm-42");
        assertThat(readUser.getOrganizationId()).isEqualTo(organization.getId());
        assertThat(readUser.getCreatedAt()).isNotNull();

        Organization readOrganization = client.getOrganization(organization.getId());
        assertThat(readOrganization.getName()).isEqualTo("ACME");
        assertThat(readOrganization.getExternalId()).isEqualTo("acct-7");

        Ticket ticket = client.getTicket(created.getId());
        assertThat(ticket.getSubject()).isEqualTo("Missed call from +79990001122");
        assertThat(ticket.getDescription()).isEqualTo("Caller waited 45 s");
        assertThat(ticket.getRequesterId()).isEqualTo(user.getId());
        assertThat(ticket.getOrganizationId()).isEqualTo(organization.getId());
        assertThat(ticket.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.getType()).isEqualTo(Type.INCIDENT);
        assertThat(ticket.getExternalId()).isEqualTo("call-7f3a");
        assertThat(ticket.getTags()).containsExactlyInAnyOrder("telephony", "missed");
        assertThat(ticket.getCreatedAt()).isNotNull();

        List<Comment> comments = new ArrayList<>();
        client.getTicketComments(created.getId()).forEach(comments::add);
        assertThat(comments).singleElement().satisfies(c -> {
            assertThat(c.getBody()).isEqualTo("Caller waited 45 s");
            assertThat(c.isPublic()).isFalse();
            assertThat(c.getAuthorId()).isEqualTo(fake.apiUserId());
        });

        // Add Tags keeps the ticket's tags; the client reads the answer's "tags".
        assertThat(client.addTagToTicket(created.getId(), "callback"))
                .containsExactlyInAnyOrder("telephony", "missed", "callback");
        assertThat(client.getTicket(created.getId()).getTags()).containsExactlyInAnyOrder("telephony", "missed",
                "callback");

        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/api/v2/"));
        assertThat(fake.calls()).contains("POST /api/v2/organizations", "POST /api/v2/users", "POST /api/v2/tickets",
                "PUT /api/v2/tickets/" + created.getId() + "/tags");
        assertThat(fake.ticket(created.getId()).orElseThrow().organizationId()).isEqualTo(organization.getId());
        assertThat(fake.ticket(created.getId()).orElseThrow().requesterId()).isEqualTo(user.getId());
    }

    @Test
    void theReadsAndUpdatesThePluginReliesOnAgreeWithTheClient() {
        long anna = fake.addAgent("Anna", "anna@acme.test");
        fake.addEndUser("Someone", "someone@example.com", null);

        User draft = new User(false, "Ivan", "ivan@example.com");
        User made = client.createOrUpdateUser(draft);
        User again = client.createOrUpdateUser(new User(false, "Ivan Petrov", "IVAN@example.com"));
        assertThat(again.getId()).isEqualTo(made.getId());
        assertThat(again.getName()).isEqualTo("Ivan Petrov");
        User byExternalId = new User(false, "Phone only", (String) null);
        byExternalId.setExternalId("sb-phone-79990001122");
        byExternalId.setPhone("+79990001122");
        long phoneOnly = client.createOrUpdateUser(byExternalId).getId();
        assertThat(client.lookupUserByExternalId("sb-phone-79990001122")).extracting(User::getId)
                .containsExactly(phoneOnly);
        assertThat(client.getSearchResults(User.class, "type:user phone:+79990001122")).extracting(User::getId)
                .containsExactly(phoneOnly);

        List<String> roles = new ArrayList<>();
        client.getUsersByRole("agent", "admin").forEach(u -> roles.add(u.getName() + "/" + u.getRole()));
        assertThat(roles).containsExactlyInAnyOrder("API Agent/admin", "Anna/agent");

        Organization org = new Organization();
        org.setName("ACME");
        org.setExternalId("acct-7");
        long orgId = client.createOrganization(org).getId();
        assertThat(client.lookupOrganizationsByExternalId("acct-7")).extracting(Organization::getId)
                .containsExactly(orgId);

        Ticket draftTicket = new Ticket(made.getId(), "Missed call", new Comment("First"));
        draftTicket.setExternalId("call-1");
        Ticket ticket = client.createTicket(draftTicket);
        client.createTicket(new Ticket(made.getId(), "Another", new Comment("Other")));
        assertThat(client.getTicketsByExternalId("call-1")).extracting(Ticket::getId)
                .containsExactly(ticket.getId());
        assertThat(client.getUserRequestedTickets(made.getId())).hasSize(2);

        Ticket update = new Ticket();
        update.setId(ticket.getId());
        update.setAssigneeId(anna);
        update.setStatus(Status.PENDING);
        Comment note = new Comment("Called back");
        note.setPublic(false);
        note.setAuthorId(anna);
        update.setComment(note);
        Ticket updated = client.updateTicket(update);
        assertThat(updated.getStatus()).isEqualTo(Status.PENDING);
        assertThat(updated.getAssigneeId()).isEqualTo(anna);

        List<String> newestFirst = new ArrayList<>();
        client.getTicketComments(ticket.getId(), SortOrder.DESCENDING)
                .forEach(c -> newestFirst.add(c.getBody() + "/" + c.isPublic()));
        assertThat(newestFirst).containsExactly("Called back/false", "First/true");
    }
}
