package io.switchboard.spi.inbound;

import java.util.Map;

/**
 * An answer the platform sends to a vendor's request: an acknowledgement, or a synchronous answer such as a routing
 * decision or a caller card.
 *
 * @param status      HTTP status
 * @param contentType media type of the body
 * @param body        body text (may be empty)
 * @param headers     extra headers
 */
public record InboundResponse(int status, String contentType, String body, Map<String, String> headers) {

    public InboundResponse {
        body = body == null ? "" : body;
        contentType = contentType == null ? "text/plain; charset=utf-8" : contentType;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** @return 200 with body {@code ok} */
    public static InboundResponse ok() {
        return new InboundResponse(200, "text/plain; charset=utf-8", "ok", Map.of());
    }

    /** @return 200 with a JSON body */
    public static InboundResponse json(String json) {
        return new InboundResponse(200, "application/json", json, Map.of());
    }
}
