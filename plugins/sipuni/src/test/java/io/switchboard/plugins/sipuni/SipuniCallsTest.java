package io.switchboard.plugins.sipuni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallAttributes;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.Employee;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.sipuni.fake.SipuniEvents.Hook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SipuniCallsTest {

    private static final String SECRET = "s3cr3t-webhook-token-0001";
    private static final String CALL = "1774373436.533962";
    private static final long START = 1774373436L;
    private static final String CLIENT = "79161234567";

    private final SipuniConnector connector = new SipuniConnector();
    private final SipuniEvents sipuni = SipuniEvents.forAccount("070196");
    private final TestConnectorContext ctx = TestConnectorContext.with(Map.of("webhook_secret", SECRET));

    private Function<Hook, InboundRequest> transport(String method) {
        return "GET".equals(method) ? h -> h.asGet(SECRET) : h -> h.asPost(SECRET);
    }

    /** Verifies and parses each hook as the platform would, and collects the events. */
    private List<CallEvent> run(List<Hook> hooks, String method) {
        List<CallEvent> events = new ArrayList<>();
        for (Hook hook : hooks) {
            InboundRequest request = transport(method).apply(hook);
            connector.verify(request, ctx);
            InboundKeys keys = connector.keys(request, ctx);
            assertThat(keys.orderingKey()).isEqualTo(hook.param("call_id"));
            ParsedEvents<CallEvent> parsed = connector.parse(request, ctx);
            parsed.events().forEach(e -> assertThat(e.eventId()).isEqualTo(keys.dedupKey()));
            events.addAll(parsed.events());
        }
        return events;
    }

    private static <T> T last(List<T> events) {
        return events.get(events.size() - 1);
    }

    private static Instant at(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void incomingAnsweredCall(String method) {
        List<CallEvent> events = run(sipuni.incomingAnswered(CALL, START, CLIENT, "201"), method);

        assertThat(events).extracting(CallEvent::phase).containsExactly(CallPhase.STARTED, CallPhase.STARTED,
                CallPhase.ANSWERED, CallPhase.ENDED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.callId()).isEqualTo(CALL);
            assertThat(e.direction()).isEqualTo(CallDirection.INCOMING);
            assertThat(e.clientNumber()).isEqualTo(CLIENT);
            assertThat(e.lineNumber()).isEqualTo("74951234567");
            assertThat(e.scheme()).isEqualTo("Входящая");
            assertThat(e.attributes()).containsEntry(CallAttributes.SCHEME_NAME, "Входящая")
                    .containsEntry("sipuni_tree_number", "000-1734442");
        });
        CallEvent started = events.get(0);
        assertThat(started.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(started.rang()).containsExactly(new Employee("201", null, null));
        assertThat(started.timing().startedAt()).isEqualTo(at(START));
        // The repeated event 1 (one second later) is the same event for the platform's dedup.
        assertThat(events.get(1).eventId()).isEqualTo(started.eventId());

        CallEvent answered = events.get(2);
        assertThat(answered.answeredBy()).isEqualTo(new Employee("201", null, null));
        assertThat(answered.timing().answeredAt()).isEqualTo(at(START + 10));

        CallEvent ended = events.get(3);
        assertThat(ended.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(ended.vendorStatus()).isEqualTo("ANSWER");
        assertThat(ended.answeredBy()).isEqualTo(new Employee("201", null, null));
        assertThat(ended.timing().startedAt()).isEqualTo(at(START));
        assertThat(ended.timing().answeredAt()).isEqualTo(at(START + 10));
        assertThat(ended.timing().endedAt()).isEqualTo(at(START + 70));
        assertThat(ended.timing().total()).isEqualTo(Duration.ofSeconds(70));
        assertThat(ended.timing().talk()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ended.recordingUrl()).startsWith("https://sipuni.com/api/crm/record?id=" + CALL + "&hash=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void incomingMissedCallRangTheWholeDepartment(String method) {
        List<CallEvent> events = run(sipuni.incomingMissed(CALL, START, CLIENT, "201", "202", "203"), method);

        assertThat(events.subList(0, events.size() - 1)).extracting(e -> e.rang().get(0).extension())
                .containsExactly("201", "201", "202", "203");
        assertThat(events.stream().map(CallEvent::eventId).distinct()).hasSize(4);
        CallEvent ended = last(events);
        assertThat(ended.phase()).isEqualTo(CallPhase.ENDED);
        assertThat(ended.status()).isEqualTo(CallStatus.MISSED);
        assertThat(ended.vendorStatus()).isEqualTo("NOANSWER");
        assertThat(ended.answeredBy()).isNull();
        assertThat(ended.rang()).containsExactly(new Employee("203", null, null));
        assertThat(ended.timing().answeredAt()).isNull();
        assertThat(ended.timing().talk()).isEqualTo(Duration.ZERO);
        assertThat(ended.timing().total()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ended.recordingUrl()).as("no recording exists for an unanswered call").isNull();
    }

    @Test
    void incomingBusyIsMissedAsSipuniDefinesItAndKeepsBusyAsVendorStatus() {
        InboundRequest end = last(sipuni.busy(CALL, START, CLIENT, "201")).asGet(SECRET);
        ParsedEvents<CallEvent> parsed = connector.parse(end, ctx);
        CallEvent ended = parsed.events().get(0);
        assertThat(ended.status()).isEqualTo(CallStatus.MISSED);
        assertThat(ended.status().unanswered()).isTrue();
        assertThat(ended.vendorStatus()).isEqualTo("BUSY");
        assertThat(parsed.notes()).anyMatch(n -> n.contains("recording link was ignored"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void transferredCall(String method) {
        List<CallEvent> events = run(sipuni.transferred(CALL, START, CLIENT, "201", "202"), method);

        assertThat(events).extracting(CallEvent::phase).containsExactly(CallPhase.STARTED, CallPhase.ANSWERED,
                CallPhase.STARTED, CallPhase.ANSWERED, CallPhase.TRANSFERRED, CallPhase.ENDED);
        CallEvent transferred = events.get(4);
        assertThat(transferred.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(transferred.vendorStatus()).isEqualTo("ANSWER");
        assertThat(transferred.answeredBy()).isEqualTo(new Employee("201", null, null));
        assertThat(transferred.attributes()).containsEntry("sipuni_transfer_from", "201");
        CallEvent ended = events.get(5);
        assertThat(ended.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(ended.answeredBy()).isEqualTo(new Employee("202", null, null));
        assertThat(ended.timing().talk()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aRingingLegThatStopsIsNotATransfer() {
        Hook leg = last(sipuni.transferred(CALL, START, CLIENT, "201", "202")).with("event", "4")
                .with("status", "NOANSWER").with("transfer_from", "").with("dst_num", "070196203")
                .with("short_dst_num", "203");
        ParsedEvents<CallEvent> parsed = connector.parse(leg.asGet(SECRET), ctx);
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.notes()).singleElement().satisfies(n -> assertThat(n).contains("203")
                .contains("not a transfer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void outgoingAnsweredCall(String method) {
        List<CallEvent> events = run(sipuni.outgoingAnswered("1774372584.533596", 1774372584L, "201",
                "998948867473"), method);

        assertThat(events).extracting(CallEvent::phase).containsExactly(CallPhase.STARTED, CallPhase.ANSWERED,
                CallPhase.ENDED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.direction()).isEqualTo(CallDirection.OUTGOING);
            assertThat(e.clientNumber()).isEqualTo("998948867473");
            assertThat(e.lineNumber()).isNull();
            assertThat(e.scheme()).isEqualTo("Исходящая");
        });
        assertThat(events.get(0).rang()).containsExactly(new Employee("201", null, null));
        assertThat(events.get(1).answeredBy()).isEqualTo(new Employee("201", null, null));
        CallEvent ended = events.get(2);
        assertThat(ended.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(ended.answeredBy()).isEqualTo(new Employee("201", null, null));
        assertThat(ended.timing().talk()).isEqualTo(Duration.ofSeconds(8));
        assertThat(ended.timing().total()).isEqualTo(Duration.ofSeconds(18));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void outgoingNoAnswer(String method) {
        List<CallEvent> events = run(sipuni.outgoingNoAnswer(CALL, START, "201", CLIENT), method);
        CallEvent ended = last(events);
        assertThat(ended.direction()).isEqualTo(CallDirection.OUTGOING);
        assertThat(ended.status()).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(ended.vendorStatus()).isEqualTo("NOANSWER");
        assertThat(ended.answeredBy()).isNull();
        assertThat(ended.rang()).containsExactly(new Employee("201", null, null));
    }

    @Test
    void outgoingStatusesMapToTheirOwnOutcomes() {
        Hook end = last(sipuni.outgoingNoAnswer(CALL, START, "201", CLIENT));
        Map<String, CallStatus> expected = Map.of("BUSY", CallStatus.BUSY, "CANCEL", CallStatus.CANCELLED,
                "CONGESTION", CallStatus.FAILED, "CHANUNAVAIL", CallStatus.FAILED, "NOANSWER", CallStatus.NO_ANSWER);
        expected.forEach((raw, status) -> assertThat(connector.parse(end.with("status", raw).asGet(SECRET), ctx)
                .events().get(0).status()).as(raw).isEqualTo(status));
    }

    @Test
    void theVendorFileExamplesParseVerbatim() {
        InboundRequest start = SipuniEvents.fromQueryString("event=1&call_id=1774373436.533962&src_num=79161234567"
                + "&src_type=1&dst_num=070196201&dst_type=2&short_dst_num=201&timestamp=1774373436"
                + "&treeName=%D0%92%D1%85%D0%BE%D0%B4%D1%8F%D1%89%D0%B0%D1%8F&treeNumber=000-1734442"
                + "&channel=SIP%2F047593496447128812-00047440&user_id=070196&is_inner_call=0", Instant.EPOCH);
        CallEvent started = connector.parse(start, ctx).events().get(0);
        assertThat(started.direction()).isEqualTo(CallDirection.INCOMING);
        assertThat(started.scheme()).isEqualTo("Входящая");
        assertThat(started.rang()).containsExactly(new Employee("201", null, null));

        InboundRequest end = SipuniEvents.fromQueryString("event=2&call_id=1774372584.533596&src_num=070196201"
                + "&src_type=2&short_src_num=201&dst_num=998948867473&dst_type=1&status=ANSWER"
                + "&call_start_timestamp=1774372584&call_answer_timestamp=1774372594&timestamp=1774372602"
                + "&last_called=201&call_record_link=https%3A%2F%2Fsipuni.com%2Fapi%2Fcrm%2Frecord%3Fid%3D"
                + "1774372584.533596%26hash%3D93247a3b", Instant.EPOCH);
        ParsedEvents<CallEvent> parsed = connector.parse(end, ctx);
        CallEvent ended = parsed.events().get(0);
        assertThat(ended.direction()).isEqualTo(CallDirection.OUTGOING);
        assertThat(ended.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(ended.timing().talk()).isEqualTo(Duration.ofSeconds(8));
        assertThat(ended.recordingUrl()).isEqualTo("https://sipuni.com/api/crm/record?id=1774372584.533596"
                + "&hash=93247a3b");
        assertThat(parsed.notes()).isEmpty();
    }

    @Test
    void repeatedDeliveryGivesTheSameDedupKey() {
        for (Hook hook : sipuni.transferred(CALL, START, CLIENT, "201", "202")) {
            InboundKeys get = connector.keys(hook.asGet(SECRET), ctx);
            InboundKeys again = connector.keys(hook.asGet(SECRET), ctx);
            InboundKeys post = connector.keys(hook.asPost(SECRET), ctx);
            assertThat(again).isEqualTo(get);
            assertThat(post).isEqualTo(get);
            assertThat(get.dedupKey()).startsWith(CALL + ":" + hook.param("event"));
        }
        // Event 2 is once per call, whatever its timestamp says on a repeat.
        Hook end = last(sipuni.incomingMissed(CALL, START, CLIENT, "201"));
        assertThat(connector.keys(end.with("timestamp", "1774373999").asGet(SECRET), ctx))
                .isEqualTo(connector.keys(end.asGet(SECRET), ctx));
    }

    @Test
    void differentEventsOfOneCallHaveDifferentKeys() {
        List<Hook> hooks = sipuni.transferred(CALL, START, CLIENT, "201", "202");
        assertThat(hooks.stream().map(h -> connector.keys(h.asGet(SECRET), ctx).dedupKey()).distinct())
                .hasSize(hooks.size());
    }

    @Test
    void unknownEventTypeIsANoteNotAnError() {
        Hook odd = sipuni.busy(CALL, START, CLIENT, "201").get(0).with("event", "7");
        ParsedEvents<CallEvent> parsed = connector.parse(odd.asGet(SECRET), ctx);
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.notes()).singleElement().satisfies(n -> assertThat(n).contains("'7'").contains(CALL));
        assertThat(connector.keys(odd.asGet(SECRET), ctx).orderingKey()).isEqualTo(CALL);

        ParsedEvents<CallEvent> none = connector.parse(odd.with("event", null).asGet(SECRET), ctx);
        assertThat(none.events()).isEmpty();
        assertThat(none.notes()).singleElement().satisfies(n -> assertThat(n).contains("no event type"));
    }

    @Test
    void aRequestWithoutCallIdCannotBeParsed() {
        Hook noCall = sipuni.busy(CALL, START, CLIENT, "201").get(0).with("call_id", " ");
        assertThatThrownBy(() -> connector.parse(noCall.asGet(SECRET), ctx))
                .isInstanceOf(PermanentVendorException.class).hasMessageContaining("no call_id");
    }

    @Test
    void statusDecidesWhenTheAnswerTimestampContradictsIt() {
        // A published capture (README, "Vendor facts"): for API-originated calls call_answer_timestamp can be set
        // although nobody answered.
        Hook end = last(sipuni.outgoingNoAnswer(CALL, START, "201", CLIENT))
                .with("call_answer_timestamp", Long.toString(START));
        ParsedEvents<CallEvent> parsed = connector.parse(end.asGet(SECRET), ctx);
        assertThat(parsed.events().get(0).status()).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(parsed.events().get(0).timing().answeredAt()).isNull();
        assertThat(parsed.notes()).anyMatch(n -> n.contains("status decides"));
    }

    @Test
    void missingStatusFallsBackToTheAnswerTimestamp() {
        Hook answered = last(sipuni.incomingAnswered(CALL, START, CLIENT, "201")).with("status", null);
        ParsedEvents<CallEvent> parsed = connector.parse(answered.asGet(SECRET), ctx);
        assertThat(parsed.events().get(0).status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(parsed.notes()).anyMatch(n -> n.startsWith("status is missing"));

        Hook missed = last(sipuni.incomingMissed(CALL, START, CLIENT, "201")).with("status", "WEIRD");
        ParsedEvents<CallEvent> parsedMissed = connector.parse(missed.asGet(SECRET), ctx);
        assertThat(parsedMissed.events().get(0).status()).isEqualTo(CallStatus.MISSED);
        assertThat(parsedMissed.events().get(0).vendorStatus()).isEqualTo("WEIRD");
    }

    @Test
    void answeredWithZeroTalkTimeStaysAnsweredWithANote() {
        Hook end = last(sipuni.incomingAnswered(CALL, START, CLIENT, "201"))
                .with("timestamp", Long.toString(START + 10));
        ParsedEvents<CallEvent> parsed = connector.parse(end.asGet(SECRET), ctx);
        assertThat(parsed.events().get(0).status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(parsed.events().get(0).timing().talk()).isEqualTo(Duration.ZERO);
        assertThat(parsed.notes()).anyMatch(n -> n.contains("zero talk time"));
    }

    @Test
    void oddlyFormattedFieldsAreReadLeniently() {
        Hook end = last(sipuni.incomingAnswered(CALL, START, CLIENT, "201"))
                .with("event", " 2 ")
                .with("call_start_timestamp", START + ".0")
                .with("timestamp", Long.toString((START + 70) * 1000))
                .with("call_answer_timestamp", "")
                .with("last_called", "202&201")
                .with("src_num", " 79161234567 ")
                .with("dst_num", "070196201_id265648")
                .with("status", "answer");
        ParsedEvents<CallEvent> parsed = connector.parse(end.asGet(SECRET), ctx);
        CallEvent ended = parsed.events().get(0);
        assertThat(ended.phase()).isEqualTo(CallPhase.ENDED);
        assertThat(ended.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(ended.clientNumber()).isEqualTo("79161234567");
        assertThat(ended.answeredBy()).isEqualTo(new Employee("201", null, null));
        assertThat(ended.timing().startedAt()).isEqualTo(at(START));
        assertThat(ended.timing().endedAt()).isEqualTo(at(START + 70));
        assertThat(ended.timing().answeredAt()).isNull();
        assertThat(ended.timing().talk()).isNull();
        assertThat(ended.attributes()).containsEntry("sipuni_dst_id", "265648");
        assertThat(parsed.notes()).anyMatch(n -> n.contains("milliseconds"));
    }

    @Test
    void missingTypesAreInferredFromTheNumbersAndNoted() {
        Hook start = sipuni.incomingAnswered(CALL, START, CLIENT, "201").get(0)
                .with("src_type", null).with("dst_type", "");
        ParsedEvents<CallEvent> parsed = connector.parse(start.asGet(SECRET), ctx);
        assertThat(parsed.events().get(0).direction()).isEqualTo(CallDirection.INCOMING);
        assertThat(parsed.notes()).hasSize(2).allMatch(n -> n.contains("_type is missing"));
    }

    @Test
    void swappedTypeCodingIsCaughtByTheNumbersShape() {
        // Some libraries document 1 = internal, 2 = external; a relay built on them may send the swap.
        Hook start = sipuni.incomingAnswered(CALL, START, CLIENT, "201").get(0)
                .with("src_type", "2").with("dst_type", "1");
        ParsedEvents<CallEvent> parsed = connector.parse(start.asGet(SECRET), ctx);
        assertThat(parsed.events().get(0).direction()).isEqualTo(CallDirection.INCOMING);
        assertThat(parsed.notes()).anyMatch(n -> n.contains("contradicts"));
    }

    @Test
    void internalCall() {
        Hook start = sipuni.incomingAnswered(CALL, START, CLIENT, "201").get(0)
                .with("src_num", "070196202").with("short_src_num", "202").with("src_type", "2")
                .with("is_inner_call", "1");
        CallEvent event = connector.parse(start.asGet(SECRET), ctx).events().get(0);
        assertThat(event.direction()).isEqualTo(CallDirection.INTERNAL);
        assertThat(event.clientNumber()).isNull();
        assertThat(event.rang()).containsExactly(new Employee("201", null, null));
    }

    @Test
    void jsonBodiesAreAcceptedToo() {
        InboundRequest json = new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")),
                Map.of("token", List.of(SECRET)), ("{\"event\":\"3\",\"call_id\":\"" + CALL + "\",\"src_num\":\""
                + CLIENT + "\",\"src_type\":\"1\",\"dst_num\":\"070196201\",\"dst_type\":\"2\","
                + "\"short_dst_num\":\"201\",\"timestamp\":" + (START + 5) + "}").getBytes(StandardCharsets.UTF_8),
                Instant.EPOCH);
        connector.verify(json, ctx);
        CallEvent answered = connector.parse(json, ctx).events().get(0);
        assertThat(answered.phase()).isEqualTo(CallPhase.ANSWERED);
        assertThat(answered.timing().answeredAt()).isEqualTo(at(START + 5));
    }

    @Test
    void aFormPostedWithoutContentTypeIsStillRead() {
        Hook end = last(sipuni.outgoingNoAnswer(CALL, START, "201", CLIENT));
        InboundRequest bare = new InboundRequest("POST", Map.of(), Map.of("token", List.of(SECRET)),
                end.formBody().getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        connector.verify(bare, ctx);
        assertThat(connector.parse(bare, ctx).events().get(0).status()).isEqualTo(CallStatus.NO_ANSWER);
    }

    @Test
    void theTokenNeverReachesTheEvent() {
        Hook start = sipuni.incomingAnswered(CALL, START, CLIENT, "201").get(0);
        ParsedEvents<CallEvent> parsed = connector.parse(start.asGet(SECRET), ctx);
        assertThat(parsed.events().get(0).toString()).doesNotContain(SECRET);
        assertThat(parsed.notes()).noneMatch(n -> n.contains(SECRET));
    }

    @Test
    void roistatFieldsBecomeAttributes() {
        Hook start = sipuni.incomingAnswered(CALL, START, CLIENT, "201").get(0).with("roistat", "123456")
                .with("roistat_market", "google");
        CallEvent event = connector.parse(start.asGet(SECRET), ctx).events().get(0);
        assertThat(event.attributes()).containsEntry("roistat", "123456").containsEntry("roistat_market", "google");
    }

    @Test
    void aBrokenEscapeInAFormKeepsItsRawTextAndTheOtherFields() {
        // Before (#25), the pair with the stray % was dropped without a word.
        Hook end = last(sipuni.outgoingNoAnswer(CALL, START, "201", CLIENT));
        InboundRequest bare = new InboundRequest("POST", Map.of("Content-Type", List.of("text/plain")),
                Map.of("token", List.of(SECRET)), (end.formBody() + "&comment=100%&tag=%zz")
                .getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        SipuniParams params = SipuniParams.of(bare);
        assertThat(params.get("comment")).contains("100%");
        assertThat(params.get("tag")).contains("%zz");
        assertThat(connector.parse(bare, ctx).events().get(0).status()).isEqualTo(CallStatus.NO_ANSWER);
    }

    @Test
    void aTwiceEncodedRecordingLinkWithABrokenEscapeIsIgnoredNotAFailure() {
        // Threw IllegalArgumentException from parse before (#25): the event failed as a plugin malfunction.
        InboundRequest end = SipuniEvents.fromQueryString("event=2&call_id=1774372584.533596&src_num=070196201"
                + "&src_type=2&short_src_num=201&dst_num=998948867473&dst_type=1&status=ANSWER"
                + "&call_start_timestamp=1774372584&call_answer_timestamp=1774372594&timestamp=1774372602"
                + "&last_called=201&call_record_link=https%253A%252F%252Fsipuni.com%252Frecord%25zz", Instant.EPOCH);
        ParsedEvents<CallEvent> parsed = connector.parse(end, ctx);
        assertThat(parsed.events().get(0).recordingUrl()).isNull();
        assertThat(parsed.notes()).anyMatch(n -> n.contains("not an http(s) address"));
    }
}
