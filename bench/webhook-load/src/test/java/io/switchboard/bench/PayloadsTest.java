package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final URI HOOK = URI.create("http://127.0.0.1:1/hooks/pub/tok");

    @Test
    void eachRequestIsASipuniEventWithItsOwnCallId() {
        Payloads p = new Payloads("r1", "POST", null);
        assertThat(p.kinds()).isEqualTo(22);
        Set<String> events = new HashSet<>();
        for (long n = 0; n < 44; n++) {
            var params = SipuniEvents.fromQueryString(p.eventOf(n), java.time.Instant.EPOCH).query();
            assertThat(params.get("call_id")).containsExactly("bench-r1-" + n);
            assertThat(params.get("user_id")).containsExactly(Payloads.ACCOUNT);
            events.add(params.get("event").get(0));
            if (params.containsKey("call_record_link")) {
                assertThat(params.get("call_record_link").get(0)).contains("id=bench-r1-" + n + "&hash=");
            }
        }
        assertThat(events).containsExactlyInAnyOrder("1", "2", "3", "4");
        // the cycle follows the scenarios' sending order: the first call rings twice, is answered, ends
        List<String> first = List.of(p.eventOf(0), p.eventOf(1), p.eventOf(2), p.eventOf(3));
        assertThat(first.get(0)).contains("src_num=79000000007");
        assertThat(first.get(1)).contains("src_num=79000000017");
        assertThat(first).as("a client number of its own per request").allSatisfy(
                e -> assertThat(e).doesNotContain("7916123456"));
        assertThat(first.get(2)).startsWith("event=3&");
        assertThat(first.get(3)).startsWith("event=2&").contains("status=ANSWER");
    }

    @Test
    void eachIsTheDefaultAndGivesEveryRequestACallIdAndNumberOfItsOwn() {
        Payloads each = new Payloads("r1", "POST", null, "each");
        assertThat(each.calls()).isEqualTo("each");
        assertThat(new Payloads("r1", "POST", null).calls()).isEqualTo("each");
        assertThat(each.callIdsIn(0)).isZero();
        assertThat(each.callIdsIn(45)).isEqualTo(45);
        assertThat(each.repeatsIn(45)).as("every request a call of its own: nothing repeats").isZero();
        for (long n : new long[] {0, 1, 21, 22, 23, 1_000_003}) {
            String event = each.eventOf(n);
            assertThat(each.callId(n)).isEqualTo("bench-r1-" + n);
            assertThat(param(event, "call_id")).isEqualTo("bench-r1-" + n);
        }
        // the number follows n, not the call: the first call's events have different client numbers
        assertThat(param(each.eventOf(0), "src_num")).isEqualTo("79000000007");
        assertThat(param(each.eventOf(3), "src_num")).isEqualTo("79000000037");
        assertThat(param(each.eventOf(22), "src_num")).isEqualTo("79000000227");
        // as before: the transferred scenario's 79161234570 does not start with the replaced prefix
        assertThat(param(each.eventOf(11), "src_num")).isEqualTo("79161234570");
        assertThat(param(each.eventOf(33), "src_num")).isEqualTo("79161234570");
    }

    @Test
    void wholeGivesTheEventsOfOneCallOneCallIdAndOneNumber() {
        Payloads p = new Payloads("r1", "POST", null, "whole");
        assertThat(p.calls()).isEqualTo("whole");
        assertThat(p.kinds()).isEqualTo(22);
        // scenario of each of the 22 events: 4 answered, 5 missed, 2 busy, 6 transferred, 3 + 2 outgoing
        int[] sizes = {4, 5, 2, 6, 3, 2};
        Map<String, List<Map<String, List<String>>>> byCall = new LinkedHashMap<>();
        for (long n = 0; n < 3 * 22; n++) {
            var params = SipuniEvents.fromQueryString(p.eventOf(n), java.time.Instant.EPOCH).query();
            String id = params.get("call_id").get(0);
            assertThat(p.callId(n)).isEqualTo(id);
            if (params.containsKey("call_record_link")) {
                assertThat(params.get("call_record_link").get(0)).contains("id=" + id + "&hash=");
            }
            byCall.computeIfAbsent(id, k -> new ArrayList<>()).add(params);
        }
        assertThat(byCall).hasSize(3 * 6);
        Set<String> clients = new HashSet<>();
        for (int cycle = 0; cycle < 3; cycle++) {
            for (int s = 0; s < 6; s++) {
                List<Map<String, List<String>>> call = byCall.get("bench-r1-" + cycle + "-" + s);
                assertThat(call).as("cycle %d scenario %d", cycle, s).hasSize(sizes[s]);
                // the client is the caller of an incoming call (0-3), the callee of an outgoing one (4, 5)
                String side = s < 4 ? "src_num" : "dst_num";
                Set<String> numbers = new HashSet<>();
                call.forEach(e -> numbers.add(e.get(side).get(0)));
                assertThat(numbers).as("one client number per call").hasSize(1);
                String number = numbers.iterator().next();
                assertThat(number).startsWith(String.format("79%08d", s < 4 ? cycle : cycle + 50_000_000))
                        .hasSize(11);
                assertThat(clients.add(number)).as("a number of its own per call: " + number).isTrue();
                assertThat(call.get(call.size() - 1).get("event")).as("a call ends with event 2").containsExactly("2");
            }
        }
        assertThat(p.callIdsIn(0)).isZero();
        assertThat(p.callIdsIn(1)).isEqualTo(1);
        assertThat(p.callIdsIn(4)).isEqualTo(1);
        assertThat(p.callIdsIn(5)).isEqualTo(2);
        assertThat(p.callIdsIn(22)).isEqualTo(6);
        assertThat(p.callIdsIn(23)).isEqualTo(7);
        assertThat(p.callIdsIn(66)).isEqualTo(byCall.size());
        // Sipuni's event 1 sent twice (answered call: request 1; missed call, first extension: request 5), which
        // the platform's dedup (call id + event 1 + leg) acknowledges and stores once
        assertThat(normalized(p.eventOf(1), p.callId(1))).isEqualTo(normalized(p.eventOf(0), p.callId(0)));
        assertThat(normalized(p.eventOf(5), p.callId(5))).isEqualTo(normalized(p.eventOf(4), p.callId(4)));
        assertThat(p.eventOf(5)).isNotEqualTo(p.eventOf(4));
        assertThat(new long[] {p.repeatsIn(0), p.repeatsIn(1), p.repeatsIn(2), p.repeatsIn(5), p.repeatsIn(6),
                p.repeatsIn(22), p.repeatsIn(24), p.repeatsIn(66)}).containsExactly(0, 0, 1, 1, 2, 2, 3, 6);
        assertThat(p.eventOf(22 * 1_000_000L + 3)).contains("call_id=bench-r1-1000000-0&")
                .contains("src_num=79010000007&");

        // the same events as the each way, only the call id and the client number differ
        Payloads each = new Payloads("r1", "POST", null, "each");
        for (long n = 0; n < 22; n++) {
            assertThat(normalized(p.eventOf(n), p.callId(n))).isEqualTo(normalized(each.eventOf(n), each.callId(n)));
        }
    }

    @Test
    void numbersFromShiftsTheClientNumbersAndNothingElse() {
        Payloads whole = new Payloads("r1", "POST", null, "whole", 5_000_000);
        assertThat(whole.eventOf(22 * 1_000L + 3)).contains("call_id=bench-r1-1000-0&").contains("src_num=79050010007&");
        Payloads each = new Payloads("r1", "POST", null, "each", 5_000_000);
        Payloads plain = new Payloads("r1", "POST", null, "each");
        assertThat(param(each.eventOf(0), "src_num")).isNotEqualTo(param(plain.eventOf(0), "src_num"));
        assertThat(normalized(each.eventOf(0), each.callId(0))).isEqualTo(normalized(plain.eventOf(0), plain.callId(0)));
    }

    /** @return the event without its call id, timestamps (made at construction) and client numbers' first 10 digits */
    private static String normalized(String event, String callId) {
        return event.replace(callId, "ID").replaceAll("timestamp=\\d+", "timestamp=T").replaceAll("79\\d{8}(\\d)", "N$1");
    }

    private static String param(String form, String name) {
        List<String> values = SipuniEvents.fromQueryString(form, java.time.Instant.EPOCH).query().get(name);
        assertThat(values).as(name).hasSize(1);
        return values.get(0);
    }

    @Test
    void postSendsAFormBodyWithTheTokenInTheQuery() {
        Payloads p = new Payloads("r1", "POST", "se cret");
        Payloads.Request req = p.request(HOOK, 5);
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.uri()).isEqualTo(URI.create(HOOK + "?token=se+cret"));
        assertThat(req.form()).isEqualTo(p.eventOf(5)).doesNotContain("token");

        HttpRequest jdk = JdkSender.toHttpRequest(req, Duration.ofSeconds(1));
        assertThat(jdk.method()).isEqualTo("POST");
        assertThat(jdk.uri()).isEqualTo(req.uri());
        assertThat(jdk.headers().firstValue("Content-Type")).hasValue("application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(body(jdk)).isEqualTo(req.form());

        byte[] form = req.form().getBytes(StandardCharsets.UTF_8);
        assertThat(new String(RawSender.encode(req), StandardCharsets.UTF_8)).isEqualTo(
                "POST /hooks/pub/tok?token=se+cret HTTP/1.1\r\nHost: 127.0.0.1:1\r\n"
                + "User-Agent: switchboard-webhook-load\r\nAccept: */*\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\nContent-Length: " + form.length
                + "\r\n\r\n" + req.form());
    }

    @Test
    void getSendsEverythingInTheQuery() {
        Payloads p = new Payloads("r1", "GET", "t");
        Payloads.Request r = p.request(URI.create("http://h/hook?x=1"), 7);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.form()).isNull();
        assertThat(r.uri().getRawQuery()).isEqualTo("x=1&token=t&" + p.eventOf(7));
        assertThat(new String(RawSender.encode(r), StandardCharsets.UTF_8)).isEqualTo("GET /hook?x=1&token=t&"
                + p.eventOf(7) + " HTTP/1.1\r\nHost: h\r\nUser-Agent: switchboard-webhook-load\r\nAccept: */*\r\n\r\n");
        assertThat(JdkSender.toHttpRequest(r, Duration.ofSeconds(1)).method()).isEqualTo("GET");
        assertThat(new Payloads("r1", "GET", null).request(HOOK, 7).uri().getRawQuery())
                .isEqualTo(p.eventOf(7));
        assertThat(Payloads.withQuery(URI.create("http://h/p?"), "a=b")).isEqualTo(URI.create("http://h/p?a=b"));
    }

    private static String body(HttpRequest r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        r.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(ByteBuffer b) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                bytes.writeBytes(a);
            }

            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
