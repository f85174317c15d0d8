package io.switchboard.plugins.dashly;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Dashly (Carrot quest) live chat: its chat-message webhooks become channel events ({@link DashlyEvents}); the
 * platform answers in a conversation (a reply or an operators-only note), reads a lead, writes notes, properties and
 * events on it. Calls and their failures: {@link DashlyApi}. What Dashly documents and what is inferred: README.
 *
 * <p>Authenticity: Dashly signs nothing. Its chat webhook carries a static {@code token} its support sets; when the
 * tenant enters it, every webhook must carry it (compared in constant time); otherwise the connection's unguessable
 * URL is the proof.
 */
@Extension
public class DashlyConnector implements ChannelConnector {

    /** A lead id no project has: {@code check} reads it to learn whether the key is accepted, without side effects. */
    private static final String PROBE_LEAD = "0";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("dashly", ConnectorKind.CHANNEL,
            "Dashly", "Dashly (Carrot quest) live chat: operators' slash commands, bot replies, operator notes and "
            + "lead notes.",
            Set.of(Capability.SLASH_COMMANDS, Capability.OPERATOR_ONLY_MESSAGES, Capability.CONTACT_LOOKUP,
                    Capability.CONTACT_NOTES, Capability.CONTACT_UPDATES, Capability.CONTACT_ACTIONS),
            DashlySettings.SCHEMA);

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Dashly's API key, and its chat-message webhook, which Dashly's support switches on (README, "Setup"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Dashly open Settings → Developers → API keys, create a key and copy it into this connection's API"
                        + " key; choose Dashly or Carrot quest and save.",
                "Ask Dashly's support to switch on the chat-message webhook (a request for every message in a chat)"
                        + " with the inbound URL above as its address.",
                "If they give you a token for that webhook, enter it as Webhook token: webhooks without it are then"
                        + " refused.",
                "Enter the admin (operator) id that bot replies and notes are sent as, or keep default_admin.",
                "Make a Chat commands to tickets flow from this connection to your helpdesk connection (Flows → New"
                        + " flow); an operator then types /usedesk and the ticket's text in a chat.");
    }

    /** The service and the other address decide where the API key goes. */
    @Override
    public Set<String> destinationFields() {
        return Set.of(DashlySettings.API_HOST, DashlySettings.API_URL);
    }

    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (DashlySettings.CUSTOM.equals(config.text(DashlySettings.API_HOST).orElse(DashlySettings.DASHLY))
                && config.text(DashlySettings.API_URL).isEmpty()) {
            problems.add(new ValidationProblem(DashlySettings.API_URL,
                    "Enter the API address, or choose Dashly or Carrot quest."));
        }
        return problems;
    }

    /** Reads a lead that cannot exist: any answer but 401/403 means the key is accepted. Changes nothing. */
    @Override
    public CheckResult check(ConnectorContext context) {
        DashlyApi api = DashlyApi.of(context);
        try {
            int status = api.status("users/" + PROBE_LEAD);
            if (status == 401 || status == 403) {
                return CheckResult.failed("Dashly refused the API key (HTTP " + status + "): check it under "
                        + "Settings → Developers → API keys");
            }
            if (status >= 500 || status == 429) {
                return CheckResult.failed("Dashly at " + api.settings().apiBase().getHost() + " answered HTTP "
                        + status + "; try again later");
            }
            return CheckResult.ok("Authorized at " + api.settings().apiBase().getHost());
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Dashly at " + api.settings().apiBase().getHost() + ": "
                    + e.getMessage());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        String expected = context.config().text(DashlySettings.WEBHOOK_TOKEN).map(String::trim)
                .filter(t -> !t.isEmpty()).orElse(null);
        if (expected != null) {
            SharedSecret.require(expected, DashlyWebhook.token(request).orElse(null), "'token' field");
        }
    }

    /** Stored without the {@code token} field: it is the shared secret. */
    @Override
    public InboundRequest withoutProof(InboundRequest verified) {
        return verified.withoutBodyFields("token");
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return DashlyWebhook.keys(request);
    }

    @Override
    public ParsedEvents<ChannelEvent> parse(InboundRequest request, ConnectorContext context) {
        return DashlyEvents.parse(request, DashlySettings.from(context.config()));
    }

    /**
     * A reply the visitor sees ({@code reply_admin}) or a note only operators see ({@code note}), sent as the
     * configured admin. Its {@code random_id} is derived from the platform's idempotency key, so the webhook of our
     * own message can be told from others'.
     */
    @Override
    public ExternalRef postMessage(String conversationId, OutgoingMessage message, ConnectorContext context) {
        DashlyApi api = DashlyApi.of(context);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("body", message.text());
        fields.put("type", message.operatorsOnly() ? "note" : "reply_admin");
        fields.put("from_admin", api.settings().fromAdmin());
        if (message.externalId() != null) {
            fields.put("random_id", String.valueOf(randomId(message.externalId())));
        }
        JsonNode part = api.post("conversations/" + conversationId + "/reply", fields,
                message.operatorsOnly() ? "write a note in conversation " + conversationId
                        : "reply in conversation " + conversationId);
        String id = DashlyJson.id(part.get("id"));
        return new ExternalRef(ExternalRef.EntityType.MESSAGE, id == null ? "?" : id,
                api.settings().conversationUrl(conversationId));
    }

    /** Reads the lead by id, or the conversation's lead when the webhook did not name one. */
    @Override
    public Optional<Contact> findContact(String contactId, String conversationId, ConnectorContext context) {
        DashlyApi api = DashlyApi.of(context);
        JsonNode user;
        try {
            if (contactId == null) {
                user = api.get("conversations/" + conversationId, Map.of(),
                        "read conversation " + conversationId).path("user");
            } else {
                user = api.get("users/" + contactId, Map.of(), "read lead " + contactId);
            }
        } catch (PermanentVendorException e) {
            if (e.getMessage().contains("HTTP 404")) {
                return Optional.empty();
            }
            throw e;
        }
        String id = DashlyJson.id(user.get("id"));
        if (id == null) {
            return Optional.empty();
        }
        JsonNode props = user.path("props");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("site", api.settings().siteName());
        String userId = DashlyJson.id(user.get("user_id"));
        if (userId != null) {
            attributes.put("site_user_id", userId);
        }
        return Optional.of(new Contact(id, text(props, "$name"), text(props, "$email"), text(props, "$phone"),
                api.settings().leadUrl(id), attributes));
    }

    /**
     * Dashly's API has no call that writes a lead note: the note is an event (named by the connection's "Lead note
     * event" setting) in the lead's history, with the text in its {@code text} parameter.
     */
    @Override
    public void addContactNote(String contactId, String note, ConnectorContext context) {
        DashlyApi api = DashlyApi.of(context);
        trackEvent(api, contactId, api.settings().leadNoteEvent(), Map.of("text", note));
    }

    /** Sets the lead's properties; {@code name}, {@code email} and {@code phone} become Dashly's {@code $} ones. */
    @Override
    public void updateContact(String contactId, Map<String, String> properties, ConnectorContext context) {
        List<Map<String, String>> operations = new ArrayList<>();
        properties.forEach((key, value) -> operations.add(Map.of("op", "update_or_create", "key",
                switch (key) {
                    case "name", "email", "phone" -> "$" + key;
                    default -> key;
                }, "value", value)));
        JsonNode answer = DashlyApi.of(context).post("users/" + contactId + "/props",
                Map.of("operations", DashlyApi.jsonField(operations)), "update lead " + contactId);
        if (answer != null && answer.path("ignored_operations").size() > 0) {
            context.log().log(System.Logger.Level.WARNING, "Dashly ignored property changes of lead " + contactId
                    + ": " + answer.path("ignored_operations"));
        }
    }

    @Override
    public void addContactAction(String contactId, String action, Map<String, String> details,
                                 ConnectorContext context) {
        trackEvent(DashlyApi.of(context), contactId, action, details);
    }

    private static void trackEvent(DashlyApi api, String leadId, String event, Map<String, String> params) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event.length() > 255 ? event.substring(0, 255) : event);
        fields.put("params", DashlyApi.jsonField(params));
        api.post("users/" + leadId + "/events", fields, "write on lead " + leadId);
    }

    /** @return a positive 31-bit number derived from the key (Dashly's {@code random_id} is a 32-bit integer) */
    static int randomId(String externalId) {
        byte[] bytes = externalId.getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x01000193; // FNV-1a: stable across JVMs, unlike String.hashCode's promise
        }
        return hash & 0x7fffffff;
    }

    private static String text(JsonNode props, String key) {
        String value = props.path(key).asText("").trim();
        return value.isEmpty() ? null : value;
    }
}
