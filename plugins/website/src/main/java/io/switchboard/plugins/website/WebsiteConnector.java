package io.switchboard.plugins.website;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.RequestRateLimit;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.channel.SenderKind;
import io.switchboard.spi.channel.Visit;
import io.switchboard.spi.config.ApiKeys;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The customer's own website as a channel (issue #18, seeds CW1–CW3): the site's back end sends its customers'
 * messages to the connection's inbound URL with an API key ({@link SiteRequest}); the platform's flows turn them into
 * a helpdesk case and its comments; the helpdesk's replies — agents' answers and the customer's own e-mail replies —
 * go back to the site as signed Standard Webhooks ({@link SiteWebhook}), so the site shows the whole thread in the
 * customer's personal account. README: the site's side, step by step.
 *
 * <p>Authenticity of inbound requests: besides the connection's unguessable URL, which the platform checks, an API
 * key in {@code Authorization: Bearer}, compared in constant time with each configured key. The header is never
 * stored by the platform, so nothing needs removing before storing ({@link #withoutProof} keeps the default).
 */
@Extension
public class WebsiteConnector implements ChannelConnector {

    static final String ID = "website";
    /**
     * How fast Switchboard sends one site webhooks: the site is the tenant's own, with no documented limit; ten a
     * second keeps a burst of replies from swamping a small site. A tenant may set a lower limit.
     */
    static final RequestRateLimit RATE_LIMIT = RequestRateLimit.perSecond(10);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(ID, ConnectorKind.CHANNEL,
            "Your website", "Your own website's support section: customers' messages come in through an API with "
            + "keys; the helpdesk's replies, and customers' e-mail replies, go back as signed webhooks.",
            Set.of(Capability.CUSTOMER_REPLIES), WebsiteSettings.SCHEMA);

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Set<String> destinationFields() {
        return Set.of(WebsiteSettings.WEBHOOK_URL);
    }

    @Override
    public Optional<RequestRateLimit> requestRateLimit() {
        return Optional.of(RATE_LIMIT);
    }

    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        return WebsiteSettings.problems(config);
    }

    @Override
    public List<String> setupSteps() {
        return List.of(
                "Make one or more API keys of at least 32 characters (e.g. 'openssl rand -hex 32'), enter them here,"
                        + " and configure your site's back end to call the inbound URL above with "
                        + "'Authorization: Bearer <key>'.",
                "Make a signing secret (e.g. 'whsec_' followed by 'openssl rand -base64 32'), enter it here and give "
                        + "it to your site, which checks every webhook's signature with it.",
                "Enter your site's webhook URL, where replies are POSTed, and press 'Check connection': the site "
                        + "gets a signed test webhook {\"type\":\"ping\"} and must answer 2xx.",
                "When a customer writes in their personal account, POST {\"type\":\"message\",\"thread\":…,"
                        + "\"message_id\":…,\"text\":…} to the inbound URL (the first message with a subject and "
                        + "the customer); the plugin's README has curl examples and signature checks.");
    }

    /** Sends a signed {@code {"type":"ping"}} webhook: ok on 2xx, else the site's status in the message. */
    @Override
    public CheckResult check(ConnectorContext context) {
        WebsiteSettings settings;
        try {
            settings = WebsiteSettings.from(context.config());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
        String host = settings.webhookUrl().getHost();
        String id = "ping_" + context.clock().instant().getEpochSecond() + "_"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        try {
            VendorResponse answer = SiteWebhook.deliver(settings, id, SiteWebhook.pingBody(), context,
                    "deliver a test webhook");
            return CheckResult.ok("The site at " + host + " accepted a signed test webhook (HTTP " + answer.status()
                    + ")");
        } catch (TransientVendorException | PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    /**
     * Requires one of the connection's API keys (made by the platform, {@code FieldType.API_KEYS}) in
     * {@code Authorization: Bearer} (else 401 "Unknown API key"), then a
     * well-formed request: a customer's message ({@code POST}, see {@link SiteRequest#message}) or a thread listing
     * ({@code GET ?thread=}, answered by the platform, not by this connector).
     */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        SiteRequest.authenticate(request, ApiKeys.from(context.config(), WebsiteSettings.API_KEYS));
        if (SiteRequest.isListing(request)) {
            SiteRequest.listedThread(request);
        } else {
            SiteRequest.message(request, WebsiteSettings.maxMessageChars(context.config()));
        }
    }

    /**
     * Dedup key: thread and message id ({@code T-1001/m-1}), so a message the site sends again is stored once;
     * ordering key: {@code thread:<thread>}. A listing has neither (the platform answers it; should it ever be
     * stored, it is parsed into nothing).
     */
    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        if (SiteRequest.isListing(request)) {
            return InboundKeys.none();
        }
        SiteRequest.Message message = SiteRequest.message(request, WebsiteSettings.maxMessageChars(context.config()));
        return InboundKeys.of(message.dedupKey(), message.orderingKey());
    }

    /** 202 {@code {"accepted":true,"thread":…,"message_id":…}}: stored, processed shortly, in order per thread. */
    @Override
    public InboundResponse acknowledge(InboundRequest request) {
        if (SiteRequest.isListing(request)) {
            // Only reached when no platform service answered the listing (it is the platform's to answer).
            return new InboundResponse(501, "application/json", "{\"status\":501,\"message\":\"Listing a thread is "
                    + "not available on this Switchboard\"}", Map.of());
        }
        try {
            SiteRequest.Message message = SiteRequest.message(request, Integer.MAX_VALUE);
            return new InboundResponse(202, "application/json", SiteRequest.accepted(message), Map.of());
        } catch (WebhookRejectedException e) {
            return new InboundResponse(202, "application/json", "{\"accepted\":true}", Map.of());
        }
    }

    /**
     * A message becomes a {@link ChannelEvent.MessageReceived} from the client; with a {@code subject} (the
     * thread's first message) a {@link ChannelEvent.ConversationStarted} comes first, with the customer, the subject
     * in the contact's attributes and no link. Deterministic, no network.
     */
    @Override
    public ParsedEvents<ChannelEvent> parse(InboundRequest request, ConnectorContext context) {
        if (SiteRequest.isListing(request)) {
            return ParsedEvents.skipped("A request listing a thread carries no message; nothing to do.");
        }
        SiteRequest.Message message;
        try {
            // The limit was checked when the request was received; a lower one set since must not lose it.
            message = SiteRequest.message(request, Integer.MAX_VALUE);
        } catch (WebhookRejectedException e) {
            return ParsedEvents.skipped("The stored request is not a customer's message any more: "
                    + e.getMessage());
        }
        Contact contact = contact(message);
        List<ChannelEvent> events = new ArrayList<>();
        if (message.subject() != null) {
            events.add(new ChannelEvent.ConversationStarted("start:" + message.thread(), message.thread(), null,
                    contact, new Visit(null, List.of(), null, null, null, null, null)));
        }
        events.add(new ChannelEvent.MessageReceived("msg:" + message.dedupKey(), message.thread(),
                message.messageId(), SenderKind.CLIENT, null, contact, message.text()));
        return ParsedEvents.of(events);
    }

    private static Contact contact(SiteRequest.Message message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (message.subject() != null) {
            attributes.put("subject", message.subject());
        }
        attributes.put("thread", message.thread());
        SiteRequest.Customer c = message.customer();
        return c == null ? new Contact(null, null, null, null, null, attributes)
                : new Contact(c.id(), c.name(), c.email(), c.phone(), null, attributes);
    }

    /**
     * POSTs a {@code message.created} webhook to the site, signed, with the message's {@code externalId} as
     * {@code webhook-id} (the same on every attempt: the site drops repeats). 2xx: done; 408/425/429/5xx, a timeout or
     * a refused connection: retried by the platform (honouring {@code Retry-After}); any other answer: permanent,
     * naming the status (dead letter, replayable).
     */
    @Override
    public ExternalRef postMessage(String conversationId, OutgoingMessage message, ConnectorContext context) {
        if (message.operatorsOnly()) {
            throw new PermanentVendorException("A website shows customers everything it gets: a note only agents "
                    + "see was not sent");
        }
        if (conversationId == null || !SiteRequest.ID.matcher(conversationId).matches()) {
            throw new PermanentVendorException("'" + conversationId + "' is not a thread id of the site");
        }
        if (message.text().isBlank()) {
            throw new PermanentVendorException("An empty message was not sent to thread " + conversationId);
        }
        WebsiteSettings settings = WebsiteSettings.from(context.config());
        String id = SiteWebhook.webhookId(message.externalId());
        if (message.externalId() == null || message.externalId().isBlank()) {
            context.log().log(System.Logger.Level.INFO, "A message to thread " + conversationId + " came without an "
                    + "idempotency key; sent as " + id + ", so a retry cannot be recognised by the site");
        }
        byte[] body = SiteWebhook.messageBody(conversationId, id, message, context.clock().instant());
        VendorResponse answer = SiteWebhook.deliver(settings, id, body, context, "deliver message " + id
                + " to thread " + conversationId);
        return new ExternalRef(ExternalRef.EntityType.MESSAGE, siteId(answer).orElse(id), siteUrl(answer));
    }

    /** @return the site's own id of the message when its answer is JSON with a string or integer {@code id} */
    private static Optional<String> siteId(VendorResponse answer) {
        JsonNode id = json(answer).path("id");
        if (id.isTextual() && !id.textValue().isBlank() && id.textValue().length() <= 200) {
            return Optional.of(id.textValue().strip());
        }
        return id.isIntegralNumber() ? Optional.of(id.bigIntegerValue().toString()) : Optional.empty();
    }

    /** @return the {@code url} of the site's JSON answer when it is an http(s) link, else {@code null} */
    private static String siteUrl(VendorResponse answer) {
        JsonNode url = json(answer).path("url");
        if (url.isTextual() && url.textValue().matches("https?://\\S{1,2000}")) {
            return url.textValue();
        }
        return null;
    }

    private static JsonNode json(VendorResponse answer) {
        if (answer.body().length == 0 || answer.body().length > 65_536) {
            return SiteWebhook.JSON.missingNode();
        }
        try {
            JsonNode node = SiteWebhook.JSON.readTree(answer.body());
            return node == null ? SiteWebhook.JSON.missingNode() : node;
        } catch (IOException e) {
            return SiteWebhook.JSON.missingNode();
        }
    }
}
