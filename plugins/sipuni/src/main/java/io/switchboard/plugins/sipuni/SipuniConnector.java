package io.switchboard.plugins.sipuni;

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
import io.switchboard.spi.inbound.SharedSecret;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Sipuni cloud PBX connector (README, "Vendor facts"): call-event webhooks ("События на АТС", GET query or POST form)
 * become {@link CallEvent}s; see {@link SipuniCalls} for the mapping and Sipuni's missed-call rule.
 *
 * <p>Capabilities: {@link Capability#TRANSFERS} (event 4 reports a talking leg ending in a transfer) and
 * {@link Capability#CALL_TRACKING} (every event names the routing scheme, {@code treeName}; Roistat fields come
 * along when that integration is on).
 *
 * <p>Authenticity: Sipuni signs nothing and sends no token, so {@link #verify} compares, in constant time, the
 * {@code token} URL parameter the tenant appended to the URL pasted into Sipuni with the configured webhook
 * secret. {@link #acknowledge} answers {@code {"success": true}}: without it Sipuni may stop sending events.
 *
 * <p>{@link #check}: with the optional account number and integration key, calls {@code statistic/operators};
 * without them, says honestly that Sipuni offers no way to check a webhook-only setup.
 */
@Extension
public class SipuniConnector implements TelephonyConnector {

    private static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,200}");

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("sipuni", ConnectorKind.TELEPHONY,
            "Sipuni", "Sipuni cloud PBX: incoming, outgoing, missed and transferred calls from its call events.",
            Set.of(Capability.TRANSFERS, Capability.CALL_TRACKING), SipuniSettings.SCHEMA);

    /** Sipuni's call events (README, "What to paste into Sipuni"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Sipuni open Settings → API (newer interface: Интеграции → API), section События на АТС (call"
                        + " events), and switch it on.",
                "Paste the inbound URL above into its URL field; if you set a webhook secret here, add ?token= and the"
                        + " secret to the end.",
                "Save in Sipuni. GET or POST both work.");
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        config.text(SipuniSettings.WEBHOOK_SECRET).filter(s -> !SECRET_SHAPE.matcher(s).matches()).ifPresent(s ->
                problems.add(new ValidationProblem(SipuniSettings.WEBHOOK_SECRET,
                        "Use 16 or more letters, digits, '-' or '_' (it goes into a URL unchanged).")));
        boolean user = config.text(SipuniSettings.API_USER).isPresent();
        boolean key = config.text(SipuniSettings.API_KEY).isPresent();
        if (user != key) {
            problems.add(new ValidationProblem(user ? SipuniSettings.API_KEY : SipuniSettings.API_USER,
                    "Enter both the Sipuni account number and the integration key, or neither."));
        }
        return problems;
    }

    /**
     * The cheapest authenticated call, {@code statistic/operators}, when the account number and integration key
     * are configured. Without them there is nothing Sipuni can check: its call events carry no credentials, and
     * whether the URL was pasted correctly shows only when a call arrives. That is reported as a passed check
     * whose message says exactly this, so a webhook-only connection is not shown as broken.
     */
    @Override
    public CheckResult check(ConnectorContext context) {
        SipuniSettings settings = SipuniSettings.from(context.config());
        if (!settings.hasApiCredentials()) {
            return CheckResult.ok("Nothing to check: Sipuni offers no way to test call events without the API "
                    + "account number and key. Make a test call; it appears in the activity log.");
        }
        return SipuniApi.checkOperators(settings, context);
    }

    /**
     * With a webhook secret configured, compares the {@code token} parameter with it in constant time. Without one,
     * accepts the request: Sipuni signs nothing, and the platform has already checked the inbound URL's own
     * unguessable path token. That is the default (README, "What to paste into Sipuni"), because Sipuni's
     * documentation does not say how it joins its parameters to a URL that already has a query, and a tenant whose
     * {@code ?token=} got lost that way would have every event refused.
     *
     * @throws WebhookRejectedException 401 when a secret is configured and the token is missing or wrong
     */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        var expected = context.config().text(SipuniSettings.WEBHOOK_SECRET).filter(s -> !s.isBlank());
        if (expected.isPresent()) {
            SharedSecret.require(expected.get(), SipuniParams.tokenOf(request), "'token' parameter");
        }
    }

    /** Stored without the {@code token} (query, form or JSON body): it is the connection's webhook secret. */
    @Override
    public InboundRequest withoutProof(InboundRequest verified) {
        return verified.withoutQueryParameters(SipuniSettings.TOKEN_PARAM)
                .withoutBodyFields(SipuniSettings.TOKEN_PARAM);
    }

    /** Dedup and ordering keys; see {@link SipuniCalls#keys}. */
    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return SipuniCalls.keys(request);
    }

    /** Sipuni wants JSON with {@code success}; any other answer may make it suspend sending. */
    @Override
    public InboundResponse acknowledge(InboundRequest request) {
        return InboundResponse.json("{\"success\": true}");
    }

    @Override
    public ParsedEvents<CallEvent> parse(InboundRequest request, ConnectorContext context) {
        return SipuniCalls.parse(request);
    }
}
