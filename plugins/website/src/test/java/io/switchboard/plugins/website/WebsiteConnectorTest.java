package io.switchboard.plugins.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.channel.SenderKind;
import io.switchboard.spi.config.ApiKeys;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestClock;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.website.fake.SiteReceiver;
import io.switchboard.plugins.website.fake.SiteRequests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The website connector against the test kit's site receiver and site requests (written apart from this plugin). */
class WebsiteConnectorTest {

    private static final String KEY = "sk_live_8f2c41d0a9e34b7c9d1e5f60718293a4";
    private static final String NEW_KEY = "sk_live_1b3d5f7092a4c6e8f0a2c4e6081a3c5e";
    private static final String SECRET = "a-plain-signing-secret-of-40-characters!";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final WebsiteConnector connector = new WebsiteConnector();
    private final SiteRequests site = new SiteRequests(KEY);
    private TestConnectorContext context;
    private SiteReceiver receiver;

    @BeforeEach
    void start() {
        context = context(Map.of());
        receiver = new SiteReceiver(SECRET, context.testClock());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** The setting as the platform stores it: one row per key, only its digest (FieldType.API_KEYS). */
    private static List<Map<String, String>> keys(String... keys) {
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (String key : keys) {
            rows.add(ApiKeys.row("k" + rows.size(), "Key " + rows.size(), key, java.time.Instant.EPOCH));
        }
        return rows;
    }

    private TestConnectorContext context(Map<String, ?> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("webhook_url", "http://localhost:1/unused",
                "api_keys", keys(KEY), "signing_secret", SECRET));
        config.putAll(extra);
        return TestConnectorContext.with(config);
    }

    /** A context whose webhook URL is the receiver's (created after it, sharing its clock). */
    private TestConnectorContext toReceiver(Map<String, ?> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("webhook_url", receiver.url(), "api_keys", keys(KEY),
                "signing_secret", SECRET));
        config.putAll(extra);
        return TestConnectorContext.builder().config(config).clock(context.testClock()).build();
    }

    private TestConnectorContext toReceiver() {
        return toReceiver(Map.of());
    }

    // ---------------------------------------------------------------- descriptor, contract, settings

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector, url -> Map.of("webhook_url", url + "hook", "api_keys", keys(KEY),
                "signing_secret", SECRET));
        assertThat(connector.descriptor().id()).isEqualTo("website");
        assertThat(connector.descriptor().kind()).isEqualTo(ConnectorKind.CHANNEL);
        assertThat(connector.descriptor().displayName()).isEqualTo("Your website");
        assertThat(connector.descriptor().capabilities()).containsExactly(Capability.CUSTOMER_REPLIES);
        assertThat(connector.destinationFields()).containsExactly("webhook_url");
        assertThat(connector.requestRateLimit()).isPresent();
        assertThat(connector.setupSteps()).isNotEmpty();
    }

    @Test
    void validatesTheSettingsWithClearMessagesThatNeverShowAKey() {
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_url", "https://www.example.com/hook",
                "api_keys", keys(KEY, NEW_KEY), "signing_secret", SECRET)))).isEmpty();
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_url", "https://www.example.com/hook",
                "api_keys", keys(KEY), "signing_secret", WHSEC, "max_message_chars", 500L)))).isEmpty();

        List<ValidationProblem> problems = connector.validate(ConfigValues.of(Map.of(
                "webhook_url", "ftp://www.example.com/hook", "api_keys", keys(KEY),
                "signing_secret", "too-short")));
        assertThat(problems).extracting(ValidationProblem::field)
                .containsExactlyInAnyOrder("webhook_url", "signing_secret");
        assertThat(problems).extracting(ValidationProblem::message).allSatisfy(m -> assertThat(m)
                .doesNotContain(KEY).doesNotContain("too-short"));

        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_url", "https://u:p@example.com/",
                "api_keys", keys(KEY), "signing_secret", KEY)))).extracting(ValidationProblem::field)
                .containsExactlyInAnyOrder("webhook_url", "signing_secret");
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_url", "https://example.com/",
                "api_keys", keys(KEY), "signing_secret", "whsec_bm9wZQ==notbase64!!!!!!!!!!!!!!")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("base64"));
        assertThat(connector.validate(ConfigValues.of(Map.of("webhook_url", "https://example.com/",
                "api_keys", keys(KEY), "signing_secret", "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RV")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("24 to 64 bytes"));
        // The keys are made by the platform after the connection is saved: none yet is not a problem.
        assertThat(connector.validate(ConfigValues.of(Map.of()))).extracting(ValidationProblem::field)
                .containsExactlyInAnyOrder("webhook_url", "signing_secret");
    }

    // ---------------------------------------------------------------- the site's API: authentication

    @Test
    void aRequestWithoutTheRightKeyIsRefusedWith401() {
        for (InboundRequest request : List.of(
                site.withoutApiKey().message("T-1", "m-1", null, "Hi").inbound(),
                site.withApiKey(NEW_KEY).message("T-1", "m-1", null, "Hi").inbound(),
                site.withApiKey(KEY + "x").message("T-1", "m-1", null, "Hi").inbound(),
                site.withApiKey(KEY.substring(0, 20)).message("T-1", "m-1", null, "Hi").inbound(),
                site.message("T-1", "m-1", null, "Hi").withHeader("Authorization", "Basic " + KEY).inbound(),
                site.message("T-1", "m-1", null, "Hi").withHeader("Authorization", "Bearer ").inbound(),
                site.withoutApiKey().list("T-1").inbound())) {
            assertThatThrownBy(() -> connector.verify(request, context))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).isEqualTo("Unknown API key");
                    });
        }
        // The key is checked before the body: an unknown caller learns nothing of the API's rules.
        assertThatThrownBy(() -> connector.verify(site.withoutApiKey().raw("not json").inbound(), context))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void twoKeysAreBothAcceptedSoASiteCanRollItsKeyOver() {
        TestConnectorContext both = context(Map.of("api_keys", keys(KEY, NEW_KEY)));
        assertThatCode(() -> connector.verify(site.message("T-1", "m-1", null, "old key").inbound(), both))
                .doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(site.withApiKey(NEW_KEY).message("T-1", "m-2", null, "new key")
                .inbound(), both)).doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(site.message("T-1", "m-1", null, "case").withHeader("Authorization",
                "bearer " + KEY).inbound(), both)).doesNotThrowAnyException();
        // Revoked: the key's row is gone from the setting, and the key no longer opens anything.
        TestConnectorContext rolled = context(Map.of("api_keys", keys(NEW_KEY)));
        assertThatThrownBy(() -> connector.verify(site.message("T-1", "m-3", null, "old key").inbound(), rolled))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    // ---------------------------------------------------------------- the site's API: validation

    /**
     * Refused by verify and by keys with the status, the message naming the field: the platform stores nothing of
     * it (HookServlet), so nothing is ever parsed from it.
     */
    private void assertRefused(InboundRequest request, TestConnectorContext ctx, int status, String message) {
        assertThatThrownBy(() -> connector.verify(request, ctx)).as(message)
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).as(message).isEqualTo(status);
                    assertThat(e.getMessage()).contains(message);
                });
        if (request.method().equals("POST")) {
            assertThatThrownBy(() -> connector.keys(request, ctx)).as(message)
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status())
                            .isEqualTo(status));
        }
        if (status != 413) {
            // Never stored, so never parsed; and should one be parsed all the same, it gives nothing. (A text over
            // the limit is the exception: parse ignores the limit so a message stored under a higher one survives.)
            assertThat(connector.parse(request, ctx).events()).as(message).isEmpty();
        }
    }

    private void assertRefused(InboundRequest request, int status, String message) {
        assertRefused(request, context, status, message);
    }

    private ObjectNode good() {
        return site.body("T-1001", "m-1", "Order 5521", SiteRequests.ANNA, "Hello");
    }

    @Test
    void malformedRequestsAreRefusedWith400NamingTheField() {
        assertRefused(site.raw("{\"thread\": ").inbound(), 400, "not valid JSON");
        assertRefused(site.raw("[1, 2]").inbound(), 400, "must be a JSON object");
        assertRefused(site.raw("").inbound(), 400, "The body is empty");
        assertRefused(site.raw("{\"thread\":\"T-1\",\"thread\":\"T-2\",\"message_id\":\"m\",\"text\":\"x\"}")
                .inbound(), 400, "not valid JSON");
        assertRefused(site.raw(good().toString() + " {}").inbound(), 400, "not valid JSON");
        assertRefused(site.raw(good().without("thread")).inbound(), 400, "'thread' is required");
        assertRefused(site.raw(good().without("message_id")).inbound(), 400, "'message_id' is required");
        assertRefused(site.raw(good().without("text")).inbound(), 400, "'text' is required");
        assertRefused(site.raw(good().put("text", "  \n ")).inbound(), 400, "'text' is required");
        assertRefused(site.raw(good().put("text", 42)).inbound(), 400, "'text' must be a string");
        assertRefused(site.raw(good().put("thread", "T 1001")).inbound(), 400, "'thread' must be 1–100 letters");
        assertRefused(site.raw(good().put("thread", "T/1001")).inbound(), 400, "'thread' must be");
        assertRefused(site.raw(good().put("message_id", "m".repeat(101))).inbound(), 400, "'message_id' must be");
        assertRefused(site.raw(good().put("message_id", 1.5)).inbound(), 400, "'message_id' must be a string");
        assertRefused(site.raw(good().put("type", "file")).inbound(), 400, "Unknown 'type'");
        assertRefused(site.raw(good().put("subject", "s".repeat(251))).inbound(), 400, "'subject' is longer");
        assertRefused(site.raw(good().put("customer", "anna")).inbound(), 400, "'customer' must be an object");
        ObjectNode badEmail = good();
        ((ObjectNode) badEmail.get("customer")).put("email", "anna at example.com");
        assertRefused(site.raw(badEmail).inbound(), 400, "'customer.email' is not an e-mail address");
        ObjectNode badPhone = good();
        ((ObjectNode) badPhone.get("customer")).put("phone", "call me");
        assertRefused(site.raw(badPhone).inbound(), 400, "'customer.phone'");
        ObjectNode badCustomerId = good();
        ((ObjectNode) badCustomerId.get("customer")).put("id", "42; DROP");
        assertRefused(site.raw(badCustomerId).inbound(), 400, "'customer.id' must be");
        assertRefused(site.raw(site.body("T-1", "m-1", "s", new SiteRequests.Customer(null, null, "Anna", null),
                "x")).inbound(), 400, "'customer' needs an 'id' or an 'email'");
        assertRefused(site.raw(good()).withHeader("Content-Type", "application/x-www-form-urlencoded").inbound(),
                415, "as JSON");
        assertRefused(site.list(null).inbound(), 400, "'thread' query parameter");
        assertRefused(site.list("T 1").inbound(), 400, "'thread' must be");
    }

    @Test
    void aTextLongerThanTheConnectionTakesIsRefusedWith413() {
        TestConnectorContext small = context(Map.of("max_message_chars", 20L));
        assertRefused(site.message("T-1", "m-1", null, "x".repeat(21)).inbound(), small, 413,
                "'text' has 21 characters; this connection takes at most 20");
        // Characters, not UTF-16 units or bytes: 20 emoji fit.
        assertThatCode(() -> connector.verify(site.message("T-1", "m-1", null, "😀".repeat(20)).inbound(), small))
                .doesNotThrowAnyException();
        assertRefused(site.message("T-1", "m-1", null, "x".repeat(10_001)).inbound(), 413, "at most 10000");
    }

    // ---------------------------------------------------------------- keys, acknowledgement, parse

    @Test
    void keysAreThreadAndMessageIdAndTheAnswerIs202() {
        InboundRequest first = site.firstMessage("T-1001", "m-1", "Order 5521", SiteRequests.ANNA, "Hello")
                .inbound();
        connector.verify(first, context);
        assertThat(connector.keys(first, context)).isEqualTo(InboundKeys.of("T-1001/m-1", "thread:T-1001"));
        assertThat(connector.withoutProof(first)).isEqualTo(first);
        InboundResponse answer = connector.acknowledge(first);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"accepted\":true,\"thread\":\"T-1001\",\"message_id\":\"m-1\"}");
        // Integer ids (as a site's database gives them) are read as their digits.
        InboundRequest numeric = site.raw("{\"type\":\"message\",\"thread\":1001,\"message_id\":77,\"text\":\"x\"}")
                .inbound();
        connector.verify(numeric, context);
        assertThat(connector.keys(numeric, context)).isEqualTo(InboundKeys.of("1001/77", "thread:1001"));
    }

    @Test
    void aListingIsAcceptedWithTheKeyAndLeftToThePlatform() {
        InboundRequest list = site.list("T-1001").inbound();
        assertThatCode(() -> connector.verify(list, context)).doesNotThrowAnyException();
        assertThat(connector.keys(list, context)).isEqualTo(InboundKeys.none());
        ParsedEvents<ChannelEvent> parsed = connector.parse(list, context);
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.notes()).singleElement().asString().contains("listing");
        assertThat(connector.acknowledge(list).status()).isEqualTo(501);
    }

    @Test
    void theFirstMessageStartsTheConversationWithTheCustomer() {
        InboundRequest first = site.firstMessage("T-1001", "m-1", "Order 5521 not delivered", SiteRequests.ANNA,
                "  Hello, my parcel has not arrived.\n").inbound();
        List<ChannelEvent> events = connector.parse(first, context).events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ChannelEvent.ConversationStarted.class, s -> {
            assertThat(s.eventId()).isEqualTo("start:T-1001");
            assertThat(s.conversationId()).isEqualTo("T-1001");
            assertThat(s.conversationUrl()).isNull();
            assertThat(s.contact().id()).isEqualTo("42");
            assertThat(s.contact().email()).isEqualTo("anna@example.com");
            assertThat(s.contact().name()).isEqualTo("Anna Petrova");
            assertThat(s.contact().phone()).isEqualTo("+7 912 345-67-89");
            assertThat(s.contact().attributes()).containsEntry("subject", "Order 5521 not delivered")
                    .containsEntry("thread", "T-1001");
            assertThat(s.visit()).isNotNull();
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(ChannelEvent.MessageReceived.class, m -> {
            assertThat(m.eventId()).isEqualTo("msg:T-1001/m-1");
            assertThat(m.conversationId()).isEqualTo("T-1001");
            assertThat(m.messageId()).isEqualTo("m-1");
            assertThat(m.sender()).isEqualTo(SenderKind.CLIENT);
            assertThat(m.agentEmail()).isNull();
            assertThat(m.contact().email()).isEqualTo("anna@example.com");
            assertThat(m.text()).isEqualTo("Hello, my parcel has not arrived.");
        });
        // Deterministic and offline: the same request parses the same with no HTTP client able to connect.
        TestConnectorContext offline = TestConnectorContext.builder().config(Map.of("api_keys", keys(KEY)))
                .http(request -> {
                    throw new AssertionError("parse must not call out: " + request);
                }).build();
        assertThat(connector.parse(first, offline).events()).isEqualTo(events);
    }

    @Test
    void laterMessagesAreJustMessagesAndTheCustomerIsOptional() {
        List<ChannelEvent> events = connector.parse(site.message("T-1001", "m-2", null, "Any news?").inbound(),
                context).events();
        assertThat(events).singleElement().isInstanceOfSatisfying(ChannelEvent.MessageReceived.class, m -> {
            assertThat(m.messageId()).isEqualTo("m-2");
            assertThat(m.contact().id()).isNull();
            assertThat(m.contact().attributes()).containsEntry("thread", "T-1001").doesNotContainKey("subject");
            assertThat(m.text()).isEqualTo("Any news?");
        });
        // A message stored under a higher limit is still parsed after the limit was lowered.
        InboundRequest longer = site.message("T-1", "m-9", null, "x".repeat(50)).inbound();
        assertThat(connector.parse(longer, context(Map.of("max_message_chars", 10L))).events()).hasSize(1);
    }

    // ---------------------------------------------------------------- replies: signed webhooks

    @Test
    void anAgentsReplyIsASignedWebhookTheSiteAccepts() {
        TestConnectorContext ctx = toReceiver();
        OutgoingMessage reply = new OutgoingMessage("Your parcel left the warehouse today.", false,
                "olga@shop.example", false, "sb-comment-9001", false, "Olga (support)");
        ExternalRef ref = connector.postMessage("T-1001", reply, ctx);
        assertThat(ref.type()).isEqualTo(ExternalRef.EntityType.MESSAGE);
        assertThat(ref.id()).isEqualTo("sb-comment-9001");
        assertThat(receiver.refusals()).isEmpty();
        assertThat(receiver.messages()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("sb-comment-9001");
            assertThat(d.timestamp()).isEqualTo(TestConnectorContext.DEFAULT_NOW.getEpochSecond());
            assertThat(d.thread()).isEqualTo("T-1001");
            assertThat(d.text()).isEqualTo("Your parcel left the warehouse today.");
            assertThat(d.authorType()).isEqualTo("agent");
            assertThat(d.json().path("message").path("id").asText()).isEqualTo("sb-comment-9001");
            assertThat(d.json().path("message").path("author").path("name").asText()).isEqualTo("Olga (support)");
            assertThat(d.json().path("message").path("author").path("email").asText()).isEqualTo("olga@shop.example");
            assertThat(d.json().path("message").path("created_at").asText()).isEqualTo("2024-05-02T10:00:00Z");
        });
    }

    @Test
    void aCustomersEmailReplyIsShownAsTheCustomers() {
        connector.postMessage("T-1001", new OutgoingMessage("Thanks, got it!", false, null, false, "sb-comment-9002",
                true, "Anna Petrova"), toReceiver());
        assertThat(receiver.messages()).singleElement().satisfies(d -> {
            assertThat(d.authorType()).isEqualTo("customer");
            assertThat(d.json().path("message").path("author").path("name").asText()).isEqualTo("Anna Petrova");
            assertThat(d.json().path("message").path("author").path("email").isNull()).isTrue();
        });
    }

    @Test
    void aRetryHasTheSameWebhookIdSoTheSiteShowsItOnce() {
        TestConnectorContext ctx = toReceiver();
        OutgoingMessage reply = new OutgoingMessage("Once only", false, null, false, "sb-comment-7");
        connector.postMessage("T-1", reply, ctx);
        ctx.testClock().advance(Duration.ofSeconds(30));
        connector.postMessage("T-1", reply, ctx);
        assertThat(receiver.messages()).hasSize(1);
        assertThat(receiver.repeats()).isEqualTo(1);
        // An id with a '.' (which the spec forbids in a webhook id) becomes a stable digest.
        OutgoingMessage dotted = new OutgoingMessage("Dotted", false, null, false, "sb-comment-1.2");
        String first = connector.postMessage("T-1", dotted, ctx).id();
        assertThat(first).startsWith("msg_").doesNotContain(".");
        assertThat(connector.postMessage("T-1", dotted, ctx).id()).isEqualTo(first);
        assertThat(receiver.messages()).hasSize(2);
    }

    @Test
    void aWhsecSecretSignsWithItsDecodedBytes() {
        receiver.close();
        receiver = new SiteReceiver(WHSEC, context.testClock());
        connector.postMessage("T-1", new OutgoingMessage("Hi", false, null, false, "sb-comment-1"),
                toReceiver(Map.of("signing_secret", WHSEC)));
        assertThat(receiver.refusals()).isEmpty();
        assertThat(receiver.messages()).hasSize(1);
    }

    @Test
    void aWrongSecretATamperedBodyOrAStaleClockIsRefusedByTheSite() {
        OutgoingMessage reply = new OutgoingMessage("Hello", false, null, false, "sb-comment-1");
        assertThatThrownBy(() -> connector.postMessage("T-1", reply,
                toReceiver(Map.of("signing_secret", "another-signing-secret-of-40-characters"))))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("signing secret");
        JdkVendorHttpClient real = new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5));
        TestConnectorContext tampering = TestConnectorContext.builder().clock(context.testClock())
                .config(Map.of("webhook_url", receiver.url(), "api_keys", keys(KEY), "signing_secret", SECRET))
                .http(request -> real.send(new VendorRequest(request.method(), request.uri(), request.headers(),
                        new String(request.body(), StandardCharsets.UTF_8).replace("Hello", "Hellp")
                                .getBytes(StandardCharsets.UTF_8))))
                .build();
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, tampering))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("HTTP 401");
        TestConnectorContext late = TestConnectorContext.builder()
                .clock(TestClock.at(TestConnectorContext.DEFAULT_NOW.minus(Duration.ofMinutes(6))))
                .config(Map.of("webhook_url", receiver.url(), "api_keys", keys(KEY), "signing_secret", SECRET)).build();
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, late))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("HTTP 401");
        assertThat(receiver.refusals()).extracting(SiteReceiver.Refusal::reason).containsExactly(
                "no v1 signature matches", "no v1 signature matches",
                "webhook-timestamp 2024-05-02T09:54:00Z is more than 5 minutes from now");
        assertThat(receiver.messages()).isEmpty();
    }

    @Test
    void theSitesAnswersAreClassifiedForRetries() {
        TestConnectorContext ctx = toReceiver();
        OutgoingMessage reply = new OutgoingMessage("Retry me", false, null, false, "sb-comment-5");
        receiver.failNext(503, 1, 30);
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, ctx))
                .isInstanceOfSatisfying(TransientVendorException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                    assertThat(e.getMessage()).contains("HTTP 503");
                });
        receiver.failNext(429);
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, ctx)).isInstanceOf(TransientVendorException.class);
        receiver.failNext(408);
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, ctx)).isInstanceOf(TransientVendorException.class);
        receiver.failNext(404);
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, ctx))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("HTTP 404");
        receiver.failNext(410);
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, ctx))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("HTTP 410")
                .hasMessageContaining("Gone");
        receiver.downFor(Duration.ofMinutes(10));
        assertThatThrownBy(() -> connector.postMessage("T-1", reply, ctx))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("Could not reach");
        receiver.up();
        assertThat(connector.postMessage("T-1", reply, ctx).id()).isEqualTo("sb-comment-5");
        assertThat(receiver.messages()).hasSize(1);
    }

    @Test
    void whatASiteCannotShowIsRefusedPermanently() {
        TestConnectorContext ctx = toReceiver();
        assertThatThrownBy(() -> connector.postMessage("T-1", new OutgoingMessage("note", true, null, false, "n-1"),
                ctx)).isInstanceOf(PermanentVendorException.class).hasMessageContaining("only agents see");
        assertThatThrownBy(() -> connector.postMessage("T 1", new OutgoingMessage("x", false, null, false, "n-2"),
                ctx)).isInstanceOf(PermanentVendorException.class);
        assertThatThrownBy(() -> connector.postMessage("T-1", new OutgoingMessage(" ", false, null, false, "n-3"),
                ctx)).isInstanceOf(PermanentVendorException.class);
        assertThat(receiver.attempts()).isZero();
    }

    // ---------------------------------------------------------------- check

    @Test
    void checkSendsASignedPing() {
        CheckResult ok = connector.check(toReceiver());
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.message()).contains("localhost").contains("HTTP 200");
        assertThat(receiver.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("ping");
            assertThat(d.body()).isEqualTo("{\"type\":\"ping\"}");
            assertThat(d.id()).startsWith("ping_");
        });
        receiver.failNext(503);
        assertThat(connector.check(toReceiver()).message()).contains("HTTP 503");
        CheckResult wrongSecret = connector.check(toReceiver(Map.of("signing_secret",
                "another-signing-secret-of-40-characters")));
        assertThat(wrongSecret.ok()).isFalse();
        assertThat(wrongSecret.message()).contains("HTTP 401").doesNotContain("another-signing-secret");
        CheckResult unusable = connector.check(context(Map.of("signing_secret", "short")));
        assertThat(unusable.ok()).isFalse();
        assertThat(unusable.message()).contains("signing_secret").doesNotContain("short\"");
    }
}
