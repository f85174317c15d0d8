package io.switchboard.plugins.ringostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallAttributes;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.Employee;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.ringostat.fake.RingostatEvents;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Agent;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Hook;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Utm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RingostatCallsTest {

    private static final String SECRET = "s3cr3t-webhook-token-0001";
    private static final String CALL = "1717236942.1234567";
    private static final LocalDateTime START = LocalDateTime.of(2024, 6, 1, 10, 15, 42);
    /** 10:15:42 in Kyiv (UTC+3 in summer). */
    private static final Instant START_UTC = Instant.parse("2024-06-01T07:15:42Z");
    private static final String CLIENT = "380671234567";
    private static final String LINE = "380443334455";
    private static final Agent OLENA = Agent.of("101", "45121", "Olena K.");
    private static final Agent PETRO = Agent.of("102", "45122", "Petro S.");

    private final RingostatConnector connector = new RingostatConnector();
    private final RingostatEvents ringostat = RingostatEvents.forLine(LINE);
    private final TestConnectorContext ctx = TestConnectorContext.with(Map.of("webhook_secret", SECRET));

    private static Function<Hook, InboundRequest> transport(String how) {
        return switch (how) {
            case "GET" -> h -> h.asGet(SECRET);
            case "FORM" -> h -> h.asForm(SECRET);
            default -> h -> h.asJson(SECRET);
        };
    }

    /** Verifies, keys and parses each hook as the platform would, and collects the events. */
    private List<CallEvent> run(List<Hook> hooks, String how, TestConnectorContext context) {
        List<CallEvent> events = new ArrayList<>();
        for (Hook hook : hooks) {
            InboundRequest request = transport(how).apply(hook);
            connector.verify(request, context);
            assertThat(connector.routingQuery(request, context)).isEmpty();
            assertThat(connector.callerCardQuery(request, context)).isEmpty();
            InboundKeys keys = connector.keys(request, context);
            assertThat(keys.orderingKey()).isEqualTo(hook.param("uniqueid"));
            ParsedEvents<CallEvent> parsed = connector.parse(request, context);
            parsed.events().forEach(e -> assertThat(e.eventId()).isEqualTo(keys.dedupKey()));
            events.addAll(parsed.events());
        }
        return events;
    }

    private List<CallEvent> run(List<Hook> hooks, String how) {
        return run(hooks, how, ctx);
    }

    private ParsedEvents<CallEvent> parse(Hook hook) {
        return connector.parse(hook.asJson(SECRET), ctx);
    }

    private CallEvent single(Hook hook) {
        ParsedEvents<CallEvent> parsed = parse(hook);
        assertThat(parsed.events()).hasSize(1);
        return parsed.events().get(0);
    }

    private Hook afterCall(String disposition, String billsec) {
        return ringostat.incomingAnswered(CALL, START, CLIENT, OLENA, Utm.google()).get(2)
                .with("disposition", disposition).with("billsec", billsec);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "GET", "FORM"})
    void incomingAnsweredCall(String how) {
        List<CallEvent> events = run(ringostat.incomingAnswered(CALL, START, CLIENT, OLENA, Utm.google()), how);

        assertThat(events).extracting(CallEvent::phase).containsExactly(CallPhase.STARTED, CallPhase.ANSWERED,
                CallPhase.ENDED);
        assertThat(events).extracting(CallEvent::eventId).containsExactly(CALL + ":started", CALL + ":answered",
                CALL + ":ended");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.callId()).isEqualTo(CALL);
            assertThat(e.direction()).isEqualTo(CallDirection.INCOMING);
            assertThat(e.clientNumber()).isEqualTo(CLIENT);
            assertThat(e.lineNumber()).isEqualTo(LINE);
            assertThat(e.scheme()).isEqualTo(RingostatEvents.DEFAULT_POOL);
            assertThat(e.attributes()).containsEntry(CallAttributes.UTM_SOURCE, "google");
        });
        CallEvent started = events.get(0);
        assertThat(started.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(started.timing().startedAt()).isEqualTo(START_UTC);
        CallEvent answered = events.get(1);
        assertThat(answered.answeredBy()).isEqualTo(new Employee("101", "Olena K.", null));
        CallEvent ended = events.get(2);
        assertThat(ended.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(ended.vendorStatus()).isEqualTo("ANSWERED");
        assertThat(ended.answeredBy()).isEqualTo(new Employee("101", "Olena K.", null));
        assertThat(ended.rang()).containsExactly(new Employee("101", "Olena K.", null));
        assertThat(ended.timing().startedAt()).isEqualTo(START_UTC);
        assertThat(ended.timing().answeredAt()).isEqualTo(START_UTC.plusSeconds(8));
        assertThat(ended.timing().endedAt()).isEqualTo(START_UTC.plusSeconds(95));
        assertThat(ended.timing().total()).isEqualTo(Duration.ofSeconds(95));
        assertThat(ended.timing().talk()).isEqualTo(Duration.ofSeconds(87));
        assertThat(ended.recordingUrl()).isEqualTo("https://app.ringostat.com/recordings/1717236942-1234567.mp3");
        assertThat(ended.attributes()).containsEntry("ringostat_employee_number", "45121")
                .containsEntry("ringostat_wait_seconds", "8").containsEntry("ringostat_call_type", "in");
    }

    @Test
    void missedCallIsMissedWithTheForwardStepsAsRingingLegs() {
        List<CallEvent> events = run(ringostat.incomingMissed(CALL, START, CLIENT, Utm.none(), OLENA, PETRO),
                "JSON");

        assertThat(events).extracting(CallEvent::phase).containsExactly(CallPhase.STARTED, CallPhase.STARTED,
                CallPhase.STARTED, CallPhase.ENDED);
        assertThat(events).extracting(CallEvent::eventId).doesNotHaveDuplicates()
                .contains(CALL + ":forward:101", CALL + ":forward:102");
        assertThat(events.get(1).rang()).containsExactly(new Employee("101", "Olena K.", null));
        assertThat(events.get(2).rang()).containsExactly(new Employee("102", "Petro S.", null));
        CallEvent ended = last(events);
        assertThat(ended.status()).isEqualTo(CallStatus.MISSED);
        assertThat(ended.vendorStatus()).isEqualTo("NO ANSWER");
        assertThat(ended.answeredBy()).isNull();
        assertThat(ended.rang()).containsExactly(new Employee("102", "Petro S.", null));
        assertThat(ended.timing().talk()).isEqualTo(Duration.ZERO);
        assertThat(ended.timing().answeredAt()).isNull();
        assertThat(ended.recordingUrl()).isNull();
        assertThat(ended.attributes()).doesNotContainKeys(CallAttributes.UTM_SOURCE, CallAttributes.UTM_TERM);
    }

    @Test
    void busyIncomingCallIsMissedAndKeepsBusyAsVendorStatus() {
        CallEvent ended = last(run(ringostat.busy(CALL, START, CLIENT, OLENA), "GET"));
        assertThat(ended.status()).isEqualTo(CallStatus.MISSED);
        assertThat(ended.vendorStatus()).isEqualTo("BUSY");
        assertThat(ended.status().unanswered()).isTrue();
    }

    @Test
    void outgoingCalls() {
        List<CallEvent> answered = run(ringostat.outgoingAnswered(CALL, START, OLENA, CLIENT), "JSON");
        assertThat(answered).extracting(CallEvent::phase).containsExactly(CallPhase.STARTED, CallPhase.ENDED);
        assertThat(answered).allSatisfy(e -> {
            assertThat(e.direction()).isEqualTo(CallDirection.OUTGOING);
            assertThat(e.clientNumber()).isEqualTo(CLIENT);
        });
        assertThat(answered.get(0).rang()).containsExactly(new Employee("101", "Olena K.", null));
        assertThat(last(answered).status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(last(answered).answeredBy()).isEqualTo(new Employee("101", "Olena K.", null));
        assertThat(last(answered).timing().talk()).isEqualTo(Duration.ofSeconds(45));

        CallEvent noAnswer = last(run(ringostat.outgoingNoAnswer("2.2", START, OLENA, CLIENT), "FORM"));
        assertThat(noAnswer.direction()).isEqualTo(CallDirection.OUTGOING);
        assertThat(noAnswer.status()).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(noAnswer.answeredBy()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"BUSY,BUSY", "DECLINE,BUSY", "NO ANSWER,NO_ANSWER", "CLIENT NO ANSWER,NO_ANSWER",
            "VOICEMAIL,NO_ANSWER", "FAILED,FAILED", "NO-FORWARD,FAILED", "WRONG EXTENSION,FAILED",
            "FAILED FORBIDDEN DESTINATION,FAILED", "ANSWERED,ANSWERED", "PROPER,ANSWERED", "REPEATED,ANSWERED"})
    void outgoingDispositions(String disposition, CallStatus expected) {
        Hook end = last(ringostat.outgoingNoAnswer(CALL, START, OLENA, CLIENT)).with("disposition", disposition)
                .with("billsec", expected == CallStatus.ANSWERED ? "20" : "0");
        CallEvent event = single(end);
        assertThat(event.status()).isEqualTo(expected);
        assertThat(event.vendorStatus()).isEqualTo(disposition);
    }

    @ParameterizedTest
    @CsvSource({"NO+ANSWER,MISSED", "no_answer,MISSED", "BUSY,MISSED", "FAILED,MISSED", "VOICEMAIL,MISSED",
            "ANSWERED,ANSWERED", "PROPER,ANSWERED", "repeated,ANSWERED"})
    void incomingDispositionsFollowRingostatsMissedRule(String disposition, CallStatus expected) {
        CallEvent event = single(afterCall(disposition, expected == CallStatus.ANSWERED ? "87" : "0"));
        assertThat(event.status()).isEqualTo(expected);
        assertThat(parse(afterCall(disposition, expected == CallStatus.ANSWERED ? "87" : "0")).notes()).isEmpty();
    }

    @Test
    void statusDecidesWhenItContradictsTheTalkTime() {
        ParsedEvents<CallEvent> answeredNoTalk = parse(afterCall("ANSWERED", "0"));
        assertThat(answeredNoTalk.events().get(0).status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(answeredNoTalk.notes()).singleElement().asString().contains("zero talk time")
                .contains("status decides");

        ParsedEvents<CallEvent> missedWithTalk = parse(afterCall("VOICEMAIL", "30"));
        assertThat(missedWithTalk.events().get(0).status()).isEqualTo(CallStatus.MISSED);
        assertThat(missedWithTalk.events().get(0).timing().talk()).isEqualTo(Duration.ZERO);
        assertThat(missedWithTalk.notes()).singleElement().asString().contains("billsec is 30 s");
    }

    @Test
    void talkTimeDecidesWhenTheStatusIsUnknownOrMissing() {
        ParsedEvents<CallEvent> unknown = parse(afterCall("SOMETHING NEW", "12"));
        assertThat(unknown.events().get(0).status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(unknown.notes()).anySatisfy(n -> assertThat(n).contains("'SOMETHING NEW' is unknown"));

        ParsedEvents<CallEvent> missing = parse(afterCall(null, "0"));
        assertThat(missing.events().get(0).status()).isEqualTo(CallStatus.MISSED);
        assertThat(missing.events().get(0).vendorStatus()).isNull();
        assertThat(missing.notes()).anySatisfy(n -> assertThat(n).contains("no status"));

        CallEvent nothing = single(afterCall(null, null).with("duration", "")
                .with("waittime", ""));
        assertThat(nothing.status()).isEqualTo(CallStatus.UNKNOWN);
    }

    @Test
    void utmTagsSchemeAndTheAdminsOwnParametersBecomeAttributes() {
        Hook end = afterCall("ANSWERED", "87").with("utm_term", "crm for clinics").with("utm_content", "ad-7")
                .with("landing", "https://example.com/pricing").with("client_id", "GA1.2.3.4")
                .with("proper_flag", "1").with("gclid", "Cj0KCQ").with("department", "Sales");
        CallEvent event = single(end);
        assertThat(event.attributes())
                .containsEntry(CallAttributes.UTM_SOURCE, "google")
                .containsEntry(CallAttributes.UTM_MEDIUM, "cpc")
                .containsEntry(CallAttributes.UTM_CAMPAIGN, "brand")
                .containsEntry(CallAttributes.UTM_TERM, "crm for clinics")
                .containsEntry(CallAttributes.UTM_CONTENT, "ad-7")
                .containsEntry(CallAttributes.SCHEME_NAME, RingostatEvents.DEFAULT_POOL)
                .containsEntry(CallAttributes.LANDING_PAGE, "https://example.com/pricing")
                .containsEntry("ringostat_ga_client_id", "GA1.2.3.4")
                .containsEntry("ringostat_proper_flag", "1")
                .containsEntry("ringostat_department", "Sales")
                .containsEntry("gclid", "Cj0KCQ")
                .doesNotContainKeys("secret", "event", "request", "caller", "uniqueid", "disposition",
                        "recording", "employee_fio");
        assertThat(event.attributes().values()).doesNotContain(SECRET);
    }

    @Test
    void aRepeatedDeliveryAndTheRatingWebhookHaveTheSameDedupKey() {
        Hook end = afterCall("ANSWERED", "87");
        InboundKeys first = connector.keys(end.asJson(SECRET), ctx);
        InboundKeys again = connector.keys(end.asJson(SECRET), ctx);
        InboundKeys asGet = connector.keys(end.asGet(SECRET), ctx);
        InboundKeys rating = connector.keys(end.withMoment("after_call_rating").asJson(SECRET), ctx);
        assertThat(first).isEqualTo(again).isEqualTo(asGet).isEqualTo(rating)
                .isEqualTo(InboundKeys.of(CALL + ":ended", CALL));
        Hook before = ringostat.incomingAnswered(CALL, START, CLIENT, OLENA, Utm.google()).get(0);
        assertThat(connector.keys(before.asJson(SECRET), ctx).dedupKey()).isEqualTo(CALL + ":started");
    }

    @Test
    void withoutTheEventParameterTheMomentIsInferred() {
        ParsedEvents<CallEvent> end = parse(afterCall("ANSWERED", "87").withMoment(null));
        assertThat(end.events().get(0).phase()).isEqualTo(CallPhase.ENDED);
        assertThat(end.events().get(0).status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(end.notes()).anySatisfy(n -> assertThat(n).contains("no 'event' parameter"));
        assertThat(connector.keys(afterCall("ANSWERED", "87").withMoment(null).asJson(SECRET), ctx).dedupKey())
                .isEqualTo(CALL + ":ended");

        Hook before = ringostat.incomingAnswered(CALL, START, CLIENT, OLENA, Utm.google()).get(0).withMoment(null);
        ParsedEvents<CallEvent> start = parse(before);
        assertThat(start.events().get(0).phase()).isEqualTo(CallPhase.STARTED);
        assertThat(start.events().get(0).direction()).isEqualTo(CallDirection.INCOMING);
    }

    @Test
    void anUnknownMomentIsSkippedWithANote() {
        ParsedEvents<CallEvent> parsed = parse(afterCall("ANSWERED", "87").withMoment("site_form"));
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.notes()).singleElement().asString().contains("'event=site_form' is unknown");
    }

    @Test
    void classicWebhookNamesAreUnderstood() {
        InboundRequest classic = RingostatTestRequests.get(Map.of("secret", SECRET, "event", "after_call",
                "call_id", "77.1", "caller", CLIENT, "callee", LINE, "status", "NO_ANSWER", "dialog", "0",
                "call_duration", "25", "record_link", "", "call_type", "in"));
        CallEvent event = connector.parse(classic, ctx).events().get(0);
        assertThat(event.callId()).isEqualTo("77.1");
        assertThat(event.lineNumber()).isEqualTo(LINE);
        assertThat(event.status()).isEqualTo(CallStatus.MISSED);
        assertThat(event.timing().total()).isEqualTo(Duration.ofSeconds(25));
        assertThat(connector.keys(classic, ctx)).isEqualTo(InboundKeys.of("77.1:ended", "77.1"));
    }

    @Test
    void theTenantsOwnParameterNamesComeFirst() {
        TestConnectorContext custom = TestConnectorContext.with(Map.of("webhook_secret", SECRET,
                "parameter_names", List.of(
                        Map.of("field", "caller", "name", "client_phone"),
                        Map.of("field", "disposition", "name", "{{Статус}}"),
                        Map.of("field", "call_id", "name", "id_дзвінка"))));
        InboundRequest request = RingostatTestRequests.json(SECRET, "after_call", "{\"id_дзвінка\": \"9.9\", "
                + "\"client_phone\": \"+380 67 123 45 67\", \"caller\": \"ignored\", \"Статус\": \"ANSWERED\", "
                + "\"billsec\": 10, \"call_type\": \"in\"}");
        CallEvent event = connector.parse(request, custom).events().get(0);
        assertThat(event.callId()).isEqualTo("9.9");
        assertThat(event.clientNumber()).isEqualTo("+380 67 123 45 67");
        assertThat(event.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(connector.keys(request, custom).orderingKey()).isEqualTo("9.9");
    }

    @Test
    void oddPhoneFormats() {
        assertThat(single(afterCall("ANSWERED", "87").with("caller", " +38 (067) 123-45-67 ")).clientNumber())
                .isEqualTo("+38 (067) 123-45-67");
        assertThat(single(afterCall("ANSWERED", "87").with("caller", "sip:380671234567@sip.ringostat.net"))
                .clientNumber()).isEqualTo(CLIENT);
        ParsedEvents<CallEvent> hidden = parse(afterCall("ANSWERED", "87").with("caller", "Anonymous"));
        assertThat(hidden.events().get(0).clientNumber()).isNull();
        assertThat(hidden.notes()).anySatisfy(n -> assertThat(n).contains("hidden"));
        InboundRequest numeric = RingostatTestRequests.json(SECRET, "after_call", "{\"uniqueid\": \"5.5\", "
                + "\"caller\": 380671234567, \"dst\": 380443334455.0, \"disposition\": \"ANSWERED\", "
                + "\"billsec\": 87.0, \"call_type\": \"in\"}");
        CallEvent event = connector.parse(numeric, ctx).events().get(0);
        assertThat(event.clientNumber()).isEqualTo(CLIENT);
        assertThat(event.timing().talk()).isEqualTo(Duration.ofSeconds(87));
    }

    @Test
    void outgoingCallWhoseCallerIsTheEmployeesSipLogin() {
        Hook end = last(ringostat.outgoingAnswered(CALL, START, OLENA, CLIENT)).with("caller", "olena_sip")
                .with("dst", CLIENT);
        ParsedEvents<CallEvent> parsed = parse(end);
        assertThat(parsed.events().get(0).clientNumber()).isEqualTo(CLIENT);
        assertThat(parsed.notes()).anySatisfy(n -> assertThat(n).contains("dst is taken as the client"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-06-01 10:15:42|2024-06-01T07:15:42Z",
            "2024-06-01+10:15:42|2024-06-01T07:15:42Z",
            "2024-06-01T10:15:42|2024-06-01T07:15:42Z",
            "2024-06-01T10:15:42+02:00|2024-06-01T08:15:42Z",
            "01.06.2024 10:15:42|2024-06-01T07:15:42Z",
            "1717226142|2024-06-01T07:15:42Z",
            "1717226142000|2024-06-01T07:15:42Z"})
    void dateFormats(String raw, String expected) {
        assertThat(single(afterCall("ANSWERED", "87").with("call_date", raw)).timing().startedAt())
                .isEqualTo(Instant.parse(expected));
    }

    @Test
    void datesAreReadInTheConfiguredTimeZoneAndBadOnesAreNoted() {
        TestConnectorContext warsaw = TestConnectorContext.with(Map.of("webhook_secret", SECRET,
                "time_zone", "Europe/Warsaw"));
        CallEvent event = connector.parse(afterCall("ANSWERED", "87").asJson(SECRET), warsaw).events().get(0);
        assertThat(event.timing().startedAt()).isEqualTo(Instant.parse("2024-06-01T08:15:42Z"));

        ParsedEvents<CallEvent> bad = parse(afterCall("ANSWERED", "87").with("call_date", "yesterday")
                .with("duration", "-5"));
        assertThat(bad.events().get(0).timing().startedAt()).isNull();
        assertThat(bad.notes()).anySatisfy(n -> assertThat(n).contains("'yesterday' is not a date"))
                .anySatisfy(n -> assertThat(n).contains("negative"));
    }

    @ParameterizedTest
    @CsvSource({"in,INCOMING", "callback,INCOMING", "transitin,INCOMING", "out,OUTGOING", "transitout,OUTGOING"})
    void directionFromCallType(String callType, CallDirection expected) {
        assertThat(single(afterCall("ANSWERED", "87").with("call_type", callType)).direction()).isEqualTo(expected);
    }

    @Test
    void callbackInsertionTypeIsIncomingAndNoDirectionMeansNotMissed() {
        Hook noType = afterCall("NO ANSWER", "0").with("call_type", null).withMoment(null);
        CallEvent callback = single(noType.with("Insertion Type", "callback"));
        assertThat(callback.direction()).isEqualTo(CallDirection.INCOMING);
        assertThat(callback.status()).isEqualTo(CallStatus.MISSED);

        ParsedEvents<CallEvent> unknown = parse(noType);
        assertThat(unknown.events().get(0).direction()).isEqualTo(CallDirection.UNKNOWN);
        assertThat(unknown.events().get(0).status()).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(unknown.notes()).anySatisfy(n -> assertThat(n).contains("direction"));

        ParsedEvents<CallEvent> conflict = parse(afterCall("ANSWERED", "87").with("call_type", "out"));
        assertThat(conflict.events().get(0).direction()).isEqualTo(CallDirection.OUTGOING);
        assertThat(conflict.notes()).anySatisfy(n -> assertThat(n).contains("call_type decides"));
    }

    @Test
    void jsonRpcBodiesAreReadFromParams() {
        InboundRequest rpc = RingostatTestRequests.json(SECRET, "after_call", "{\"jsonrpc\": \"2.0\", \"id\": 7, "
                + "\"method\": \"call.end\", \"params\": {\"uniqueid\": \"3.3\", \"caller\": \"380671234567\", "
                + "\"disposition\": \"ANSWERED\", \"billsec\": \"12\", \"call_type\": \"in\"}}");
        CallEvent event = connector.parse(rpc, ctx).events().get(0);
        assertThat(event.callId()).isEqualTo("3.3");
        assertThat(event.status()).isEqualTo(CallStatus.ANSWERED);
    }

    @Test
    void aRequestWithoutCallIdIsMalformed() {
        InboundRequest noId = afterCall("ANSWERED", "87").with("uniqueid", null).asJson(SECRET);
        assertThatThrownBy(() -> connector.parse(noId, ctx)).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("no call id");
        assertThatThrownBy(() -> connector.keys(noId, ctx))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aBrokenJsonBodyIsMalformed() {
        InboundRequest broken = new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")),
                Map.of("secret", List.of(SECRET), "event", List.of("after_call")),
                "{\"uniqueid\": \"1.1\", \"caller\": ".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        connector.verify(broken, ctx);
        assertThatThrownBy(() -> connector.parse(broken, ctx)).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> connector.keys(broken, ctx)).isInstanceOf(WebhookRejectedException.class);
        InboundRequest array = RingostatTestRequests.json(SECRET, "after_call", "[{\"uniqueid\": \"1.1\"}]");
        assertThatThrownBy(() -> connector.parse(array, ctx)).isInstanceOf(PermanentVendorException.class);
    }

    @Test
    void routingRequestsAndCallerCardMarkedRequestsAreNotCallEvents() {
        InboundRequest routing = ringostat.routingRequest("pkv", START, CLIENT).asJson(SECRET);
        assertThat(connector.keys(routing, ctx)).isEqualTo(InboundKeys.none());
        assertThat(connector.parse(routing, ctx).events()).isEmpty();
        // Ringostat sends no caller-card request; a URL marked so (pasted for an earlier version) is no call event.
        InboundRequest card = RingostatTestRequests.get(Map.of("secret", SECRET, "request", "caller_card",
                "uniqueid", CALL, "caller", CLIENT));
        assertThat(connector.keys(card, ctx)).isEqualTo(InboundKeys.none());
        assertThat(connector.parse(card, ctx).notes()).singleElement().asString().contains("caller-card")
                .contains("pushes");
    }

    @Test
    void tooManyExtraParametersAreCappedWithANote() {
        Hook hook = afterCall("ANSWERED", "87");
        for (int i = 0; i < RingostatCall.MAX_EXTRA_ATTRIBUTES + 3; i++) {
            hook = hook.with("custom_" + i, "v" + i);
        }
        ParsedEvents<CallEvent> parsed = parse(hook);
        assertThat(parsed.events().get(0).attributes()).containsKey("custom_0").doesNotContainKey("custom_42");
        assertThat(parsed.notes()).anySatisfy(n -> assertThat(n).contains("3 extra parameters were not kept"));
    }

    @Test
    void aBrokenEscapeInAFormKeepsItsRawTextAndTheOtherFields() {
        // Before (#25), the pair with the stray % was dropped without a word.
        InboundRequest bare = new InboundRequest("POST", Map.of("Content-Type", List.of("text/plain")),
                Map.of("secret", List.of(SECRET)), ("event=after_call&call_id=77.2&caller=" + CLIENT + "&callee="
                + LINE + "&status=NO_ANSWER&call_duration=25&call_type=in&comment=100%&tag=%zz")
                .getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        RingostatParams params = RingostatParams.of(bare);
        assertThat(params.get("comment")).contains("100%");
        assertThat(params.get("tag")).contains("%zz");
        assertThat(connector.parse(bare, ctx).events().get(0).status()).isEqualTo(CallStatus.MISSED);
    }

    @Test
    void anEncodedRecordingLinkWithABrokenEscapeIsIgnoredNotAFailure() {
        // Threw IllegalArgumentException from parse before (#25): the event failed as a plugin malfunction.
        InboundRequest classic = RingostatTestRequests.get(Map.of("secret", SECRET, "event", "after_call",
                "call_id", "77.3", "caller", CLIENT, "callee", LINE, "status", "ANSWERED", "dialog", "20",
                "call_duration", "25", "record_link", "https%3A%2F%2Fapp.ringostat.com%2Fr%zz", "call_type", "in"));
        ParsedEvents<CallEvent> parsed = connector.parse(classic, ctx);
        assertThat(parsed.events().get(0).recordingUrl()).isNull();
        assertThat(parsed.notes()).anyMatch(n -> n.contains("not an http(s) address"));
    }
}
