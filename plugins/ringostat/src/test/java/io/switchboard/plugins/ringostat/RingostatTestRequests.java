package io.switchboard.plugins.ringostat;

import io.switchboard.spi.inbound.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made requests for shapes the generator does not produce (classic names, custom names, JSON-RPC). */
final class RingostatTestRequests {

    private RingostatTestRequests() {
    }

    /** @return a GET with these query parameters */
    static InboundRequest get(Map<String, String> query) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        return new InboundRequest("GET", Map.of(), q, new byte[0], Instant.EPOCH);
    }

    /** @return a JSON POST with {@code secret} and {@code event} (when not null) in the URL */
    static InboundRequest json(String secret, String event, String body) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (secret != null) {
            q.put("secret", List.of(secret));
        }
        if (event != null) {
            q.put("event", List.of(event));
        }
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")), q,
                body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }
}
