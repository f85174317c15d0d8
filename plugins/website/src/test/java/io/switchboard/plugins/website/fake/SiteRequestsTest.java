package io.switchboard.plugins.website.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The site's requests have the documented shape and reach loopback only. */
class SiteRequestsTest {

    private static final String KEY = "k3y-0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SiteRequests site = new SiteRequests(KEY);

    @Test
    void aFirstMessageCarriesSubjectCustomerAndTheKey() throws Exception {
        InboundRequest request = site.firstMessage("T-1001", "m-1", "Order 5521", SiteRequests.ANNA, "Hello")
                .inbound();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("authorization")).contains("Bearer " + KEY);
        assertThat(request.mediaType()).isEqualTo("application/json");
        assertThat(request.receivedAt()).isEqualTo(TestConnectorContext.DEFAULT_NOW);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("thread").asText()).isEqualTo("T-1001");
        assertThat(body.path("message_id").asText()).isEqualTo("m-1");
        assertThat(body.path("subject").asText()).isEqualTo("Order 5521");
        assertThat(body.path("customer").path("email").asText()).isEqualTo("anna@example.com");
        assertThat(body.path("customer").path("id").asText()).isEqualTo("42");
        assertThat(body.path("text").asText()).isEqualTo("Hello");
    }

    @Test
    void laterMessagesHaveNoSubjectAndMissingPartsAreLeftOut() throws Exception {
        JsonNode body = JSON.readTree(site.message("T-1", "m-2", new SiteRequests.Customer("7", null, null, null),
                "Any news?").inbound().body());
        assertThat(body.has("subject")).isFalse();
        assertThat(body.path("customer").has("email")).isFalse();
        assertThat(site.withoutApiKey().message("T-1", "m-2", null, "x").inbound().header("Authorization")).isEmpty();
        assertThat(site.withApiKey("other").raw("not json").inbound().header("Authorization"))
                .contains("Bearer other");
        assertThat(site.raw("not json").inbound().bodyText()).isEqualTo("not json");
    }

    @Test
    void aListingIsAGetWithTheThread() {
        InboundRequest list = site.list("T-1001").inbound();
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.queryParam("thread")).contains("T-1001");
        assertThat(list.body()).isEmpty();
        assertThat(list.header("Authorization")).contains("Bearer " + KEY);
        assertThat(site.list("T-1").toString()).doesNotContain(KEY);
    }

    @Test
    void sendsToLoopbackOnly() throws Exception {
        List<String> seen = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/c1/tok");
            assertThat(site.message("T-1", "m-1", null, "hi").send(url).statusCode()).isEqualTo(202);
            assertThat(site.list("T-1").send(url).statusCode()).isEqualTo(202);
        } finally {
            server.stop(0);
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).startsWith("POST /hooks/c1/tok Bearer " + KEY).contains("\"text\":\"hi\"");
        assertThat(seen.get(1)).startsWith("GET /hooks/c1/tok?thread=T-1 Bearer " + KEY);
        assertThatThrownBy(() -> site.list("T-1").send(URI.create("https://example.com/hooks/a/b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
