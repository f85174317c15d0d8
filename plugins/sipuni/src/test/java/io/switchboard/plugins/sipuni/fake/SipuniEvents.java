package io.switchboard.plugins.sipuni.fake;

import io.switchboard.spi.inbound.InboundRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real-shaped Sipuni call-event webhooks ("События на АТС": Sipuni's article "Отправка событий HTTP" and a published
 * capture of production webhooks), per call scenario, in
 * the order Sipuni sends them: event 1 for each ringing leg (the first one repeated a second later, as production
 * captures show), event 3 on answer, event 4 when a talking leg ends in a transfer, event 2 at the end with
 * {@code status}, timestamps and a recording link (present even for unanswered calls). All values are strings;
 * internal numbers are account-prefixed in {@code *_num} and short in {@code short_*_num}; type 1 = external,
 * 2 = internal.
 *
 * <pre>{@code
 * SipuniEvents sipuni = SipuniEvents.forAccount("070196");
 * for (SipuniEvents.Hook hook : sipuni.incomingMissed("1774373436.533962", 1774373436L, "79161234567", "201", "202")) {
 *     connector.parse(hook.asGet("my-webhook-secret"), ctx);          // or hook.asPost(...), hook.queryString(...)
 * }
 * }</pre>
 *
 * <p>Immutable; every method returns new values.
 */
public final class SipuniEvents {

    /** The name Sipuni shows for the default incoming scheme ({@code treeName}). */
    public static final String INCOMING_SCHEME = "Входящая";
    /** The name Sipuni shows for the default outgoing scheme ({@code treeName}). */
    public static final String OUTGOING_SCHEME = "Исходящая";

    private final String account;

    private SipuniEvents(String account) {
        this.account = account;
    }

    /** @param account the Sipuni account number ({@code user_id}), e.g. {@code 070196} */
    public static SipuniEvents forAccount(String account) {
        return new SipuniEvents(account);
    }

    /**
     * One webhook: its parameters in sending order.
     *
     * @param params parameter name to value, all strings
     */
    public record Hook(Map<String, String> params) {

        public Hook {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
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
            return new Hook(copy);
        }

        /** @return the URL-encoded query string Sipuni would GET, with {@code token} appended when not null */
        public String queryString(String token) {
            Map<String, String> all = new LinkedHashMap<>(params);
            if (token != null) {
                all.put("token", token);
            }
            return encode(all);
        }

        /** @return the {@code application/x-www-form-urlencoded} body Sipuni would POST (without the token) */
        public String formBody() {
            return encode(params);
        }

        /** @return the request as a GET with everything in the query, received at the event's timestamp */
        public InboundRequest asGet(String token) {
            return SipuniEvents.fromQueryString(queryString(token), receivedAt());
        }

        /**
         * @return the request as a POST with the parameters in a form body and the {@code token} in the URL's
         *         query, as when the URL pasted into Sipuni carries {@code ?token=…}
         */
        public InboundRequest asPost(String token) {
            Map<String, List<String>> query = token == null ? Map.of() : Map.of("token", List.of(token));
            return new InboundRequest("POST",
                    Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=UTF-8")), query,
                    formBody().getBytes(StandardCharsets.UTF_8), receivedAt());
        }

        private Instant receivedAt() {
            String ts = params.get("timestamp");
            try {
                return ts == null ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(ts));
            } catch (NumberFormatException e) {
                return Instant.EPOCH;
            }
        }
    }

    /**
     * @return a GET request built from a raw query string (with or without a leading {@code ?}), decoded the way a
     *         servlet container decodes it; for pasting Sipuni's documented examples verbatim
     */
    public static InboundRequest fromQueryString(String rawQuery, Instant receivedAt) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = rawQuery.startsWith("?") ? rawQuery.substring(1) : rawQuery;
        for (String pair : raw.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.strip().split("=", 2);
            String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            String value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new InboundRequest("GET", Map.of(), query, new byte[0], receivedAt);
    }

    /** Incoming call answered by {@code extension} after 10 s, 60 s of talk. */
    public List<Hook> incomingAnswered(String callId, long start, String client, String extension) {
        List<Hook> hooks = new ArrayList<>(ringing(callId, start, client, extension, true));
        hooks.add(answer(callId, start + 10, client, extension));
        hooks.add(incomingEnd(callId, start, start + 10, start + 70, client, extension, "ANSWER", ""));
        return hooks;
    }

    /**
     * Incoming call ringing every extension (a department) for 20 s, nobody answers: event 1 per extension,
     * then event 2 {@code NOANSWER} with {@code call_answer_timestamp=0} and {@code last_called} = the last one.
     */
    public List<Hook> incomingMissed(String callId, long start, String client, String... extensions) {
        List<Hook> hooks = new ArrayList<>();
        for (int i = 0; i < extensions.length; i++) {
            hooks.addAll(ringing(callId, start, client, extensions[i], i == 0));
        }
        String last = extensions[extensions.length - 1];
        hooks.add(incomingEnd(callId, start, 0, start + 20, client, last, "NOANSWER", ""));
        return hooks;
    }

    /** Incoming call to an extension that is busy: event 1, then event 2 {@code BUSY} after 2 s. */
    public List<Hook> busy(String callId, long start, String client, String extension) {
        List<Hook> hooks = new ArrayList<>(ringing(callId, start, client, extension, false));
        hooks.add(incomingEnd(callId, start, 0, start + 2, client, extension, "BUSY", ""));
        return hooks;
    }

    /**
     * Incoming call answered by {@code from}, who transfers it to {@code to}: 1(from) 3(from) 1(to) 3(to)
     * 4(from, ANSWER, {@code transfer_from}=from) 2(ANSWER, {@code last_called}=to).
     */
    public List<Hook> transferred(String callId, long start, String client, String from, String to) {
        List<Hook> hooks = new ArrayList<>(ringing(callId, start, client, from, false));
        hooks.add(answer(callId, start + 5, client, from));
        hooks.addAll(ringing(callId, start + 30, client, to, false));
        hooks.add(answer(callId, start + 35, client, to));
        Map<String, String> leg = end("4", callId, start, start + 5, start + 35, "ANSWER", from);
        leg.putAll(incomingSides(client, from));
        leg.putAll(incomingScheme());
        leg.put("transfer_from", from);
        hooks.add(new Hook(leg));
        Hook last = incomingEnd(callId, start, start + 5, start + 95, client, to, "ANSWER", from);
        hooks.add(last);
        return hooks;
    }

    /** Outgoing call from {@code extension}, answered after 10 s, 8 s of talk (Sipuni's documented example). */
    public List<Hook> outgoingAnswered(String callId, long start, String extension, String client) {
        List<Hook> hooks = new ArrayList<>();
        hooks.add(outgoing("1", callId, start, extension, client));
        hooks.add(outgoing("3", callId, start + 10, extension, client));
        Map<String, String> end = end("2", callId, start, start + 10, start + 18, "ANSWER", extension);
        end.putAll(outgoingSides(extension, client));
        hooks.add(new Hook(end));
        return hooks;
    }

    /** Outgoing call from {@code extension} the client does not pick up: event 1, event 2 {@code NOANSWER} at 30 s. */
    public List<Hook> outgoingNoAnswer(String callId, long start, String extension, String client) {
        List<Hook> hooks = new ArrayList<>();
        hooks.add(outgoing("1", callId, start, extension, client));
        Map<String, String> end = end("2", callId, start, 0, start + 30, "NOANSWER", extension);
        end.putAll(outgoingSides(extension, client));
        hooks.add(new Hook(end));
        return hooks;
    }

    private List<Hook> ringing(String callId, long at, String client, String extension, boolean repeated) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("event", "1");
        p.put("call_id", callId);
        p.putAll(incomingSides(client, extension));
        p.put("timestamp", Long.toString(at));
        p.put("treeName", INCOMING_SCHEME);
        p.put("treeNumber", "000-1734442");
        p.put("channel", "SIP/0475934964" + extension + "-00047440");
        p.put("user_id", account);
        p.put("pbxdstnum", "74951234567");
        p.put("is_inner_call", "0");
        Hook first = new Hook(p);
        return repeated ? List.of(first, first.with("timestamp", Long.toString(at + 1))) : List.of(first);
    }

    private Hook answer(String callId, long at, String client, String extension) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("event", "3");
        p.put("call_id", callId);
        p.putAll(incomingSides(client, extension));
        p.put("timestamp", Long.toString(at));
        p.put("treeName", INCOMING_SCHEME);
        p.put("treeNumber", "000-1734442");
        p.put("user_id", account);
        p.put("pbxdstnum", "74951234567");
        return new Hook(p);
    }

    private Hook incomingEnd(String callId, long start, long answer, long end, String client, String extension,
                             String status, String transferFrom) {
        Map<String, String> p = end("2", callId, start, answer, end, status, extension);
        p.putAll(incomingSides(client, extension));
        p.putAll(incomingScheme());
        p.put("transfer_from", transferFrom);
        return new Hook(p);
    }

    private Map<String, String> end(String event, String callId, long start, long answer, long at, String status,
                                    String lastCalled) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("event", event);
        p.put("call_id", callId);
        p.put("status", status);
        p.put("call_start_timestamp", Long.toString(start));
        p.put("call_answer_timestamp", Long.toString(answer));
        p.put("timestamp", Long.toString(at));
        p.put("last_called", lastCalled);
        p.put("call_record_link", "https://sipuni.com/api/crm/record?id=" + callId + "&hash="
                + Integer.toHexString(callId.hashCode()) + "93247a3b");
        p.put("user_id", account);
        return p;
    }

    private Map<String, String> incomingSides(String client, String extension) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("src_num", client);
        p.put("src_type", "1");
        p.put("short_src_num", client);
        p.put("dst_num", account + extension);
        p.put("dst_type", "2");
        p.put("short_dst_num", extension);
        return p;
    }

    private static Map<String, String> incomingScheme() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("treeName", INCOMING_SCHEME);
        p.put("treeNumber", "000-1734442");
        p.put("pbxdstnum", "74951234567");
        return p;
    }

    private Map<String, String> outgoingSides(String extension, String client) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("src_num", account + extension);
        p.put("src_type", "2");
        p.put("short_src_num", extension);
        p.put("dst_num", client);
        p.put("dst_type", "1");
        p.put("short_dst_num", client);
        p.put("treeName", OUTGOING_SCHEME);
        p.put("treeNumber", "000-1734445");
        return p;
    }

    private Hook outgoing(String event, String callId, long at, String extension, String client) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("event", event);
        p.put("call_id", callId);
        p.putAll(outgoingSides(extension, client));
        p.put("timestamp", Long.toString(at));
        p.put("channel", "Local/" + client + "@vatsout-" + account + ";1");
        p.put("user_id", account);
        p.put("pbxdstnum", client);
        if ("1".equals(event)) {
            p.put("is_inner_call", "0");
        }
        return new Hook(p);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
