package io.switchboard.plugins.ringostat.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Agent;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Hook;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Utm;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingostatEventsTest {

    private static final LocalDateTime START = LocalDateTime.of(2024, 6, 1, 10, 15, 42);
    private static final Agent OLENA = Agent.of("101", "45121", "Olena K.");

    private final RingostatEvents ringostat = RingostatEvents.forLine("380443334455");

    @Test
    void answeredCallIsBeforeTakingAfterWithTheVendorFilesFields() {
        List<Hook> hooks = ringostat.incomingAnswered("1717236942.1234567", START, "380671234567", OLENA,
                Utm.google());
        assertThat(hooks).extracting(Hook::moment).containsExactly("before_call", "taking_call", "after_call");
        Hook end = hooks.get(2);
        assertThat(end.param("disposition")).isEqualTo("ANSWERED");
        assertThat(end.param("call_date")).isEqualTo("2024-06-01 10:15:42");
        assertThat(end.jsonBody()).contains("\"billsec\":87", "\"duration\":95", "\"utm_source\":\"google\"",
                "\"employee_fio\":\"Olena K.\"", "\"uniqueid\":\"1717236942.1234567\"");
        // 10:15:42 Kyiv summer time (UTC+3) + 95 s
        assertThat(end.at()).isEqualTo(Instant.parse("2024-06-01T07:17:17Z"));
    }

    @Test
    void transportsCarryTheStaticUrlParameters() {
        Hook hook = ringostat.busy("1.2", START, "380671234567", OLENA).get(1);
        InboundRequest json = hook.asJson("s3cret");
        assertThat(json.mediaType()).isEqualTo("application/json");
        assertThat(json.queryParam("secret")).contains("s3cret");
        assertThat(json.queryParam("event")).contains("after_call");
        InboundRequest get = hook.asGet("s3cret");
        assertThat(get.queryParam("disposition")).contains("BUSY");
        InboundRequest form = hook.asForm(null);
        assertThat(form.formFields()).containsEntry("disposition", "BUSY");
        assertThat(form.queryParam("secret")).isEmpty();
        assertThat(hook.queryString("s3cret")).startsWith("secret=s3cret&event=after_call&");
    }

    @Test
    void missedCallHasAForwardStepPerAgentAndNoRecording() {
        List<Hook> hooks = ringostat.incomingMissed("1.3", START, "380671234567", Utm.none(), OLENA,
                Agent.of("102", "45122", "Petro S."));
        assertThat(hooks).extracting(Hook::moment).containsExactly("before_call", "forward_location",
                "forward_location", "after_call");
        assertThat(hooks.get(3).param("disposition")).isEqualTo("NO ANSWER");
        assertThat(hooks.get(3).param("extension")).isEqualTo("102");
        assertThat(hooks.get(3).param("recording")).isEmpty();
    }

    @Test
    void routingRequests() {
        Hook routing = ringostat.routingRequest("pkv", START, "380671234567");
        assertThat(routing.moment()).isNull();
        assertThat(routing.jsonBody()).startsWith("{\"call_id\":\"pkv\", \"step_forward\":\"webhookNumber%3A120\"");
        assertThat(routing.asJsonRpc("s", "route", 42).bodyText()).startsWith(
                "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"route\",\"params\":{\"call_id\":\"pkv\"");
        assertThat(routing.asJsonRpc("s", "route", 42).queryParam("secret")).contains("s");
        assertThat(ringostat.outgoingAnswered("1.5", START, OLENA, "380671234567")).extracting(Hook::moment)
                .containsExactly("before_outgoing_call", "after_outgoing_call");
    }

    @Test
    void ringostatReadsARoutingAnswerByItsImportTypeAndAJsonRpcAnswerOnlyWithTheRequestsId() {
        var rpc = ringostat.routingRequest("pkv", START, "380671234567").asJsonRpc("s", "route", 42);
        var json = ringostat.routingRequest("pkv", START, "380671234567").asJson("s");
        assertThat(RingostatEvents.routingDestination("json-rpc", "destination", rpc, 200,
                "{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"destination\":\"101\"}}")).contains("101");
        assertThat(RingostatEvents.routingDestination("json-rpc", "destination", rpc, 200,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"destination\":\"101\"}}")).isEmpty();
        assertThat(RingostatEvents.routingDestination("json-rpc", "destination", rpc, 200,
                "{\"jsonrpc\":\"2.0\",\"id\":\"42\",\"result\":{\"destination\":\"101\"}}"))
                .as("a string id is another id than the number").isEmpty();
        assertThat(RingostatEvents.routingDestination("json", "destination", json, 200,
                "{\"destination\":\"380671112233\"}")).contains("380671112233");
        assertThat(RingostatEvents.routingDestination("json", "number", json, 200, "{\"destination\":\"1\"}")).isEmpty();
        assertThat(RingostatEvents.routingDestination("http", "destination", json, 200, "sip_101\n")).contains("sip_101");
        assertThat(RingostatEvents.routingDestination("json", "destination", json, 500, "{\"destination\":\"1\"}"))
                .isEmpty();
        assertThat(RingostatEvents.routingDestination("json", "destination", json, 200, "{}")).isEmpty();
    }
}
