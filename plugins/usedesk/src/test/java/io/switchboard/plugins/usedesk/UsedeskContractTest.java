package io.switchboard.plugins.usedesk;

import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.contract.HelpdeskContract;
import io.switchboard.testkit.contract.WebhookSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The test kit's helpdesk contract suite (HelpdeskContract) run on the Usedesk connector: vendor failures, secrets,
 * and three webhooks about one ticket, shaped as Usedesk documents them (README, "Vendor facts"), with the API token
 * as their {@code secret}.
 */
class UsedeskContractTest implements HelpdeskContract {

    private static final String TOKEN = "0e8f678d8327eb3292a28c8165957b282a1b2f8b";

    @Override
    public HelpdeskConnector connector() {
        return new UsedeskConnector();
    }

    @Override
    public Map<String, ?> settings(String vendorUrl) {
        return Map.of("api_token", TOKEN, "region", "custom", "base_url", vendorUrl);
    }

    @Override
    public List<WebhookSample<HelpdeskEvent>> webhookSamples() {
        return List.of(
                WebhookSample.of("ticket created", json("""
                        {"secret":"%s","ticket":{"id":"2261907","status_id":"1","subject":"First msg",
                         "client_id":"242630","additional_id":"123Ca344","message":"Hello, I need help"},
                         "client":{"id":242630,"name":"Jon"}}""".formatted(TOKEN)),
                        List.of(new HelpdeskEvent.TicketCreated("ticket:2261907", "2261907", "123Ca344", "242630",
                                "First msg"))),
                WebhookSample.of("comment from the client", json("""
                        {"secret":"%s","comment":{"id":112233446,"message":"Any news?","from":"client",
                         "type":"public","client_id":242630,"ticket_id":2261907},
                         "client":{"id":242630,"name":"Jon","emails":[{"email":"jon@example.com"}]}}""".formatted(TOKEN)),
                        List.of(new HelpdeskEvent.CommentAdded("comment:112233446", "2261907", "112233446",
                                "Any news?", false, AuthorKind.CLIENT, "242630", "jon@example.com", "Jon"))),
                WebhookSample.of("status changed by an agent", json("""
                        {"secret":"%s","trigger":{"id":99887766,"user_id":545,"ticket_id":2261907,
                         "data":[{"target":"status_id","value":2,"old_value":1}],"old_status":1,"new_status":2}}
                        """.formatted(TOKEN)),
                        List.of(new HelpdeskEvent.TicketChanged("trigger:99887766", "2261907", "1", "2",
                                TicketStatus.RESOLVED, null, false, false))),
                WebhookSample.of("ticket created, as a form", new InboundRequest("POST",
                        Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), Map.of(),
                        ("secret=" + TOKEN + "&ticket%5Bid%5D=2261908&ticket%5Bsubject%5D=Hi")
                                .getBytes(StandardCharsets.UTF_8), Instant.EPOCH)));
    }

    private static InboundRequest json(String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }
}
