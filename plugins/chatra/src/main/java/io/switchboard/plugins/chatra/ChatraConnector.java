package io.switchboard.plugins.chatra;

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
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Chatra live chat: its webhooks ({@code chatStarted}, {@code chatFragment}, {@code chatTranscript},
 * {@code clientInfoUpdated}) become channel events ({@link ChatraEvents}); the platform answers in the visitor's chat
 * as a named agent or as the integration's agent, reads the visitor and updates the visitor card. Calls and their
 * failures: {@link ChatraApi}. What Chatra documents and what is inferred: README.
 *
 * <p>Authenticity: Chatra signs nothing and sends no secret with its webhooks (none is known from any source), so the
 * connection's unguessable inbound URL, which the platform checks before {@link #verify}, is the only proof;
 * {@code verify} accepts every request that reached it.
 */
@Extension
public class ChatraConnector implements ChannelConnector {

    /** A visitor id no account has: {@code check} reads it to learn whether the keys are accepted, changing nothing. */
    static final String PROBE_CLIENT = "switchboard-check-0";
    /** Chatra's limit on a message's text (1–5000 characters). */
    static final int MAX_TEXT = 5000;
    /**
     * Chatra's API page has a "Rate limiting" section whose numbers could not be read; this is an inferred,
     * conservative limit (README, "Inferred").
     */
    static final RequestRateLimit RATE_LIMIT = RequestRateLimit.perMinute(60);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("chatra", ConnectorKind.CHANNEL,
            "Chatra", "Chatra live chat: new chats, messages both ways (as the employee's own agent or the "
            + "integration's), visitor details and chat ends.",
            Set.of(Capability.SEND_AS_AGENT, Capability.CONTACT_LOOKUP, Capability.CONTACT_UPDATES,
                    Capability.CONTACT_NOTES),
            ChatraSettings.SCHEMA);

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<RequestRateLimit> requestRateLimit() {
        return Optional.of(RATE_LIMIT);
    }

    /** Chatra's keys and its webhook (README, "Setup"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Chatra open Settings → Integrations → API (a paid Chatra plan is needed) and copy the public and"
                        + " the secret API key into this connection.",
                "In Chatra open Settings → Integrations → Webhooks, paste the inbound URL above and tick the chat "
                        + "events (chat started, chat fragment, chat transcript; and client info updated when "
                        + "offered).",
                "Optionally enter the integration's agent (an e-mail or agent id; an unknown e-mail becomes a new "
                        + "Chatra agent named after the connection) and the e-mails of agents who write as "
                        + "themselves.",
                "To reach visitors who have left, let Chatra e-mail replies: in Chatra ask visitors for their e-mail "
                        + "(pre-chat form or offline form).");
    }

    /** Reads a visitor that cannot exist: any answer but 401/403 means the keys are accepted. Changes nothing. */
    @Override
    public CheckResult check(ConnectorContext context) {
        ChatraApi api;
        try {
            api = ChatraApi.of(context);
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
        String host = api.settings().apiBase().getHost();
        try {
            int status = api.status("clients/" + PROBE_CLIENT);
            if (status == 401 || status == 403) {
                return CheckResult.failed("Chatra refused the API keys (HTTP " + status + "): check the public and "
                        + "secret key under Settings → Integrations → API, and that the plan includes the API");
            }
            if (status == 429 || status >= 500) {
                return CheckResult.failed("Chatra at " + host + " answered HTTP " + status + "; try again later");
            }
            return CheckResult.ok("Authorized at " + host + " with public key " + api.settings().publicKey());
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Chatra at " + host + ": " + e.getMessage());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    /** Nothing to check beyond the inbound URL's token (see the class comment). */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        // Chatra offers no signature or shared secret: the platform's URL token check is the proof.
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return ChatraWebhook.keys(request);
    }

    @Override
    public ParsedEvents<ChannelEvent> parse(InboundRequest request, ConnectorContext context) {
        return ChatraEvents.parse(request);
    }

    /**
     * Sends the text into the visitor's chat ({@code POST /messages/}) as the agent with the author's e-mail when the
     * settings allow it, else as the integration's agent (by e-mail or id); without one, as a random agent of the
     * account ({@code POST /pushedMessages/}). A visitor who has left gets it by e-mail from Chatra when they gave one
     * (README, "Vendor facts"). Chatra has no idempotency key: a retry after a lost answer may send twice.
     */
    @Override
    public ExternalRef postMessage(String conversationId, OutgoingMessage message, ConnectorContext context) {
        if (message.operatorsOnly()) {
            throw new PermanentVendorException("Chatra has no messages only agents see: the note was not sent");
        }
        ChatraApi api = ChatraApi.of(context);
        ChatraSettings settings = api.settings();
        String clientId = ChatraConversation.clientId(conversationId);
        String text = message.text().strip();
        if (text.isEmpty()) {
            throw new PermanentVendorException("Chatra refuses empty messages: nothing was sent to chat "
                    + conversationId);
        }
        if (text.length() > MAX_TEXT) {
            context.log().log(System.Logger.Level.WARNING, "A message to Chatra chat " + conversationId + " had "
                    + text.length() + " characters; Chatra takes " + MAX_TEXT + ": the rest was cut");
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("text", text);
        String path = "messages/";
        String as;
        if (settings.writesAsThemself(message.asAgentEmail())) {
            String email = message.asAgentEmail().trim();
            body.put("agentEmail", email);
            body.put("agentName", email.substring(0, Math.max(1, email.indexOf('@'))));
            as = "agent " + email;
        } else if (settings.defaultAgentIsEmail()) {
            body.put("agentEmail", settings.defaultAgent());
            body.put("agentName", settings.agentName());
            as = "the integration's agent";
        } else if (settings.defaultAgent() != null) {
            body.put("agentId", settings.defaultAgent());
            as = "the integration's agent";
        } else {
            path = "pushedMessages/";
            as = "a random agent";
        }
        if (message.asAgentEmail() != null && !settings.writesAsThemself(message.asAgentEmail())) {
            context.log().log(System.Logger.Level.INFO, "Reply by " + message.asAgentEmail() + " sent to Chatra as "
                    + as + ": that e-mail is not among the agents who write as themselves");
        }
        if (path.equals("messages/")) {
            body.put("receivedFrom", ChatraEvents.RECEIVED_FROM);
        }
        JsonNode sent = api.send("POST", path, body, "send a message to Chatra chat " + conversationId + " as "
                + as);
        String id = ChatraJson.id(sent.get("id"));
        return new ExternalRef(ExternalRef.EntityType.MESSAGE, id == null ? "?" : id, null);
    }

    /** Reads the visitor ({@code GET /clients/{id}}); without an id, the visitor of the conversation. */
    @Override
    public Optional<Contact> findContact(String contactId, String conversationId, ConnectorContext context) {
        String clientId = contactId != null ? contactId
                : conversationId == null ? null : ChatraConversation.clientId(conversationId);
        if (clientId == null) {
            return Optional.empty();
        }
        JsonNode client;
        try {
            client = ChatraApi.of(context).get("clients/" + ChatraApi.segment(clientId), "read Chatra client "
                    + clientId);
        } catch (PermanentVendorException e) {
            if (e.getMessage().contains("HTTP 404")) {
                return Optional.empty();
            }
            throw e;
        }
        String id = ChatraJson.id(client.get("id"));
        return Optional.of(ChatraEvents.contact(id == null ? clientId : id, client));
    }

    /**
     * Writes the visitor card ({@code PUT /clients/{id}}): Chatra takes {@code name}, {@code email}, {@code phone}
     * and {@code notes}; other properties are logged and left out, blank values are left out (Chatra would remove the
     * value).
     */
    @Override
    public void updateContact(String contactId, Map<String, String> properties, ConnectorContext context) {
        Map<String, Object> body = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (Set.of("name", "email", "phone", "notes").contains(key) && value != null && !value.isBlank()) {
                body.put(key, value.strip());
            }
        });
        if (body.size() < properties.size()) {
            context.log().log(System.Logger.Level.WARNING, "Chatra keeps only name, e-mail, phone and notes on a "
                    + "visitor: " + properties.keySet().stream().filter(k -> !body.containsKey(k)).toList()
                    + " of client " + contactId + " not written");
        }
        if (!body.isEmpty()) {
            ChatraApi.of(context).send("PUT", "clients/" + ChatraApi.segment(contactId), body,
                    "update Chatra client " + contactId);
        }
    }

    /** Appends the note to the visitor card's notes (Chatra keeps one notes text per visitor: read, then write). */
    @Override
    public void addContactNote(String contactId, String note, ConnectorContext context) {
        ChatraApi api = ChatraApi.of(context);
        String segment = "clients/" + ChatraApi.segment(contactId);
        JsonNode client = api.get(segment, "read Chatra client " + contactId);
        String old = ChatraJson.text(client, "notes", "basicInfo.notes");
        String notes = old == null ? note.strip() : old + "\n\n" + note.strip();
        api.send("PUT", segment, Map.of("notes", notes), "write a note on Chatra client " + contactId);
    }
}
