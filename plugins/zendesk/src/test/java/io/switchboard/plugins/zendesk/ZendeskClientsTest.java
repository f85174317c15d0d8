package io.switchboard.plugins.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.Organization;
import io.switchboard.spi.helpdesk.OrganizationDraft;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskClientsTest extends ZendeskTestSupport {

    @Test
    void findsAClientByPhoneWithTheSearchApi() {
        long ivan = zendesk.addEndUser("Ivan Petrov", "ivan@example.com", "+79990001122");
        Client found = connector.findClientByPhone("+7 999 000-11-22", context()).orElseThrow();
        assertThat(found.id()).isEqualTo(String.valueOf(ivan));
        assertThat(found.name()).isEqualTo("Ivan Petrov");
        assertThat(found.phones()).containsExactly("+79990001122");
        assertThat(found.emails()).containsExactly("ivan@example.com");
        assertThat(found.url()).isEqualTo(zendesk.baseUrl() + "agent/users/" + ivan);
        assertThat(zendesk.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v2/search");
            assertThat(r.query()).contains("query=type:user phone:+79990001122");
        });
    }

    @Test
    void findsANumberStoredWithoutPlusByTryingTheDigitsNext() {
        long olga = zendesk.addEndUser("Olga", null, "380441234567");
        assertThat(connector.findClientByPhone("+380 44 123 4567", context())).get()
                .extracting(Client::id).isEqualTo(String.valueOf(olga));
        assertThat(zendesk.requests()).extracting(ZendeskFake.Request::query)
                .anySatisfy(q -> assertThat(q).contains("phone:+380441234567"))
                .anySatisfy(q -> assertThat(q).contains("phone:380441234567"));
    }

    @Test
    void findsANumberStoredAsTypedByTheQuotedForm() {
        long petr = zendesk.addEndUser("Petr", null, "8 999 000-11-22");
        assertThat(connector.findClientByPhone("8 999 000-11-22", context())).get()
                .extracting(Client::id).isEqualTo(String.valueOf(petr));
        assertThat(zendesk.requests()).hasSize(3);
    }

    @Test
    void ofSeveralClientsWithTheNumberTheMostRecentlyUpdatedIsTaken() {
        zendesk.addEndUser("Old", null, "+79990001122");
        long newer = zendesk.addEndUser("New", null, "+79990001122");
        assertThat(connector.findClientByPhone("79990001122", context())).get()
                .extracting(Client::id).isEqualTo(String.valueOf(newer));
    }

    @Test
    void anEmptyOrLetterOnlyPhoneFindsNobodyWithoutACall() {
        assertThat(connector.findClientByPhone("", context())).isEmpty();
        assertThat(connector.findClientByPhone("anonymous", context())).isEmpty();
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    void unknownNumberFindsNobody() {
        zendesk.addEndUser("Ivan", null, "+79990001122");
        assertThat(connector.findClientByPhone("+380501112233", context())).isEmpty();
    }

    @Test
    void findsAClientByEmailIgnoringCase() {
        long ivan = zendesk.addEndUser("Ivan", "Ivan@Example.com", null);
        assertThat(connector.findClientByEmail(" ivan@example.COM ", context())).get()
                .extracting(Client::id).isEqualTo(String.valueOf(ivan));
        assertThat(connector.findClientByEmail("nobody@example.com", context())).isEmpty();
        assertThat(connector.findClientByEmail("  ", context())).isEmpty();
    }

    @Test
    void createsAClientWithCreateOrUpdate() {
        long org = zendesk.addOrganization("ACME");
        Client created = connector.createClient(new ClientDraft("Ivan Petrov", List.of("ivan@example.com"),
                List.of("+79990001122", "+79990003344"), String.valueOf(org), Map.of("segment", "vip"), "crm-42"),
                context());
        ZendeskFake.User stored = zendesk.user(Long.parseLong(created.id())).orElseThrow();
        assertThat(stored.name()).isEqualTo("Ivan Petrov");
        assertThat(stored.email()).isEqualTo("ivan@example.com");
        assertThat(stored.phone()).isEqualTo("+79990001122");
        assertThat(stored.role()).isEqualTo("end-user");
        assertThat(stored.externalId()).as("not sent when an e-mail identifies the client").isNull();
        assertThat(stored.organizationId()).isEqualTo(org);
        assertThat(stored.userFields()).containsEntry("segment", "vip");
        assertThat(created.organizationId()).isEqualTo(String.valueOf(org));
        assertThat(zendesk.calls()).containsExactly("POST /api/v2/users/create_or_update");
    }

    @Test
    void theIdempotencyKeyIsTheExternalIdOfAClientKnownOnlyByPhone() {
        Client created = connector.createClient(new ClientDraft("Caller", null, List.of("+79990001122"), null, null,
                "sb-client-1"), context());
        assertThat(zendesk.user(Long.parseLong(created.id())).orElseThrow().externalId()).isEqualTo("sb-client-1");
    }

    @Test
    void anExistingUsersExternalIdIsNeverOverwritten() {
        long ivan = zendesk.addEndUser("Ivan", "ivan@example.com", null);
        connector.createClient(new ClientDraft("Ivan", List.of("ivan@example.com"), null, null, null, "sb-client-2"),
                context());
        connector.updateClient(String.valueOf(ivan), new ClientDraft("Ivan P", null, null, null, null, "sb-client-3"),
                context());
        assertThat(zendesk.user(ivan).orElseThrow().externalId()).isNull();
        assertThat(zendesk.user(ivan).orElseThrow().name()).isEqualTo("Ivan P");
        assertThat(zendesk.requests()).noneSatisfy(r -> assertThat(r.body()).contains("external_id"));
    }

    @Test
    void creatingTheSameClientAgainUpdatesInsteadOfDuplicating() {
        ClientDraft draft = new ClientDraft("Ivan", List.of("ivan@example.com"), List.of("+79990001122"), null,
                null, null);
        Client first = connector.createClient(draft, context());
        Client second = connector.createClient(draft, context());
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(zendesk.users()).filteredOn(u -> "end-user".equals(u.role())).hasSize(1);
    }

    @Test
    void aClientWithoutANameIsNamedAfterItsPhone() {
        Client created = connector.createClient(new ClientDraft(" ", null, List.of("+79990001122"), null, null, null),
                context());
        assertThat(created.name()).isEqualTo("+79990001122");
    }

    @Test
    void updatesOnlyWhatIsSetAndLinksTheOrganization() {
        long ivan = zendesk.addEndUser("Ivan", "ivan@example.com", "+79990001122");
        long org = zendesk.addOrganization("ACME");
        connector.updateClient(String.valueOf(ivan), new ClientDraft(null, null, null, String.valueOf(org), null,
                null), context());
        ZendeskFake.User stored = zendesk.user(ivan).orElseThrow();
        assertThat(stored.organizationId()).isEqualTo(org);
        assertThat(stored.name()).isEqualTo("Ivan");
        assertThat(stored.phone()).isEqualTo("+79990001122");
        assertThat(zendesk.requests()).singleElement().satisfies(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo("PUT /api/v2/users/" + ivan);
            assertThat(r.body()).isEqualTo("{\"user\":{\"organization_id\":" + org + "}}");
        });
    }

    @Test
    void anUpdateThatSetsNothingMakesNoCall() {
        connector.updateClient("1", new ClientDraft(null, null, null, null, null, null), context());
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    void aNonNumericIdIsPermanent() {
        assertThatThrownBy(() -> connector.updateClient("abc", new ClientDraft("X", null, null, null, null, null),
                context())).isInstanceOf(PermanentVendorException.class).hasMessageContaining("not a Zendesk id");
    }

    @Test
    void findsAnOrganizationByName() {
        long acme = zendesk.addOrganization("ACME Corp");
        Organization found = connector.findOrganization(" acme corp ", context()).orElseThrow();
        assertThat(found).isEqualTo(new Organization(String.valueOf(acme), "ACME Corp",
                zendesk.baseUrl() + "agent/organizations/" + acme));
        assertThat(connector.findOrganization("Other", context())).isEmpty();
        assertThat(connector.findOrganization("", context())).isEmpty();
    }

    @Test
    void findsAnOrganizationNamedAfterAPhoneNumber() {
        long org = zendesk.addOrganization("+79990001122");
        assertThat(connector.findOrganization("+79990001122", context())).get()
                .extracting(Organization::id).isEqualTo(String.valueOf(org));
        assertThat(zendesk.requests().get(0).query()).isEqualTo("name=+79990001122");
    }

    @Test
    void createsAnOrganizationAndOnADuplicateNameReturnsTheExistingOne() {
        zendesk.addOrganizationField("account_no", "Account number", "text");
        Organization created = connector.createOrganization(new OrganizationDraft("ACME", List.of("+79990001122"),
                Map.of("account_no", "7"), "acct-7"), context());
        ZendeskFake.Organization stored = zendesk.organizations().get(0);
        assertThat(created.id()).isEqualTo(String.valueOf(stored.id()));
        assertThat(stored.externalId()).isEqualTo("acct-7");
        assertThat(stored.organizationFields()).containsEntry("account_no", "7");

        Organization again = connector.createOrganization(new OrganizationDraft("ACME", null, null, "acct-7"),
                context());
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(zendesk.organizations()).hasSize(1);
    }

    @Test
    void anOrganizationNeedsAName() {
        assertThatThrownBy(() -> connector.createOrganization(new OrganizationDraft(" ", null, null, null), context()))
                .isInstanceOf(PermanentVendorException.class);
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    void aClientCreatedWhileTheSearchIndexLagsIsNotDuplicatedWhenCreatedAgain() {
        zendesk.simulateSearchLag(true);
        ClientDraft draft = new ClientDraft("Caller", null, List.of("+79990001122"), null, null, "sb-client-1");
        Client first = connector.createClient(draft, context());
        assertThat(connector.findClientByPhone("+79990001122", context())).isEmpty();
        Client again = connector.createClient(draft, context());
        assertThat(again.id()).isEqualTo(first.id());
        zendesk.indexSearch();
        assertThat(connector.findClientByPhone("+79990001122", context())).get()
                .extracting(Client::id).isEqualTo(first.id());
    }
}
