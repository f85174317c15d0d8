package ${package};

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
 * The test kit's helpdesk contract suite: implementing HelpdeskContract makes its checks this class's tests
 * (schema, webhooks and their keys, failure classification, secrets, many connections at once).
 */
class ${classPrefix}ContractTest implements HelpdeskContract {

    private static final String WEBHOOK_TOKEN = "wh-7d41c0e2b9a84f";

    @Override
    public HelpdeskConnector connector() {
        return new ${classPrefix}Connector();
    }

    @Override
    public Map<String, ?> settings(String vendorUrl) {
        return Map.of("base_url", vendorUrl, "api_key", "Xq7sk2mPb8vN3rT", "webhook_token", WEBHOOK_TOKEN);
    }

    @Override
    public List<WebhookSample<HelpdeskEvent>> webhookSamples() {
        return List.of(
                WebhookSample.of("ticket created", webhook("""
                        {"event":"ticket_created","ticket_id":"501","subject":"Order late","requester_id":"1001"}"""),
                        List.of(new HelpdeskEvent.TicketCreated("ticket_created:501", "501", null, "1001",
                                "Order late"))),
                WebhookSample.of("agent's public reply", webhook("""
                        {"event":"note_added","ticket_id":"501","note_id":"9001","body":"<p>On its way &amp; soon</p>",
                         "private":false,"from_requester":false,"author_email":"anna@example.com",
                         "author_name":"Anna Agent"}"""),
                        List.of(new HelpdeskEvent.CommentAdded("note_added:501:9001", "501", "9001",
                                "On its way & soon", false, AuthorKind.AGENT, null, "anna@example.com",
                                "Anna Agent"))),
                WebhookSample.of("ticket resolved", webhook("""
                        {"event":"status_changed","ticket_id":"501","status":"4","old_status":"2",
                         "changed_at":"2024-05-02T10:05:00Z"}"""),
                        List.of(new HelpdeskEvent.TicketChanged("status_changed:501:4@2024-05-02T10:05:00Z", "501",
                                "2", "4", TicketStatus.RESOLVED, null, false, false))));
    }

    private static InboundRequest webhook(String json) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json"),
                "Authorization", List.of("Bearer " + WEBHOOK_TOKEN)), Map.of(),
                json.getBytes(StandardCharsets.UTF_8), Instant.parse("2024-05-02T10:05:01Z"));
    }
}
