package io.switchboard.plugins.website.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testkit.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The site receiver checks signatures as the Standard Webhooks spec says, drops repeats and fails on demand. */
class SiteReceiverTest {

    /** The Standard Webhooks reference vector (the spec's libraries all reproduce it). */
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIME = 1614265330L;
    private static final String VECTOR_BODY = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String PLAIN_SECRET = "a-plain-signing-secret-of-40-characters!";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final TestClock clock = TestClock.at("2024-05-02T10:00:00Z");
    private SiteReceiver site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private HttpResponse<String> post(String id, long timestamp, String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site.url()))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (id != null) {
            request.header("webhook-id", id);
        }
        request.header("webhook-timestamp", Long.toString(timestamp));
        if (signature != null) {
            request.header("webhook-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(byte[] key, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private HttpResponse<String> postSigned(String id, String body) throws Exception {
        return post(id, now(), sign(PLAIN_SECRET.getBytes(StandardCharsets.UTF_8), id, now(), body), body);
    }

    @Test
    void acceptsTheSpecsReferenceVector() throws Exception {
        site = new SiteReceiver(VECTOR_SECRET, TestClock.at(java.time.Instant.ofEpochSecond(VECTOR_TIME + 10)));
        assertThat(post(VECTOR_ID, VECTOR_TIME, VECTOR_SIGNATURE, VECTOR_BODY).statusCode()).isEqualTo(200);
        assertThat(site.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(VECTOR_ID);
            assertThat(d.body()).isEqualTo(VECTOR_BODY);
            assertThat(d.json().path("test").asLong()).isEqualTo(2432232314L);
        });
        // One valid signature among several (key rotation) is enough; other versions are skipped.
        assertThat(post("msg_2", VECTOR_TIME, "v1a,AAAA v1,bm9wZQ== " + sign(Base64.getDecoder().decode(
                VECTOR_SECRET.substring(6)), "msg_2", VECTOR_TIME, VECTOR_BODY), VECTOR_BODY).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPlainSecretIsUsedAsItsUtf8Bytes() throws Exception {
        site = new SiteReceiver(PLAIN_SECRET, clock);
        assertThat(postSigned("sb-comment-1", "{\"type\":\"ping\"}").statusCode()).isEqualTo(200);
        assertThat(site.deliveries()).extracting(SiteReceiver.Delivery::type).containsExactly("ping");
    }

    @Test
    void refusesTamperedBodiesWrongSecretsStaleTimestampsAndMissingHeaders() throws Exception {
        site = new SiteReceiver(PLAIN_SECRET, clock);
        byte[] key = PLAIN_SECRET.getBytes(StandardCharsets.UTF_8);
        String body = "{\"type\":\"message.created\",\"thread\":\"T-1\"}";
        String good = sign(key, "m1", now(), body);
        assertThat(post("m1", now(), good, body.replace("T-1", "T-2")).statusCode()).isEqualTo(401);
        assertThat(post("m1", now(), sign("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8), "m1",
                now(), body), body).statusCode()).isEqualTo(401);
        assertThat(post("m2", now(), good, body).statusCode()).as("signature of another id").isEqualTo(401);
        long stale = now() - 301;
        assertThat(post("m1", stale, sign(key, "m1", stale, body), body).statusCode()).isEqualTo(401);
        long future = now() + 301;
        assertThat(post("m1", future, sign(key, "m1", future, body), body).statusCode()).isEqualTo(401);
        long edge = now() - 300;
        assertThat(post("m3", edge, sign(key, "m3", edge, body), body).statusCode()).isEqualTo(200);
        assertThat(post(null, now(), good, body).statusCode()).isEqualTo(401);
        assertThat(post("m1", now(), null, body).statusCode()).isEqualTo(401);
        assertThat(post("m.1", now(), sign(key, "m.1", now(), body), body).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = post("m1", now(), "v1,bm9wZQ==", body);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("no v1 signature matches");
        assertThat(site.refusals()).hasSize(9);
        assertThat(site.deliveries()).extracting(SiteReceiver.Delivery::id).containsExactly("m3");
        assertThat(post("m1", now(), good, body).statusCode()).isEqualTo(200);
    }

    @Test
    void dropsRepeatsByIdAndKeepsTheOrder() throws Exception {
        site = new SiteReceiver(PLAIN_SECRET, clock);
        for (String id : new String[] {"a", "b", "a", "c", "b"}) {
            assertThat(postSigned(id, "{\"type\":\"message.created\",\"message\":{\"text\":\"" + id + "\"}}")
                    .statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(site.messages()).extracting(SiteReceiver.Delivery::text).containsExactly("a", "b", "c");
        assertThat(site.repeats()).isEqualTo(2);
        assertThat(site.attempts()).isEqualTo(5);
    }

    @Test
    void failsOnDemandWithoutRecording() throws Exception {
        site = new SiteReceiver(PLAIN_SECRET, clock);
        site.failNext(503, 2, 7);
        HttpResponse<String> first = postSigned("x", "{}");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("7");
        assertThat(postSigned("x", "{}").statusCode()).isEqualTo(503);
        assertThat(site.deliveries()).isEmpty();
        assertThat(postSigned("x", "{}").statusCode()).isEqualTo(200);
        assertThat(site.deliveries()).hasSize(1);
    }

    @Test
    void goesDownAndComesBackOnTheSamePort() throws Exception {
        site = new SiteReceiver(PLAIN_SECRET, clock);
        String url = site.url();
        site.downFor(Duration.ofMillis(300));
        assertThatThrownBy(() -> postSigned("y", "{}")).as("connection refused while down")
                .isInstanceOf(IOException.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            try {
                status = postSigned("y", "{}").statusCode();
            } catch (IOException stillDown) {
                Thread.sleep(50);
            }
        }
        assertThat(status).isEqualTo(200);
        assertThat(site.url()).isEqualTo(url);
        site.downFor(Duration.ofMinutes(10));
        site.up();
        assertThat(postSigned("z", "{}").statusCode()).isEqualTo(200);
        assertThat(site.deliveries()).extracting(SiteReceiver.Delivery::id).containsExactly("y", "z");
    }

    @Test
    void answersOnlyItsPathAndPost() throws Exception {
        site = new SiteReceiver(PLAIN_SECRET, clock);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(site.url())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(site.url() + "x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }
}
