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
        Payloads p = new Payloads("r1", "POST", null, Duration.ofSeconds(1));
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
        assertThat(first).allSatisfy(e -> assertThat(e).contains("src_num=79161234567"));
        assertThat(first.get(2)).startsWith("event=3&");
        assertThat(first.get(3)).startsWith("event=2&").contains("status=ANSWER");
    }

    @Test
    void postSendsAFormBodyWithTheTokenInTheQuery() {
        Payloads p = new Payloads("r1", "POST", "se cret", Duration.ofSeconds(1));
        HttpRequest r = p.request(HOOK, 5);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo(URI.create(HOOK + "?token=se+cret"));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(body(r)).isEqualTo(p.eventOf(5)).doesNotContain("token");
    }

    @Test
    void getSendsEverythingInTheQuery() {
        Payloads p = new Payloads("r1", "GET", "t", Duration.ofSeconds(1));
        HttpRequest r = p.request(URI.create("http://h/hook?x=1"), 7);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.uri().getRawQuery()).isEqualTo("x=1&token=t&" + p.eventOf(7));
        assertThat(new Payloads("r1", "GET", null, Duration.ofSeconds(1)).request(HOOK, 7).uri().getRawQuery())
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
