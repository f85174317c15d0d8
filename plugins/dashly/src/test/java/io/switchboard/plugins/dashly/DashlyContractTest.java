package io.switchboard.plugins.dashly;

import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.contract.ChannelContract;
import io.switchboard.testkit.contract.WebhookSample;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The test kit's channel contract suite (ChannelContract) run on the Dashly connector, with one conversation's
 * webhooks as Dashly posts them (README, "Vendor facts"): a form with the conversation part as JSON and the
 * configured webhook token.
 */
class DashlyContractTest implements ChannelContract {

    private static final String KEY = "app.12345.a1b2c3d4e5f6a7b8c9d0";
    private static final String WEBHOOK_TOKEN = "whtok-123456";

    @Override
    public ChannelConnector connector() {
        return new DashlyConnector();
    }

    @Override
    public Map<String, ?> settings(String vendorUrl) {
        return Map.of("api_token", KEY, "api_host", "custom", "api_url", vendorUrl, "site", "example.com",
                "from_admin", "default_admin", "lead_note_event", "Note from Switchboard",
                "webhook_token", WEBHOOK_TOKEN);
    }

    @Override
    public List<WebhookSample<ChannelEvent>> webhookSamples() {
        return List.of(
                WebhookSample.of("visitor message", part("""
                        {"id":"1983962417305550876","created":1796292000,"conversation":"c-100",
                         "body":"Hello, my order is late","direction":"u2a","type":"reply_user","user":"l-7",
                         "from":"l-7","conversation_closed":false,"assignee":null}""")),
                WebhookSample.of("operator reply", part("""
                        {"id":"1983962417305550900","created":1796292000,"conversation":"c-100",
                         "body":"<p>We are on it</p>","direction":"a2u","type":"reply_admin","user":"l-7","from":"42",
                         "conversation_closed":false,"assignee":{"id":"42","name":"Operator 42","type":"admin",
                         "name_internal":"operator.42@example.com"}}""")),
                WebhookSample.of("conversation closed", part("""
                        {"id":"1983962417305550918","created":1796292000,"conversation":"c-100","body":"",
                         "direction":"a2u","type":"closed","user":"l-7","from":"42","conversation_closed":true,
                         "assignee":{"id":"42","name":"Operator 42","type":"admin"}}""")));
    }

    /** A conversation-part webhook as Dashly posts it: a form with the part as JSON and the token. */
    private static InboundRequest part(String json) {
        String body = "conversation=" + URLEncoder.encode(json, StandardCharsets.UTF_8) + "&type=conversation&token="
                + WEBHOOK_TOKEN;
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/x-www-form-urlencoded"),
                "User-Agent", List.of("Dashly Webhook 1.0")), Map.of(), body.getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-12-03T10:00:00Z"));
    }
}
