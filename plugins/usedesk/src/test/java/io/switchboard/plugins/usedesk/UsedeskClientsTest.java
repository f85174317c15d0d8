package io.switchboard.plugins.usedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client operations against the Usedesk fake over HTTP. */
class UsedeskClientsTest {

    private static final String TOKEN = "T0K3N";

    private final UsedeskConnector connector = new UsedeskConnector();
    private UsedeskFake usedesk;
    private TestConnectorContext context;

    @BeforeEach
    void startFake() {
        usedesk = new UsedeskFake(TOKEN);
        context = TestConnectorContext.with(Map.of("api_token", TOKEN, "region", "custom",
                "base_url", usedesk.baseUrl()));
    }

    @AfterEach
    void stopFake() {
        usedesk.close();
    }

    @Test
    void findsAClientByEMailIgnoringCase() {
        long id = usedesk.addClient("Ivan", "Ivan@Example.com", "79990001122");
        usedesk.addClient("Other", "other@example.com", null);

        assertThat(connector.findClientByEmail("ivan@example.COM", context)).contains(
                new Client(String.valueOf(id), "Ivan", List.of("Ivan@Example.com"), List.of("79990001122"), null,
                        null));
        assertThat(usedesk.requests()).containsExactly("/clients");
    }

    @Test
    void eMailSearchIgnoresClientsWhoseNameOrPhoneMatched() {
        usedesk.addClient("ivan@example.com", null, null);
        assertThat(connector.findClientByEmail("ivan@example.com", context)).isEmpty();
        assertThat(connector.findClientByEmail(" ", context)).isEmpty();
    }

    @Test
    void findsAClientByPhoneWhateverTheNationalPrefixOrSeparators() {
        long id = usedesk.addClient("Ivan", null, "79990001122");
        for (String phone : List.of("+7 999 000-11-22", "8 999 0001122", "79990001122")) {
            assertThat(connector.findClientByPhone(phone, context)).as(phone)
                    .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(String.valueOf(id)));
        }
        assertThat(connector.findClientByPhone("+7 999 000-11-23", context)).isEmpty();
    }

    @Test
    void aClientStoredWithSeparatorsIsFoundByTheNumberAsStoredWhenTheDigitsFindNobody() {
        long id = usedesk.addClient("Ivan", null, "+7 999 000-11-22");
        assertThat(connector.findClientByPhone("+79990001122", context)).isEmpty();
        assertThat(usedesk.requests()).containsExactly("/clients");

        assertThat(connector.findClientByPhone("+7 999 000-11-22", context))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(String.valueOf(id)));
        assertThat(usedesk.requests()).containsExactly("/clients", "/clients", "/clients");
    }

    @Test
    void ofSeveralClientsWithThePhoneTheNewestWins() {
        usedesk.addClient("Old", null, "89990001122");
        long newest = usedesk.addClient("New", null, "79990001122");
        usedesk.addClient("Longer number", null, "799900011223");

        assertThat(connector.findClientByPhone("+7 (999) 000-11-22", context))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(String.valueOf(newest)));
    }

    @Test
    void phoneSearchReadsFurtherPagesWhileThePageIsFull() {
        for (int i = 0; i < 100; i++) {
            // Usedesk matches the query against names too: these are found, then refused by the phone check.
            usedesk.addClient("Called from 9990001122 #" + i, null, "74950000000");
        }
        long last = usedesk.addClient("Ivan", null, "+79990001122");

        assertThat(connector.findClientByPhone("9990001122", context))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(String.valueOf(last)));
        assertThat(usedesk.requests()).containsExactly("/clients", "/clients");
    }

    @Test
    void createsAClient() {
        Client created = connector.createClient(new ClientDraft("Ivan", List.of("ivan@example.com"),
                List.of("+79990001122", "+74950000000"), null, null, "ext-1"), context);

        UsedeskFake.Client stored = usedesk.clients().get(0);
        assertThat(created.id()).isEqualTo(String.valueOf(stored.id()));
        assertThat(stored).isEqualTo(new UsedeskFake.Client(stored.id(), "Ivan", List.of("ivan@example.com"),
                "+79990001122"));
        assertThat(created.phones()).containsExactly("+79990001122");
        assertThat(usedesk.requests()).containsExactly("/create/client");
    }

    @Test
    void updateSendsOnlyTheGivenParts() {
        long id = usedesk.addClient("Ivan", "ivan@example.com", "79990001122");

        connector.updateClient(String.valueOf(id), new ClientDraft(" ", List.of(), List.of("+74950000000"), null,
                null, null), context);
        assertThat(usedesk.clients().get(0)).isEqualTo(new UsedeskFake.Client(id, "Ivan", List.of("ivan@example.com"),
                "+74950000000"));

        connector.updateClient(String.valueOf(id), new ClientDraft("Ivan P.", List.of("ip@example.com"), null, null,
                null, null), context);
        assertThat(usedesk.clients().get(0)).isEqualTo(new UsedeskFake.Client(id, "Ivan P.", List.of("ip@example.com"),
                "+74950000000"));
        assertThat(usedesk.requests()).containsExactly("/update/client", "/update/client");
    }

    @Test
    void theFakeTakesFormBodiesAndUpdatesThroughCreateClientWithAClientId() throws Exception {
        long id = usedesk.addClient("Ivan", "ivan@example.com", "79990001122");
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(usedesk.baseUrl() + "create/client"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "api_token=" + TOKEN + "&client_id=" + id + "&name=Ivan+Petrov"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(usedesk.clients()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("Ivan Petrov"));
    }

    @Test
    void updateWithNothingToChangeMakesNoCall() {
        connector.updateClient("1", new ClientDraft(null, null, null, null, null, null), context);
        assertThat(usedesk.requests()).isEmpty();
    }

    @Test
    void unknownClientAndNonNumericIdsArePermanent() {
        assertThatThrownBy(() -> connector.updateClient("5", new ClientDraft("X", null, null, null, null, null),
                context)).isInstanceOf(PermanentVendorException.class).hasMessageContaining("Client not found");
        assertThatThrownBy(() -> connector.updateClient("abc", new ClientDraft("X", null, null, null, null, null),
                context)).isInstanceOf(PermanentVendorException.class).hasMessageContaining("not a Usedesk id");
    }
}
