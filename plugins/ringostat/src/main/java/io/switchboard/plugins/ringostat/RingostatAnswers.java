package io.switchboard.plugins.ringostat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.spi.telephony.CallerCard;
import io.switchboard.spi.telephony.CallerCardQuery;
import io.switchboard.spi.telephony.RoutingAnswer;
import io.switchboard.spi.telephony.RoutingQuery;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * The synchronous requests Ringostat makes while a call rings, and the answers it expects.
 *
 * <p><b>Routing</b> ("webhook forwarding number" scheme step, README "Vendor facts" [doc]): Ringostat sends the
 * call's parameters (query, JSON or JSON-RPC, as the admin chose) including {@code call_id}, {@code step_forward}
 * ({@code webhookNumber:120}) and {@code uuid}, plus the configured ones such as {@code caller}. The answer is a
 * phone number in international format or a SIP login, read as the "data import type" says: JSON
 * {@code {"destination": "380671112233"}} (key as configured), HTTP (the raw body) or JSON-RPC
 * {@code {"jsonrpc":"2.0","id":1,"result":{"destination":"101"}}} ([inf] exact JSON-RPC envelope; the request's
 * JSON-RPC id is not available when answering, so the answer carries {@code id: 1}). Phone numbers are sent as
 * digits only ({@code +38 (067) 111-22-33} → {@code 380671112233}), as in Ringostat's examples; anything else (a
 * SIP login) unchanged. No agent → the configured default destination, else an empty answer ({@code {}}, an empty
 * body, or an empty {@code result}), on which [inf] Ringostat continues with the next step of its scheme.
 *
 * <p><b>Caller card</b> (Ringostat Smart Phone's "Contact" and "Lead" buttons: links to the client and to the open
 * ticket, per Ringostat's Zendesk integration guide): Ringostat documents no request for it. [inf] Ringostat's
 * public API for webhook-integrated CRMs <i>pushes</i> contact data to {@code POST /minicrm/contacts/sync} with the fields {@code fullName}, {@code contactLink}, {@code leadLink}; this
 * connector answers a pull request (a webhook whose URL carries {@code request=caller_card}) with a JSON object using
 * those same field names: {@code {"fullName": "…", "contactLink": "…", "leadLink": "…"}}, {@code null} where
 * unknown. To be confirmed with Ringostat support: whether a pull is possible at all, or only the push.
 */
final class RingostatAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RingostatAnswers() {
    }

    static Optional<RoutingQuery> routingQuery(InboundRequest request, RingostatSettings settings) {
        RingostatParams p = RingostatParams.of(request);
        if (RingostatCalls.kind(p, settings) != RingostatCalls.Kind.ROUTING) {
            return Optional.empty();
        }
        RingostatCall call = new RingostatCall(p, settings, new ArrayList<>());
        String callId = call.get(RingostatField.CALL_ID).or(() -> p.get("uuid")).orElse(null);
        return Optional.of(new RoutingQuery(callId, call.number(RingostatField.CALLER, "caller"),
                call.number(RingostatField.DESTINATION, "dst"), call.orNull(RingostatField.POOL_NAME)));
    }

    static InboundResponse answerRouting(RoutingAnswer answer, RingostatSettings settings) {
        String destination = destination(answer == null || answer.isDefault() ? settings.defaultDestination()
                : answer.extension());
        String key = settings.routingKey();
        return switch (settings.routingFormat()) {
            case HTTP -> new InboundResponse(200, "text/plain; charset=utf-8", destination == null ? ""
                    : destination, Map.of());
            case JSON -> {
                ObjectNode body = JSON.createObjectNode();
                if (destination != null) {
                    body.put(key, destination);
                }
                yield InboundResponse.json(write(body));
            }
            case JSON_RPC -> {
                ObjectNode body = JSON.createObjectNode();
                body.put("jsonrpc", "2.0");
                body.put("id", 1);
                ObjectNode result = body.putObject("result");
                if (destination != null) {
                    result.put(key, destination);
                }
                yield InboundResponse.json(write(body));
            }
        };
    }

    /** @return a phone number as digits only, a SIP login or extension unchanged, {@code null} for blank */
    static String destination(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim();
        if (RingostatCall.phoneLike(value) && value.replaceAll("\\D", "").length() >= 7) {
            return value.replaceAll("\\D", "");
        }
        return value;
    }

    static Optional<CallerCardQuery> callerCardQuery(InboundRequest request, RingostatSettings settings) {
        RingostatParams p = RingostatParams.of(request);
        if (RingostatCalls.kind(p, settings) != RingostatCalls.Kind.CALLER_CARD) {
            return Optional.empty();
        }
        RingostatCall call = new RingostatCall(p, settings, new ArrayList<>());
        String number = call.number(RingostatField.CALLER, "caller");
        if (number == null) {
            number = p.get("phone").or(() -> p.get("number")).orElse(null);
        }
        return Optional.of(new CallerCardQuery(number, call.orNull(RingostatField.CALL_ID)));
    }

    static InboundResponse answerCallerCard(CallerCard card) {
        CallerCard c = card == null ? CallerCard.unknown() : card;
        ObjectNode body = JSON.createObjectNode();
        body.put("fullName", blankToNull(c.clientName()));
        body.put("contactLink", blankToNull(c.clientUrl()));
        body.put("leadLink", blankToNull(c.ticketUrl()));
        return InboundResponse.json(write(body));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
