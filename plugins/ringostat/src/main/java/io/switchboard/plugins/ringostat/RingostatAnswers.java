package io.switchboard.plugins.ringostat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.spi.telephony.RoutingAnswer;
import io.switchboard.spi.telephony.RoutingQuery;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * The synchronous request Ringostat makes while a call rings, and the answer it expects.
 *
 * <p><b>Routing</b> ("webhook forwarding number" scheme step, README "Vendor facts"): Ringostat sends the call's
 * parameters (query, JSON or JSON-RPC, as the admin chose) including {@code call_id}, {@code step_forward}
 * ({@code webhookNumber:120}) and {@code uuid}, plus the configured ones such as {@code caller}. The answer is a
 * phone number in international format or a SIP login, read as the "data import type" says: JSON
 * {@code {"destination": "380671112233"}} (key as configured), HTTP (the raw body) or JSON-RPC
 * {@code {"jsonrpc":"2.0","id":<the request's id>,"result":{"destination":"101"}}}. The JSON-RPC answer repeats the
 * request's {@code id}, number or string as sent, as JSON-RPC 2.0 requires of every response; [inf] the envelope
 * itself (Ringostat's pages show no JSON-RPC example), and {@code id: 1} when the request was not JSON-RPC or had no
 * id. Phone numbers are sent as digits only ({@code +38 (067) 111-22-33} → {@code 380671112233}), as in Ringostat's
 * examples; anything else (a SIP login) unchanged. No agent → the configured default destination, else an empty
 * answer ({@code {}}, an empty body, or an empty {@code result}), on which [inf] Ringostat continues with the next
 * step of its scheme.
 *
 * <p>Ringostat asks nothing else: there is no caller-card request. The caller card is pushed
 * ({@link RingostatApi#pushContact}).
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
                call.number(RingostatField.DESTINATION, "dst"), call.orNull(RingostatField.POOL_NAME),
                p.jsonRpcId()));
    }

    static InboundResponse answerRouting(RoutingQuery query, RoutingAnswer answer, RingostatSettings settings) {
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
                body.set("id", requestId(query));
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

    /** @return the request's JSON-RPC id as sent (number or string); 1 when there is none */
    private static JsonNode requestId(RoutingQuery query) {
        String id = query == null ? null : query.requestId();
        if (id != null) {
            try {
                JsonNode node = JSON.readTree(id);
                if (node != null && (node.isNumber() || node.isTextual())) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // not JSON text: fall through
            }
        }
        return JSON.getNodeFactory().numberNode(1);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
