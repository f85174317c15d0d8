package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.testkit.TestConnectorContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector against the fake ${connectorName} over real HTTP: what a tenant's flows would do. */
class ${classPrefix}ConnectorTest {

    private static final String API_KEY = "Xq7sk2mPb8vN3rT";

    private final ${classPrefix}Connector connector = new ${classPrefix}Connector();
    private final ${classPrefix}Fake vendor = new ${classPrefix}Fake(API_KEY);

    @AfterEach
    void stopFake() {
        vendor.close();
    }

    private TestConnectorContext context(String apiKey) {
        return TestConnectorContext.with(Map.of("base_url", vendor.baseUrl(), "api_key", apiKey));
    }

    @Test
    void checkWithTheRightKeySaysWhoWeAre() {
        CheckResult result = connector.check(context(API_KEY));
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("Authorized as Anna Agent");
    }

    @Test
    void checkWithAWrongKeyFailsWithoutShowingIt() {
        CheckResult result = connector.check(context("wrong-key-123"));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("refused").doesNotContain("wrong-key-123");
    }

    @Test
    void findsAClientByEmailOrPhone() {
        String id = vendor.addContact("Jon Client", "jon@example.com", "+15550100");
        assertThat(connector.findClientByEmail("JON@example.com", context(API_KEY))).get().extracting(Client::id)
                .isEqualTo(id);
        assertThat(connector.findClientByPhone("+15550100", context(API_KEY))).get().extracting(Client::name)
                .isEqualTo("Jon Client");
        assertThat(connector.findClientByEmail("nobody@example.com", context(API_KEY))).isEmpty();
    }

    @Test
    void createsATicketThatARetryFindsByItsKey() {
        String client = vendor.addContact("Jon Client", "jon@example.com", null);
        TicketDraft draft = new TicketDraft("Call from +15550100", "Missed call <b>at</b> 10:00", false, client, null,
                null, null, null, List.of("phone"), null, List.of(), null, Map.of(), "call-42");
        Ticket created = connector.createTicket(draft, context(API_KEY));
        assertThat(created.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(vendor.ticket(created.id()).path("description").asText()).isEqualTo("Missed call &lt;b&gt;at&lt;/b&gt; 10:00");
        assertThat(connector.findTicketByExternalId("call-42", client, context(API_KEY))).get()
                .extracting(Ticket::id).isEqualTo(created.id());
        assertThat(connector.findTicketByExternalId("call-43", client, context(API_KEY))).isEmpty();
    }

    @Test
    void addsAnInternalNote() {
        String client = vendor.addContact("Jon Client", "jon@example.com", null);
        Ticket ticket = connector.createTicket(new TicketDraft("Chat", "Hello", false, client, null, null, null, null,
                List.of(), null, List.of(), null, Map.of(), null), context(API_KEY));
        ExternalRef note = connector.addComment(ticket.id(), CommentDraft.internalNote("Line one\nLine two", "n-1"),
                context(API_KEY));
        assertThat(vendor.notes(ticket.id())).singleElement().satisfies(n -> {
            assertThat(n.path("id").asText()).isEqualTo(note.id());
            assertThat(n.path("private").asBoolean()).isTrue();
            assertThat(n.path("body").asText()).isEqualTo("Line one<br>Line two");
        });
    }

    @Test
    void aRateLimitIsTransientAndKeepsRetryAfter() {
        vendor.failNext(1, 429, 30);
        assertThatThrownBy(() -> connector.listAgents(context(API_KEY)))
                .isInstanceOfSatisfying(TransientVendorException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
        assertThat(connector.listAgents(context(API_KEY))).hasSize(2);
    }
}
