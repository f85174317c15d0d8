package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testkit.fakes.sipuni.SipuniEvents;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
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
