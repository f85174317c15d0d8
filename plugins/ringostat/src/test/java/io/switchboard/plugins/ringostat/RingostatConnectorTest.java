package io.switchboard.plugins.ringostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.spi.telephony.CallerCard;
import io.switchboard.spi.telephony.RoutingAnswer;
import io.switchboard.spi.telephony.RoutingQuery;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.ringostat.fake.RingostatApiFake;
import io.switchboard.plugins.ringostat.fake.RingostatEvents;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Agent;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Utm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RingostatConnectorTest {

    private static final String SECRET = "s3cr3t-webhook-token-0001";
    private static final String AUTH_KEY = "0123456789abcdef0123456789abcdef";
    private static final String PROJECT_ID = "12345";
    private static final LocalDateTime START = LocalDateTime.of(2024, 6, 1, 10, 15, 42);
    private static final String CLIENT = "380671234567";
    private static final String LINE = "380443334455";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RingostatConnector connector = new RingostatConnector();
    private final RingostatEvents ringostat = RingostatEvents.forLine(LINE);
    private final List<VendorRequest> sent = new ArrayList<>();

    private static TestConnectorContext webhookOnly() {
        return TestConnectorContext.with(Map.of("webhook_secret", SECRET));
    }

    private static TestConnectorContext with(Map<String, ?> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("webhook_secret", SECRET);
        return TestConnectorContext.with(config);
    }

    /** A context whose HTTP client answers every request with this status and body. */
    private TestConnectorContext answering(int status, String body) {
        return TestConnectorContext.builder()
                .config(Map.of("webhook_secret", SECRET, "api_key", AUTH_KEY, "api_url", "https://ringostat.test/"))
                .http(request -> {
                    sent.add(request);
                    return new VendorResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
                })
                .build();
    }

    private InboundRequest anEvent(String secret) {
        return ringostat.incomingAnswered("1.1", START, CLIENT, Agent.of("101", "45121", "Olena K."), Utm.google())
                .get(2).asJson(secret);
    }

    private static JsonNode json(InboundResponse response) throws Exception {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector, url -> Map.of("webhook_secret", SECRET, "api_key", AUTH_KEY,
                "api_url", url));
        assertThat(connector.descriptor().id()).isEqualTo("ringostat");
        assertThat(connector.descriptor().kind()).isEqualTo(ConnectorKind.TELEPHONY);
        assertThat(connector.descriptor().capabilities()).containsExactlyInAnyOrder(Capability.CALL_TRACKING,
                Capability.ROUTING, Capability.CALLER_CARD_PUSH);
        assertThat(connector.descriptor().configSchema().field("webhook_secret").orElseThrow().type())
                .hasToString("SECRET");
        assertThat(connector.descriptor().configSchema().field("api_key").orElseThrow().type())
                .hasToString("SECRET");
    }

    @Test
    void checkExportsTheCallLogWithTheAuthKeyHeader() {
        CheckResult result = connector.check(answering(200, "[{\"uniqueid\": \"1.1\"}, {\"uniqueid\": \"1.2\"}]"));
        assertThat(result).isEqualTo(CheckResult.ok("Authorized: 2 calls in Ringostat in the last 24 hours"));
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.uri()).hasToString("https://ringostat.test/calls/list?export_type=json&fields=uniqueid");
            assertThat(r.headers()).containsEntry("Auth-key", AUTH_KEY).doesNotContainKey("Authorization");
        });
        assertThat(connector.check(answering(200, "{\"result\": []}")).message()).contains("0 calls");
    }

    @Test
    void checkWithAWrongKeySaysSoWithoutRevealingIt() {
        for (CheckResult result : List.of(connector.check(answering(401, "{\"error\":\"Unauthorized\"}")),
                connector.check(answering(200, "{\"error\": {\"code\": 403, \"message\": \"Forbidden\"}}")))) {
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).startsWith("Ringostat refused the Auth-key").doesNotContain(AUTH_KEY);
        }
    }

    @Test
    void checkFailuresAreExplained() {
        assertThat(connector.check(answering(503, "")).message()).contains("503");
        assertThat(connector.check(answering(200, "<html>login</html>")).message()).contains("web page");
        assertThat(connector.check(answering(200, "{\"ok\": true}")).message()).contains("not a call list");
        TestConnectorContext down = TestConnectorContext.builder()
                .config(Map.of("webhook_secret", SECRET, "api_key", AUTH_KEY))
                .http(request -> {
                    throw new TransientVendorException("Could not reach api.ringostat.net: timeout");
                }).build();
        CheckResult unreachable = connector.check(down);
        assertThat(unreachable.ok()).isFalse();
        assertThat(unreachable.message()).startsWith("Could not reach Ringostat at api.ringostat.net");
    }

    @Test
    void checkWithoutAuthKeyExplainsThatNothingCanBeChecked() {
        CheckResult result = connector.check(webhookOnly());
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).startsWith("Nothing to check").contains("test call");
    }

    @Test
    void validate() {
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET)))).isEmpty();
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", "short"))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("webhook_secret"));
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET, "time_zone", "Kyiv"))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("time_zone"));
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET,
                "default_destination", "<script>")))).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("default_destination"));
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET,
                "default_destination", "+38 (044) 111-22-33", "time_zone", "Europe/Warsaw")))).isEmpty();
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET, "parameter_names",
                List.of(Map.of("field", "nonsense", "name", "x"), Map.of("field", "caller", "name", " "))))))
                .hasSize(2).allSatisfy(p -> assertThat(p.field()).isEqualTo("parameter_names"));
    }

    @Test
    void defaultsAreUsableAndSettingsNeverPrintSecrets() {
        RingostatSettings settings = RingostatSettings.from(ConfigValues.of(Map.of("webhook_secret", SECRET,
                "api_key", AUTH_KEY)));
        assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain(AUTH_KEY);
        assertThat(settings.apiUrl()).hasToString("https://api.ringostat.net/");
        assertThat(settings.zone().getId()).isEqualTo("Europe/Kyiv");
        assertThat(settings.routingFormat()).isEqualTo(RingostatSettings.RoutingFormat.JSON);
        assertThat(settings.routingKey()).isEqualTo("destination");
    }

    @Test
    void theStoredRequestHoldsNoSecretAndParsesTheSame() {
        RingostatEvents.Hook hook = ringostat.busy("1.2", START, CLIENT, Agent.of("101", null, null)).get(1);
        InboundRequest jsonRpc = new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")),
                Map.of(), ("{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {\"Secret\": \"" + SECRET
                        + "\", \"uniqueid\": \"1.3\"}}").getBytes(StandardCharsets.UTF_8), java.time.Instant.EPOCH);
        for (InboundRequest request : List.of(anEvent(SECRET), hook.asGet(SECRET), hook.asForm(SECRET),
                hook.with("secret", SECRET).asJson(null), jsonRpc)) {
            connector.verify(request, webhookOnly());
            InboundRequest stored = connector.withoutProof(request);
            assertThat(stored.query().toString() + stored.bodyText()).doesNotContain(SECRET);
            assertThat(connector.parse(stored, webhookOnly())).isEqualTo(connector.parse(request, webhookOnly()));
        }
    }

    @Test
    void verifyAcceptsTheSecretInTheUrlOfJsonGetAndFormRequests() {
        connector.verify(anEvent(SECRET), webhookOnly());
        RingostatEvents.Hook hook = ringostat.busy("1.2", START, CLIENT, Agent.of("101", null, null)).get(1);
        connector.verify(hook.asGet(SECRET), webhookOnly());
        connector.verify(hook.asForm(SECRET), webhookOnly());
        connector.verify(hook.with("secret", SECRET).asJson(null), webhookOnly());
    }

    @Test
    void verifyAcceptsBasicCredentialsWrittenIntoTheUrl() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ringostat:" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        InboundRequest request = new InboundRequest("POST", Map.of("Content-Type", List.of("application/json"),
                "Authorization", List.of(basic)), Map.of(), "{\"uniqueid\": \"1.1\"}".getBytes(StandardCharsets.UTF_8),
                java.time.Instant.EPOCH);
        connector.verify(request, webhookOnly());
    }

    @Test
    void verifyRejectsAWrongOrMissingSecretWithoutEchoingIt() {
        assertThatThrownBy(() -> connector.verify(anEvent("guessed-secret-guessed"), webhookOnly()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("guessed-secret").doesNotContain(SECRET);
                });
        assertThatThrownBy(() -> connector.verify(anEvent(null), webhookOnly()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> connector.verify(anEvent(SECRET.substring(1)), webhookOnly()))
                .isInstanceOf(WebhookRejectedException.class);
        InboundRequest routing = ringostat.routingRequest("pkv", START, CLIENT).asJson("wrong-wrong-wrong-1");
        assertThatThrownBy(() -> connector.verify(routing, webhookOnly()))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> connector.verify(anEvent(SECRET), TestConnectorContext.with(Map.of())))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void acknowledgesWith200() {
        assertThat(connector.acknowledge(anEvent(SECRET)).status()).isEqualTo(200);
    }

    @Test
    void recognisesTheRoutingRequestOfAForwardingStep() {
        InboundRequest request = ringostat.routingRequest("pkv", START, CLIENT).asJson(SECRET);
        connector.verify(request, webhookOnly());
        RoutingQuery query = connector.routingQuery(request, webhookOnly()).orElseThrow();
        assertThat(query).isEqualTo(new RoutingQuery("pkv", CLIENT, LINE, null));

        InboundRequest asGet = ringostat.routingRequest("pkv", START, CLIENT).asGet(SECRET);
        assertThat(connector.routingQuery(asGet, webhookOnly())).contains(query);

        InboundRequest marked = RingostatTestRequests.get(Map.of("secret", SECRET, "request", "routing",
                "uuid", "842d921d-5334", "caller", "sip:380671234567@pbx"));
        assertThat(connector.routingQuery(marked, webhookOnly()))
                .contains(new RoutingQuery("842d921d-5334", CLIENT, null, null));
        assertThat(connector.routingQuery(anEvent(SECRET), webhookOnly())).isEmpty();
    }

    @Test
    void answersRoutingWithTheAgentsDestination() throws Exception {
        RoutingQuery query = new RoutingQuery("pkv", CLIENT, LINE, null);
        assertThat(json(connector.answerRouting(query, new RoutingAnswer("sip_login_101", "Olena"), webhookOnly())))
                .isEqualTo(JSON.readTree("{\"destination\": \"sip_login_101\"}"));
        assertThat(connector.answerRouting(query, new RoutingAnswer("+38 (067) 111-22-33", null), webhookOnly())
                .body()).isEqualTo("{\"destination\":\"380671112233\"}");
        assertThat(connector.answerRouting(query, new RoutingAnswer("101", null), webhookOnly()).body())
                .isEqualTo("{\"destination\":\"101\"}");
        assertThat(connector.answerRouting(query, new RoutingAnswer("101", null), with(Map.of("routing_key",
                "number"))).body()).isEqualTo("{\"number\":\"101\"}");
    }

    @Test
    void anEmptyRoutingAnswerLetsRingostatContinueOrUsesTheDefault() throws Exception {
        RoutingQuery query = new RoutingQuery("pkv", CLIENT, LINE, null);
        assertThat(json(connector.answerRouting(query, RoutingAnswer.useDefault(), webhookOnly())))
                .isEqualTo(JSON.readTree("{}"));
        assertThat(connector.answerRouting(query, RoutingAnswer.useDefault(),
                with(Map.of("default_destination", "+380441112233"))).body())
                .isEqualTo("{\"destination\":\"380441112233\"}");
        assertThat(connector.answerRouting(query, RoutingAnswer.useDefault(),
                with(Map.of("default_destination", "duty_sip"))).body()).isEqualTo("{\"destination\":\"duty_sip\"}");
    }

    @Test
    void routingAnswerInTheHttpAndJsonRpcFormats() throws Exception {
        RoutingQuery query = new RoutingQuery("pkv", CLIENT, LINE, null);
        TestConnectorContext http = with(Map.of("routing_format", "http"));
        InboundResponse plain = connector.answerRouting(query, new RoutingAnswer("380671112233", null), http);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.contentType()).startsWith("text/plain");
        assertThat(plain.body()).isEqualTo("380671112233");
        assertThat(connector.answerRouting(query, RoutingAnswer.useDefault(), http).body()).isEmpty();

        TestConnectorContext rpc = with(Map.of("routing_format", "json-rpc"));
        assertThat(json(connector.answerRouting(query, new RoutingAnswer("101", null), rpc)))
                .isEqualTo(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"destination\":\"101\"}}"));
        assertThat(json(connector.answerRouting(query, RoutingAnswer.useDefault(), rpc)))
                .isEqualTo(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"));
    }

    @Test
    void aJsonRpcRoutingAnswerRepeatsTheRequestsId() throws Exception {
        TestConnectorContext rpc = with(Map.of("routing_format", "json-rpc"));
        InboundRequest request = ringostat.routingRequest("pkv", START, CLIENT).asJsonRpc(SECRET, "route", 42);
        connector.verify(request, rpc);
        RoutingQuery query = connector.routingQuery(request, rpc).orElseThrow();
        assertThat(query.callerNumber()).isEqualTo(CLIENT);
        InboundResponse answer = connector.answerRouting(query, new RoutingAnswer("101", null), rpc);
        assertThat(json(answer).get("id").asLong()).isEqualTo(42);
        assertThat(RingostatEvents.routingDestination("json-rpc", "destination", request, answer.status(),
                answer.body())).as("Ringostat takes the answer as the one to its request").contains("101");

        InboundRequest textId = new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")),
                Map.of("secret", List.of(SECRET)), ("{\"jsonrpc\": \"2.0\", \"id\": \"req-7\", \"method\": \"route\", "
                + "\"params\": {\"call_id\": \"pkv\", \"step_forward\": \"webhookNumber%3A120\", \"caller\": \""
                + CLIENT + "\"}}").getBytes(StandardCharsets.UTF_8), java.time.Instant.EPOCH);
        RoutingQuery textQuery = connector.routingQuery(textId, rpc).orElseThrow();
        InboundResponse textAnswer = connector.answerRouting(textQuery, RoutingAnswer.useDefault(), rpc);
        assertThat(json(textAnswer)).isEqualTo(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"req-7\",\"result\":{}}"));
    }

    @Test
    void ringostatSendsNoCallerCardRequestSoNoneIsAnswered() {
        assertThat(connector.descriptor().capabilities()).doesNotContain(Capability.CALLER_CARD);
        InboundRequest marked = RingostatTestRequests.get(Map.of("secret", SECRET, "request", "caller_card",
                "uniqueid", "1.4", "caller", CLIENT));
        assertThat(connector.callerCardQuery(marked, webhookOnly())).isEmpty();
        assertThat(connector.routingQuery(marked, webhookOnly())).isEmpty();
    }

    @Test
    void pushesTheCallerCardToSmartPhoneWithAuthKeyAndProjectId() {
        try (RingostatApiFake api = new RingostatApiFake(AUTH_KEY, PROJECT_ID)) {
            CallerCard card = new CallerCard("Іван Петренко", "https://acme.zendesk.com/agent/users/361",
                    "https://acme.zendesk.com/agent/tickets/1042", "+38 (067) 123-45-67", "361");
            assertThat(connector.pushCallerCard(card, pushing(api))).isTrue();
            assertThat(api.requests()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/minicrm/contacts/sync");
                assertThat(r.authKey()).isEqualTo(AUTH_KEY);
                assertThat(r.projectId()).isEqualTo(PROJECT_ID);
                assertThat(r.status()).isEqualTo(200);
            });
            assertThat(api.contacts()).singleElement().satisfies(c -> {
                assertThat(c.fullName()).isEqualTo("Іван Петренко");
                assertThat(c.externalId()).isEqualTo("361");
                assertThat(c.contactLink()).isEqualTo("https://acme.zendesk.com/agent/users/361");
                assertThat(c.leadLink()).isEqualTo("https://acme.zendesk.com/agent/tickets/1042");
                assertThat(c.phones()).containsExactly("380671234567");
                assertThat(c.json().get("projectId").asLong()).isEqualTo(12345);
            });

            CallerCard noTicket = new CallerCard("Acme", "https://acme.zendesk.com/agent/users/362", null,
                    "380671112233", "362");
            assertThat(connector.pushCallerCard(noTicket, pushing(api))).isTrue();
            assertThat(api.contacts()).filteredOn(c -> "362".equals(c.externalId())).singleElement()
                    .satisfies(c -> assertThat(c.json().has("leadLink")).isFalse());
        }
    }

    @Test
    void withoutAuthKeyOrProjectIdThePushIsSkipped() {
        try (RingostatApiFake api = new RingostatApiFake(AUTH_KEY, PROJECT_ID)) {
            CallerCard card = new CallerCard("Acme", null, null, CLIENT, "1");
            assertThat(connector.pushCallerCard(card, context(api, Map.of("api_key", AUTH_KEY)))).isFalse();
            assertThat(connector.pushCallerCard(card, context(api, Map.of("project_id", PROJECT_ID)))).isFalse();
            assertThat(api.requests()).isEmpty();
        }
    }

    @Test
    void aRefusedPushIsPermanentAndAnOutageTransient() {
        try (RingostatApiFake api = new RingostatApiFake(AUTH_KEY, PROJECT_ID)) {
            CallerCard card = new CallerCard("Acme", null, null, CLIENT, "1");
            assertThatThrownBy(() -> connector.pushCallerCard(card, context(api, Map.of("api_key", "wrong-key",
                    "project_id", PROJECT_ID)))).isInstanceOf(PermanentVendorException.class)
                    .hasMessageContaining("refused").hasMessageNotContaining("wrong-key");
            assertThatThrownBy(() -> connector.pushCallerCard(card, context(api, Map.of("api_key", AUTH_KEY,
                    "project_id", "999")))).isInstanceOf(PermanentVendorException.class);
            assertThatThrownBy(() -> connector.pushCallerCard(new CallerCard("Acme", null, null, null, "1"),
                    pushing(api))).isInstanceOf(PermanentVendorException.class).hasMessageContaining("number");
            api.failNext(1, 503);
            assertThatThrownBy(() -> connector.pushCallerCard(card, pushing(api)))
                    .isInstanceOf(TransientVendorException.class);
            assertThat(connector.pushCallerCard(card, pushing(api))).isTrue();
        }
    }

    @Test
    void aProjectIdIsDigitsAndNeedsTheAuthKey() {
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET, "api_key", AUTH_KEY,
                "project_id", PROJECT_ID)))).isEmpty();
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET, "project_id", PROJECT_ID))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("api_key"));
        assertThat(connector.descriptor().configSchema().field("project_id")).isPresent();
    }

    private TestConnectorContext pushing(RingostatApiFake api) {
        return context(api, Map.of("api_key", AUTH_KEY, "project_id", PROJECT_ID));
    }

    private static TestConnectorContext context(RingostatApiFake api, Map<String, String> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("webhook_secret", SECRET);
        config.put("api_url", api.baseUrl());
        return TestConnectorContext.builder().config(config)
                .http(new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
    }
}
