package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Calls to the ${connectorName} REST API (v2, JSON, HTTP Basic with the API key as user name). Every request carries
 * its connection's credentials: the platform's HTTP client keeps none between requests.
 */
final class ${classPrefix}Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private ${classPrefix}Api() {
    }

    /** GET a path; a failure status becomes the SPI's transient or permanent exception. */
    static JsonNode get(ConnectorContext ctx, String path, String what) {
        return send(ctx, "GET", path, null, what);
    }

    /** POST or PUT a JSON body. */
    static JsonNode send(ConnectorContext ctx, String method, String path, Object body, String what) {
        ${classPrefix}Settings settings = ${classPrefix}Settings.from(ctx.config());
        VendorRequest request = body == null ? VendorRequest.get(settings.resolve(path))
                : VendorRequest.json(method, settings.resolve(path), write(body));
        VendorResponse response = ctx.http().send(request.withHeader("Authorization", basic(settings.apiKey()))
                .withHeader("Accept", "application/json"));
        // 429 and 5xx: TransientVendorException (with Retry-After); other 4xx: PermanentVendorException.
        response.requireSuccess(what);
        return read(response, what);
    }

    private static String basic(String apiKey) {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":X").getBytes(StandardCharsets.UTF_8));
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new PermanentVendorException("Could not write the request to ${connectorName}", e);
        }
    }

    private static JsonNode read(VendorResponse response, String what) {
        if (response.body().length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PermanentVendorException("${connectorName} answered '" + what + "' with something that is not"
                    + " JSON", e);
        }
    }

    /** @return the node's text, or {@code null} when missing, null or blank */
    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null
                : node.asText();
    }
}
