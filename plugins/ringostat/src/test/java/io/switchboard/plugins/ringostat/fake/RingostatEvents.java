package io.switchboard.plugins.ringostat.fake;

import io.switchboard.spi.inbound.InboundRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Real-shaped Ringostat requests (Ringostat's pages "Webhooks. Incoming call event" and "Webhook forwarding
 * number"): call webhooks ("Webhooks 2.0", catalogue
 * parameter names: {@code uniqueid}, {@code calldate}, {@code caller}, {@code dst}, {@code disposition},
 * {@code billsec}, {@code duration}, {@code waittime}, {@code call_type}, {@code recording}, {@code employee_fio},
 * {@code employee_number}, {@code extension}, {@code pool_name}, {@code utm_*}), one per trigger moment in the order
 * Ringostat sends them; and routing requests of a "webhook forwarding number" scheme step ({@code call_id},
 * {@code step_forward=webhookNumber%3A120}, {@code uuid}, {@code caller}) in the step's data submission types (query,
 * JSON, JSON-RPC), with {@link #routingDestination}: how Ringostat reads the answer.
 *
 * <p>Ringostat sends no request asking who is calling: the caller card reaches Smart Phone by a push to its API
 * ({@code POST /minicrm/contacts/sync}, see {@link RingostatApiFake}), so this generator makes no such request.
 *
 * <p>Every webhook URL carries the static parameters the tenant appends: {@code secret=…} and, for call webhooks,
 * {@code event=<moment>} ({@code before_call}, {@code taking_call}, {@code forward_location}, {@code after_call},
 * {@code before_outgoing_call}, {@code after_outgoing_call}). Dates are {@code YYYY-MM-DD HH:MM:SS} in the
 * project's time zone (default Europe/Kyiv).
 *
 * <pre>{@code
 * RingostatEvents ringostat = RingostatEvents.forLine("380443334455");
 * LocalDateTime start = LocalDateTime.of(2024, 6, 1, 10, 15, 42);
 * for (RingostatEvents.Hook hook : ringostat.incomingAnswered("1717236942.1234567", start, "380671234567",
 *         RingostatEvents.Agent.of("101", "45121", "Olena K."), RingostatEvents.Utm.google())) {
 *     connector.parse(hook.asJson("my-webhook-secret"), ctx);   // or hook.asGet(...), hook.asForm(...)
 * }
 * }</pre>
 *
 * <p>Immutable; every method returns new values.
 */
public final class RingostatEvents {

    /** The pool name the generator uses unless told otherwise. */
    public static final String DEFAULT_POOL = "Google Ads";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Parameters sent as JSON numbers ([inf] an assumed JSON example); every other value is a string. */
    private static final Set<String> NUMERIC = Set.of("billsec", "duration", "waittime");

    private final String line;
    private final ZoneId zone;
    private final String pool;

    private RingostatEvents(String line, ZoneId zone, String pool) {
        this.line = line;
        this.zone = zone;
        this.pool = pool;
    }

    /** @param line the tracking number the clients call ({@code dst}), e.g. {@code 380443334455} */
    public static RingostatEvents forLine(String line) {
        return new RingostatEvents(line, ZoneId.of("Europe/Kyiv"), DEFAULT_POOL);
    }

    /** @return a copy writing dates in this time zone */
    public RingostatEvents inZone(ZoneId value) {
        return new RingostatEvents(line, value, pool);
    }

    /** @return a copy naming this number pool ({@code pool_name}) */
    public RingostatEvents withPool(String value) {
        return new RingostatEvents(line, zone, value);
    }

    /**
     * An employee as Ringostat knows them.
     *
     * @param extension extension or SIP login ({@code extension})
     * @param staffId   staff id ({@code employee_number})
     * @param name      full name ({@code employee_fio})
     */
    public record Agent(String extension, String staffId, String name) {

        public static Agent of(String extension, String staffId, String name) {
            return new Agent(extension, staffId, name);
        }
    }

    /**
     * UTM tags of the visit; {@code null} parts are sent empty, as Ringostat does.
     */
    public record Utm(String source, String medium, String campaign, String term, String content) {

        /** @return an example: google / cpc / brand, no term and content */
        public static Utm google() {
            return new Utm("google", "cpc", "brand", null, null);
        }

        /** @return no tags (a direct call) */
        public static Utm none() {
            return new Utm(null, null, null, null, null);
        }
    }

    /**
     * One request: the static URL parameters the tenant configured and the parameters Ringostat sends.
     *
     * @param moment  the trigger moment ({@code event} URL parameter), or {@code null} for routing requests
     * @param request the {@code request} URL marker (e.g. {@code routing}), or {@code null}
     * @param params  parameter name to value, in sending order
     * @param at      when Ringostat sends it
     */
    public record Hook(String moment, String request, Map<String, String> params, Instant at) {

        public Hook {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** @return the value of a parameter, or {@code null} */
        public String param(String name) {
            return params.get(name);
        }

        /** @return a copy with one parameter replaced (or added); a {@code null} value removes it */
        public Hook with(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(params);
            if (value == null) {
                copy.remove(name);
            } else {
                copy.put(name, value);
            }
            return new Hook(moment, request, copy, at);
        }

        /** @return a copy with another trigger moment ({@code null}: none in the URL) */
        public Hook withMoment(String value) {
            return new Hook(value, request, params, at);
        }

        /** @return the static URL parameters: {@code secret} (when not null), {@code event}, {@code request} */
        public Map<String, List<String>> urlParams(String secret) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            if (secret != null) {
                query.put("secret", List.of(secret));
            }
            if (moment != null) {
                query.put("event", List.of(moment));
            }
            if (request != null) {
                query.put("request", List.of(request));
            }
            return query;
        }

        /** @return the URL-encoded query string of a GET ("http" data format): static parameters, then the data */
        public String queryString(String secret) {
            Map<String, String> all = new LinkedHashMap<>();
            urlParams(secret).forEach((k, v) -> all.put(k, v.get(0)));
            all.putAll(params);
            return encode(all);
        }

        /** @return the JSON object Ringostat posts ("json" data format); durations as numbers */
        public String jsonBody() {
            return params.entrySet().stream()
                    .map(e -> quote(e.getKey()) + ":" + (NUMERIC.contains(e.getKey()) && e.getValue().matches("\\d+")
                            ? e.getValue() : quote(e.getValue())))
                    .collect(Collectors.joining(", ", "{", "}"));
        }

        /** @return the request as a POST with a JSON body and the static parameters in the URL */
        public InboundRequest asJson(String secret) {
            return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json"),
                    "User-Agent", List.of("ringostat HTTP Client v1.1")), urlParams(secret),
                    jsonBody().getBytes(StandardCharsets.UTF_8), at);
        }

        /** @return the request as a GET with everything in the query */
        public InboundRequest asGet(String secret) {
            Map<String, List<String>> query = new LinkedHashMap<>(urlParams(secret));
            params.forEach((k, v) -> query.put(k, List.of(v)));
            return new InboundRequest("GET", Map.of("User-Agent", List.of("ringostat HTTP Client v1.1")), query,
                    new byte[0], at);
        }

        /** @return the request as a POST with a form body and the static parameters in the URL */
        public InboundRequest asForm(String secret) {
            return new InboundRequest("POST", Map.of("Content-Type", List.of("application/x-www-form-urlencoded"),
                    "User-Agent", List.of("ringostat HTTP Client v1.1")), urlParams(secret),
                    encode(params).getBytes(StandardCharsets.UTF_8), at);
        }

        /**
         * The request as a POST whose body is a JSON-RPC 2.0 request ("json-rpc" data submission type of a
         * "webhook forwarding number" step, whose settings name the "JSON-RPC method"):
         * {@code {"jsonrpc":"2.0","id":<id>,"method":"<method>","params":{…the parameters…}}}, the static parameters in
         * the URL. [inf] The envelope follows the JSON-RPC 2.0 specification (jsonrpc.org/specification); Ringostat's
         * page shows no example body.
         */
        public InboundRequest asJsonRpc(String secret, String method, long id) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":" + quote(method) + ",\"params\":"
                    + jsonBody() + "}";
            return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json"),
                    "User-Agent", List.of("ringostat HTTP Client v1.1")), urlParams(secret),
                    body.getBytes(StandardCharsets.UTF_8), at);
        }
    }

    /**
     * How Ringostat reads the answer to a routing request, by the step's "data import type" (Ringostat's pages
     * "Webhook forwarding number" and "Webhook call routing"): {@code http} — the raw body is the destination;
     * {@code json} — the value under the step's "name in response for destination"; {@code json-rpc} — that value in
     * the {@code result} of a JSON-RPC 2.0 response, which is an answer to the request only when its {@code id} is
     * the request's {@code id} (JSON-RPC 2.0 specification, "Response object": the id "MUST be the same as the value
     * of the id member in the Request Object"). Anything else — a status other than 200, an empty or unreadable
     * body, a JSON-RPC answer with another id — is no destination, and [inf] Ringostat goes on with the next step of
     * its scheme.
     *
     * @param importType {@code http}, {@code json} or {@code json-rpc}
     * @param key        the "name in response for destination"
     * @param request    the routing request that was answered (its JSON-RPC id is read from its body)
     * @param status     the answer's HTTP status
     * @param body       the answer's body
     * @return the destination Ringostat forwards the call to, or empty
     */
    public static java.util.Optional<String> routingDestination(String importType, String key, InboundRequest request,
                                                                int status, String body) {
        if (status != 200 || body == null || body.isBlank()) {
            return java.util.Optional.empty();
        }
        if ("http".equals(importType)) {
            return java.util.Optional.of(body.strip());
        }
        com.fasterxml.jackson.databind.JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
        if (answer == null || !answer.isObject()) {
            return java.util.Optional.empty();
        }
        if ("json-rpc".equals(importType)) {
            com.fasterxml.jackson.databind.JsonNode asked;
            try {
                asked = JSON.readTree(request.body());
            } catch (java.io.IOException e) {
                asked = null;
            }
            com.fasterxml.jackson.databind.JsonNode askedId = asked == null ? null : asked.get("id");
            if (!"2.0".equals(answer.path("jsonrpc").asText()) || askedId == null
                    || !askedId.equals(answer.get("id"))) {
                return java.util.Optional.empty();
            }
            answer = answer.path("result");
        }
        com.fasterxml.jackson.databind.JsonNode destination = answer.get(key);
        return destination == null || !destination.isValueNode() || destination.asText().isBlank()
                ? java.util.Optional.empty() : java.util.Optional.of(destination.asText());
    }

    /**
     * Incoming call: rings 8 s, answered by {@code agent}, 87 s of talk (as in a published {@code calls/list} example).
     */
    public List<Hook> incomingAnswered(String callId, LocalDateTime start, String client, Agent agent, Utm utm) {
        List<Hook> hooks = new ArrayList<>();
        hooks.add(hook("before_call", incoming(callId, start, client, utm), start));
        Map<String, String> taking = incoming(callId, start, client, utm);
        putAgent(taking, agent);
        hooks.add(hook("taking_call", taking, start.plusSeconds(8)));
        hooks.add(hook("after_call", end(callId, start, client, utm, agent, "ANSWERED", 8, 87, "in"),
                start.plusSeconds(95)));
        return hooks;
    }

    /**
     * Incoming call forwarded to each agent in turn (a "forward location" webhook per step), nobody answers:
     * {@code NO ANSWER} after 20 s per agent, the last agent in the after-call webhook.
     */
    public List<Hook> incomingMissed(String callId, LocalDateTime start, String client, Utm utm, Agent... agents) {
        List<Hook> hooks = new ArrayList<>();
        hooks.add(hook("before_call", incoming(callId, start, client, utm), start));
        for (int i = 0; i < agents.length; i++) {
            Map<String, String> step = incoming(callId, start, client, utm);
            putAgent(step, agents[i]);
            hooks.add(hook("forward_location", step, start.plusSeconds(1 + 20L * i)));
        }
        int wait = 20 * Math.max(1, agents.length);
        Agent last = agents.length == 0 ? null : agents[agents.length - 1];
        hooks.add(hook("after_call", end(callId, start, client, utm, last, "NO ANSWER", wait, 0, "in"),
                start.plusSeconds(wait)));
        return hooks;
    }

    /** Incoming call to a busy agent: before-call, then after-call {@code BUSY} after 2 s. */
    public List<Hook> busy(String callId, LocalDateTime start, String client, Agent agent) {
        List<Hook> hooks = new ArrayList<>();
        hooks.add(hook("before_call", incoming(callId, start, client, Utm.none()), start));
        hooks.add(hook("after_call", end(callId, start, client, Utm.none(), agent, "BUSY", 2, 0, "in"),
                start.plusSeconds(2)));
        return hooks;
    }

    /** Outgoing call by {@code agent}, the client answers after 10 s, 45 s of talk. */
    public List<Hook> outgoingAnswered(String callId, LocalDateTime start, Agent agent, String client) {
        return outgoing(callId, start, agent, client, "ANSWERED", 10, 45);
    }

    /** Outgoing call by {@code agent} the client does not pick up: {@code NO ANSWER} after 30 s. */
    public List<Hook> outgoingNoAnswer(String callId, LocalDateTime start, Agent agent, String client) {
        return outgoing(callId, start, agent, client, "NO ANSWER", 30, 0);
    }

    /**
     * The routing request of a "webhook forwarding number" step, POST JSON as documented: {@code call_id},
     * {@code step_forward} (URL-encoded {@code webhookNumber:120}), {@code uuid}, then the configured
     * {@code caller} and {@code dst}. No {@code event} parameter.
     */
    public Hook routingRequest(String callId, LocalDateTime at, String client) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("call_id", callId);
        p.put("step_forward", "webhookNumber%3A120");
        p.put("uuid", uuidOf(callId));
        p.put("caller", client);
        p.put("dst", line);
        return new Hook(null, null, p, at.atZone(zone).toInstant());
    }

    private List<Hook> outgoing(String callId, LocalDateTime start, Agent agent, String client, String status,
                                int wait, int talk) {
        List<Hook> hooks = new ArrayList<>();
        Map<String, String> before = new LinkedHashMap<>();
        before.put("uniqueid", callId);
        before.put("calldate", DATE.format(start));
        before.put("caller", client);
        before.put("dst", line);
        before.put("call_type", "out");
        putAgent(before, agent);
        hooks.add(hook("before_outgoing_call", before, start));
        Map<String, String> after = end(callId, start, client, Utm.none(), agent, status, wait, talk, "out");
        hooks.add(hook("after_outgoing_call", after, start.plusSeconds(wait + talk)));
        return hooks;
    }

    private Map<String, String> incoming(String callId, LocalDateTime start, String client, Utm utm) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("uniqueid", callId);
        p.put("calldate", DATE.format(start));
        p.put("caller", client);
        p.put("dst", line);
        p.put("call_type", "in");
        p.put("pool_name", pool);
        putUtm(p, utm);
        return p;
    }

    private Map<String, String> end(String callId, LocalDateTime start, String client, Utm utm, Agent agent,
                                    String status, int wait, int talk, String type) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("call_date", DATE.format(start));
        p.put("caller", client);
        p.put("dst", line);
        p.put("disposition", status);
        p.put("billsec", Integer.toString(talk));
        p.put("duration", Integer.toString(wait + talk));
        p.put("waittime", Integer.toString(wait));
        p.put("call_type", type);
        p.put("uniqueid", callId);
        p.put("recording", talk > 0 ? "https://app.ringostat.com/recordings/" + callId.replace('.', '-')
                + ".mp3" : "");
        if ("in".equals(type)) {
            putUtm(p, utm);
            p.put("pool_name", pool);
        }
        putAgent(p, agent);
        return p;
    }

    private static void putAgent(Map<String, String> p, Agent agent) {
        p.put("employee_fio", agent == null || agent.name() == null ? "" : agent.name());
        p.put("employee_number", agent == null || agent.staffId() == null ? "" : agent.staffId());
        p.put("extension", agent == null || agent.extension() == null ? "" : agent.extension());
    }

    private static void putUtm(Map<String, String> p, Utm utm) {
        Utm u = Objects.requireNonNullElse(utm, Utm.none());
        p.put("utm_source", Objects.requireNonNullElse(u.source(), ""));
        p.put("utm_medium", Objects.requireNonNullElse(u.medium(), ""));
        p.put("utm_campaign", Objects.requireNonNullElse(u.campaign(), ""));
        p.put("utm_term", Objects.requireNonNullElse(u.term(), ""));
        p.put("utm_content", Objects.requireNonNullElse(u.content(), ""));
    }

    private Hook hook(String moment, Map<String, String> params, LocalDateTime at) {
        return new Hook(moment, null, params, at.atZone(zone).toInstant());
    }

    private static String uuidOf(String callId) {
        return java.util.UUID.nameUUIDFromBytes(callId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
