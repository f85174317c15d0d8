package io.switchboard.plugins.sipuni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.sipuni.fake.SipuniApiFake;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SipuniConnectorTest {

    private static final String SECRET = "s3cr3t-webhook-token-0001";
    private static final String ACCOUNT = "070196";
    private static final String API_KEY = "0123456789abcdef0123456789abcdef";

    private final SipuniConnector connector = new SipuniConnector();
    private final SipuniEvents sipuni = SipuniEvents.forAccount(ACCOUNT);
    private SipuniApiFake api;

    @BeforeEach
    void startFake() {
        api = new SipuniApiFake(ACCOUNT, API_KEY).addEmployee("201", "Анна").addEmployee("202", "Борис");
    }

    @AfterEach
    void stopFake() {
        api.close();
    }

    private static TestConnectorContext webhookOnly() {
        return TestConnectorContext.with(Map.of("webhook_secret", SECRET));
    }

    private TestConnectorContext withApi(String key) {
        return TestConnectorContext.with(Map.of("webhook_secret", SECRET, "api_user", ACCOUNT, "api_key", key,
                "api_url", api.baseUrl()));
    }

    private InboundRequest anEvent(String token) {
        return sipuni.incomingAnswered("1774373436.533962", 1774373436L, "79161234567", "201").get(0).asGet(token);
    }

    @Test
    void theStoredRequestHoldsNoTokenAndParsesTheSame() {
        SipuniEvents.Hook hook = sipuni.incomingAnswered("1774373436.533962", 1774373436L, "79161234567", "201").get(0);
        InboundRequest inForm = new InboundRequest("POST", Map.of("Content-Type",
                List.of("application/x-www-form-urlencoded")), Map.of(),
                (hook.formBody() + "&token=" + SECRET).getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        for (InboundRequest request : List.of(hook.asGet(SECRET), hook.asPost(SECRET), inForm)) {
            connector.verify(request, webhookOnly());
            InboundRequest stored = connector.withoutProof(request);
            assertThat(stored.query().toString() + stored.bodyText()).doesNotContain(SECRET);
            assertThat(connector.parse(stored, webhookOnly())).isEqualTo(connector.parse(request, webhookOnly()));
            assertThat(connector.keys(stored, webhookOnly())).isEqualTo(connector.keys(request, webhookOnly()));
        }
    }

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector, url -> Map.of("webhook_secret", SECRET, "api_user", ACCOUNT,
                "api_key", API_KEY, "api_url", url));
        assertThat(connector.descriptor().id()).isEqualTo("sipuni");
        assertThat(connector.descriptor().kind()).isEqualTo(ConnectorKind.TELEPHONY);
        assertThat(connector.descriptor().capabilities()).containsExactlyInAnyOrder(Capability.TRANSFERS,
                Capability.CALL_TRACKING);
        assertThat(connector.descriptor().configSchema().field("webhook_secret").orElseThrow().type())
                .hasToString("SECRET");
        assertThat(connector.descriptor().configSchema().field("api_key").orElseThrow().type())
                .hasToString("SECRET");
    }

    @Test
    void checkWithTheRightKeyCountsEmployees() {
        CheckResult result = connector.check(withApi(API_KEY));
        assertThat(result).isEqualTo(CheckResult.ok("Authorized: 2 employees visible in Sipuni"));
        assertThat(api.requests()).containsExactly("/api/statistic/operators");
    }

    @Test
    void checkWithAWrongKeySaysSoWithoutRevealingIt() {
        CheckResult result = connector.check(withApi("wrong-key-value"));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Sipuni refused the account number or integration key")
                .doesNotContain("wrong-key-value");
    }

    @Test
    void checkWhenSipuniFailsSaysTheStatus() {
        api.failNext(1, 503);
        CheckResult result = connector.check(withApi(API_KEY));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("503");
    }

    @Test
    void checkAnsweredWithAWebPageFails() {
        api.answerNext(1, 200, "<!DOCTYPE html><html><head><style>a{b:c;}</style></head><body>Вход</body></html>");
        CheckResult result = connector.check(withApi(API_KEY));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("web page");
    }

    @Test
    void checkWithoutApiCredentialsExplainsThatNothingCanBeChecked() {
        CheckResult result = connector.check(webhookOnly());
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).startsWith("Nothing to check").contains("test call");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void apiHashIsTheDocumentedMd5() {
        // Sipuni's documented example for callback/call_number (README, "Vendor facts"):
        // md5("0+79161234567+0+201+070196+SECRET").
        String hash = SipuniApi.hash(Map.of("sipnumber", "201", "reverse", "0", "phone", "79161234567",
                "antiaon", "0"), "070196", "SECRET");
        assertThat(hash).isEqualTo(md5("0+79161234567+0+201+070196+SECRET"));
        assertThat(SipuniApi.hash(Map.of(), ACCOUNT, API_KEY)).isEqualTo(SipuniApiFake.hash(ACCOUNT, API_KEY));
    }

    @Test
    void validateWantsAUrlSafeSecretAndBothApiFieldsOrNone() {
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET)))).isEmpty();
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", "short"))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("webhook_secret"));
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", "has spaces & stuff ok?"))))
                .singleElement().satisfies(p -> assertThat(p.message()).doesNotContain("has spaces"));
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET, "api_user", ACCOUNT))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("api_key"));
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_secret", SECRET, "api_key", API_KEY))))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("api_user"));
    }

    @Test
    void settingsNeverPrintSecrets() {
        SipuniSettings settings = SipuniSettings.from(ConfigValues.of(Map.of("webhook_secret", SECRET,
                "api_user", ACCOUNT, "api_key", API_KEY)));
        assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain(API_KEY);
        assertThat(settings.apiUrl()).hasToString("https://sipuni.com/api/");
    }

    @Test
    void verifyAcceptsTheTokenInTheQueryOfGetAndPost() {
        connector.verify(anEvent(SECRET), webhookOnly());
        InboundRequest post = sipuni.busy("1.2", 1774373436L, "79161234567", "201").get(1).asPost(SECRET);
        connector.verify(post, webhookOnly());
    }

    @Test
    void verifyAcceptsTheTokenAsAFormFieldToo() {
        SipuniEvents.Hook hook = sipuni.busy("1.2", 1774373436L, "79161234567", "201").get(1).with("token", SECRET);
        connector.verify(hook.asPost(null), webhookOnly());
    }

    @Test
    void verifyRejectsAWrongOrMissingTokenWithoutEchoingIt() {
        assertThatThrownBy(() -> connector.verify(anEvent("guessed-token-guessed"), webhookOnly()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("guessed-token").doesNotContain(SECRET);
                });
        assertThatThrownBy(() -> connector.verify(anEvent(null), webhookOnly()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> connector.verify(anEvent(SECRET.substring(1)), webhookOnly()))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void withoutASecretTheInboundUrlsOwnTokenIsTheProofAndEventsAreAccepted() {
        // The default (#21 item 6): Sipuni's docs do not say how it joins its parameters to a URL that already has a
        // query, so a required ?token= could leave a tenant with every event refused.
        TestConnectorContext noSecret = TestConnectorContext.with(Map.of());
        assertThat(connector.descriptor().configSchema().field("webhook_secret").orElseThrow().required()).isFalse();
        connector.verify(anEvent(null), noSecret);
        connector.verify(anEvent("whatever-was-appended"), noSecret);
        assertThat(connector.validate(ConfigValues.of(Map.of()))).isEmpty();
    }

    @Test
    void acknowledgesWithTheJsonSipuniExpects() {
        InboundResponse response = connector.acknowledge(anEvent(SECRET));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"success\": true}");
    }

    @Test
    void keysRejectARequestWithoutCallId() {
        InboundRequest noCall = SipuniEvents.fromQueryString("event=1&src_num=79161234567&token=" + SECRET,
                Instant.EPOCH);
        assertThatThrownBy(() -> connector.keys(noCall, webhookOnly()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
        InboundRequest empty = new InboundRequest("POST", Map.of("Content-Type",
                List.of("application/x-www-form-urlencoded")), Map.of(), new byte[0], Instant.EPOCH);
        assertThatThrownBy(() -> connector.keys(empty, webhookOnly()))
                .isInstanceOf(WebhookRejectedException.class);
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
