package io.switchboard.plugins.ringostat;

import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.spi.inbound.SharedSecret;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallerCard;
import io.switchboard.spi.telephony.RoutingAnswer;
import io.switchboard.spi.telephony.RoutingQuery;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Ringostat call tracking and virtual PBX connector (README, "Vendor facts"): call webhooks (query string, form or
 * JSON, with parameter names the admin chooses) become {@link CallEvent}s; see {@link RingostatCalls} for the
 * mapping and Ringostat's missed-call rule.
 *
 * <p>Capabilities: {@link Capability#CALL_TRACKING} (UTM tags, number pool, landing page, GA client id),
 * {@link Capability#ROUTING} (the "webhook forwarding number" scheme step asks where to send a ringing call, see
 * {@link RingostatAnswers}) and {@link Capability#CALLER_CARD_PUSH} (the client's name and the links to the client
 * and the ticket are pushed to Smart Phone and its contact book, {@code POST /minicrm/contacts/sync}, see
 * {@link RingostatApi}). Not {@link Capability#CALLER_CARD}: Ringostat sends no request asking who is calling.
 *
 * <p>Authenticity: Ringostat signs nothing. The documented protection is a secret static parameter in the URL, so
 * {@link #verify} compares, in constant time, the {@code secret} URL parameter (or the password of HTTP Basic
 * credentials written into the URL, [inf]) with the configured webhook secret. Routing requests are verified the
 * same way.
 *
 * <p>{@link #check}: with the optional Auth-key, exports the last 24 hours of the call log ({@code calls/list});
 * without it, says honestly that a webhook-only setup can only be proven by a call.
 */
@Extension
public class RingostatConnector implements TelephonyConnector {

    private static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,200}");
    private static final Pattern DESTINATION_SHAPE = Pattern.compile("[A-Za-z0-9_.@+() -]{1,64}");

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("ringostat",
            ConnectorKind.TELEPHONY, "Ringostat",
            "Ringostat call tracking and virtual PBX: calls with UTM tags from its webhooks, smart routing to the "
                    + "responsible agent and the Smart Phone caller card.",
            Set.of(Capability.CALL_TRACKING, Capability.ROUTING, Capability.CALLER_CARD_PUSH),
            RingostatSettings.SCHEMA);

    /** Ringostat's call webhooks and routing step (README, "What to paste into Ringostat"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Ringostat open Integrations → Webhooks and add a webhook per moment you want (at least after_call"
                        + " and after_outgoing_call): URL = the inbound URL above + ?secret=<webhook secret>&event="
                        + "<moment>, format JSON.",
                "For smart routing: in Virtual PBX → your scheme → step \"webhook forwarding number\", URL = the inbound"
                        + " URL + ?secret=<webhook secret>, with at least the parameter caller.",
                "Set the routing data import type and the name in response here as chosen in that step.",
                "For the Smart Phone caller card: copy the Auth-key and the project id from Integrations → "
                        + "Ringostat API into the settings here.");
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        config.text(RingostatSettings.WEBHOOK_SECRET).filter(s -> !SECRET_SHAPE.matcher(s).matches()).ifPresent(s ->
                problems.add(new ValidationProblem(RingostatSettings.WEBHOOK_SECRET,
                        "Use 16 or more letters, digits, '-' or '_' (it goes into a URL unchanged).")));
        config.text(RingostatSettings.TIME_ZONE).filter(z -> RingostatSettings.zone(z).isEmpty()).ifPresent(z ->
                problems.add(new ValidationProblem(RingostatSettings.TIME_ZONE,
                        "Not a time zone; use a name such as Europe/Kyiv or Europe/Warsaw.")));
        config.text(RingostatSettings.DEFAULT_DESTINATION).filter(d -> !DESTINATION_SHAPE.matcher(d.trim()).matches())
                .ifPresent(d -> problems.add(new ValidationProblem(RingostatSettings.DEFAULT_DESTINATION,
                        "Enter a phone number in international format or a SIP login.")));
        if (config.text(RingostatSettings.PROJECT_ID).isPresent()
                && config.text(RingostatSettings.API_KEY).isEmpty()) {
            problems.add(new ValidationProblem(RingostatSettings.API_KEY,
                    "Caller cards are sent with the Auth-key and the project id: enter the Auth-key too."));
        }
        List<Map<String, String>> rows = config.rows(RingostatSettings.PARAMETER_NAMES);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            if (RingostatField.of(row.get("field")).isEmpty()) {
                problems.add(new ValidationProblem(RingostatSettings.PARAMETER_NAMES,
                        "Row " + (i + 1) + ": choose what the parameter means."));
            }
            String name = row.get("name");
            if (name == null || RingostatSettings.stripBraces(name).isEmpty()) {
                problems.add(new ValidationProblem(RingostatSettings.PARAMETER_NAMES,
                        "Row " + (i + 1) + ": enter the parameter name used in Ringostat."));
            }
        }
        return problems;
    }

    /**
     * Exports the last 24 hours of the call log when the Auth-key is configured. Without it there is nothing to
     * check: Ringostat's webhooks carry no credentials, and whether the URL was pasted correctly shows only when a
     * call arrives. That is reported as a passed check whose message says exactly this.
     */
    @Override
    public CheckResult check(ConnectorContext context) {
        RingostatSettings settings = RingostatSettings.from(context.config());
        if (!settings.hasApiKey()) {
            return CheckResult.ok("Nothing to check: Ringostat's webhooks carry no credentials and no Auth-key is "
                    + "configured. Make a test call; it appears in the activity log.");
        }
        return RingostatApi.checkCallLog(settings, context);
    }

    /**
     * Compares the {@code secret} URL parameter (else a {@code secret} body field, else the HTTP Basic password)
     * with the webhook secret in constant time.
     *
     * @throws WebhookRejectedException 401 when the secret is missing or wrong
     */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        String expected = context.config().text(RingostatSettings.WEBHOOK_SECRET).orElseThrow(() ->
                WebhookRejectedException.unauthorized("the connection has no webhook secret configured"));
        SharedSecret.require(expected, RingostatParams.of(request).secret(), "'secret' URL parameter");
    }

    /** Stored without the webhook secret; see {@link RingostatParams#withoutSecret}. */
    @Override
    public InboundRequest withoutProof(InboundRequest verified) {
        return RingostatParams.withoutSecret(verified);
    }

    /** Dedup and ordering keys; see {@link RingostatCalls}. */
    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return RingostatCalls.keys(request, RingostatSettings.from(context.config()));
    }

    @Override
    public ParsedEvents<CallEvent> parse(InboundRequest request, ConnectorContext context) {
        return RingostatCalls.parse(request, RingostatSettings.from(context.config()));
    }

    @Override
    public Optional<RoutingQuery> routingQuery(InboundRequest request, ConnectorContext context) {
        return RingostatAnswers.routingQuery(request, RingostatSettings.from(context.config()));
    }

    @Override
    public InboundResponse answerRouting(RoutingQuery query, RoutingAnswer answer, ConnectorContext context) {
        return RingostatAnswers.answerRouting(query, answer, RingostatSettings.from(context.config()));
    }

    /**
     * Sends the card to Ringostat Smart Phone and its contact book ({@link RingostatApi#pushContact}); without the
     * Auth-key or the project id, nothing (optional settings).
     */
    @Override
    public boolean pushCallerCard(CallerCard card, ConnectorContext context) {
        RingostatSettings settings = RingostatSettings.from(context.config());
        if (!settings.canPushContacts()) {
            return false;
        }
        RingostatApi.pushContact(card, settings, context);
        return true;
    }
}
