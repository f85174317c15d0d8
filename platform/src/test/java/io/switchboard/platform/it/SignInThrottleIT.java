package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.platform.it.ApiClient.TenantAdmin;
import io.switchboard.platform.it.RawHttp.Answer;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in limits on the real platform (#25 item 5): an account with too many failed attempts is refused, even with
 * the right password, by the API (429, {@code Retry-After}, JSON) and by the login form (the message, status 429)
 * until the wait is over, while other accounts are not; a source address with too many failed attempts across many
 * e-mails is refused while other sources are not.
 *
 * <p>Every integration test comes from the same address. So each test here acts as a source address of its own
 * through {@code X-Forwarded-For}, sent over 127.0.0.1, from which the test platform honours it
 * ({@code switchboard.http.trusted-proxies}, platform/pom.xml). The test platform allows the default 5 failed
 * attempts per account and 20 per source, but refills faster for accounts (one attempt every 10 s instead of 60 s, so
 * the wait can be sat out) and slower for sources (20 per 10 minutes instead of per minute, so that a refusal surely
 * lasts long enough to try other requests within it).
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class SignInThrottleIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration ACCOUNT_REFILL = Duration.ofSeconds(10);
    private static final Duration SOURCE_REFILL = Duration.ofSeconds(30);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @Test
    void theApiRefusesAnAccountWithTooManyFailedAttemptsUntilTheWaitIsOver() throws Exception {
        TenantAdmin tenant = ApiClient.newTenant(base, "throttle-api", PASSWORD);
        String victim = newUser(tenant, "victim");
        String bystander = newUser(tenant, "bystander");
        RawHttp from = viaLoopback().withHeader("X-Forwarded-For", "198.51.100.11");

        List<Integer> before = new ArrayList<>();
        Answer refused = untilThrottled(() -> token(from, victim, "wrong password"), before);
        assertThat(before).as("failed attempts before the limit").hasSizeBetween(5, 9).containsOnly(401);
        assertThat(refused.header("content-type")).startsWith("application/json");
        JsonNode body = ApiClient.JSON.readTree(refused.body());
        assertThat(body.path("status").asInt()).isEqualTo(429);
        assertThat(body.path("message").asText()).matches("Too many sign-in attempts; try again in \\d+ s");
        long retryAfter = Long.parseLong(refused.header("retry-after"));
        assertThat(retryAfter).isBetween(3L, ACCOUNT_REFILL.toSeconds());

        Instant refusedAt = Instant.now();
        Answer right = token(from, victim, PASSWORD);
        assertThat(right.status()).as("the right password, too, waits: " + right).isEqualTo(429);
        assertThat(token(from, bystander, PASSWORD).status()).as("another account is not affected").isEqualTo(201);
        assertThat(token(from, bystander, "wrong password").status()).isEqualTo(401);

        Answer in = poll(() -> token(from, victim, PASSWORD), a -> a.status() != 429,
                Duration.ofSeconds(retryAfter).plusSeconds(30));
        assertThat(in.status()).as(in.toString()).isEqualTo(201);
        assertThat(Duration.between(refusedAt, Instant.now())).as("not before the wait was over")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfter - 1));
        for (int i = 0; i < 4; i++) {
            assertThat(token(from, victim, "wrong password").status()).as("success reset the count").isEqualTo(401);
        }
    }

    @Test
    void theLoginFormRefusesAnAccountWithTooManyFailedAttemptsWithoutCheckingThePassword() throws Exception {
        TenantAdmin tenant = ApiClient.newTenant(base, "throttle-form", PASSWORD);
        String victim = newUser(tenant, "victim");
        RawHttp browser = viaLoopback().withHeader("X-Forwarded-For", "198.51.100.12");

        List<Integer> before = new ArrayList<>();
        Answer refused = untilThrottled(() -> browser.submitLogin(victim, "wrong password"), before);
        assertThat(before).hasSizeBetween(5, 9).containsOnly(200);
        assertThat(refused.body()).containsPattern("Too many sign-in attempts; try again in \\d+ s")
                .doesNotContain("Wrong e-mail or password");
        long retryAfter = Long.parseLong(refused.header("retry-after"));
        assertThat(retryAfter).isBetween(3L, ACCOUNT_REFILL.toSeconds());

        Answer right = browser.submitLogin(victim, PASSWORD);
        assertThat(right.status()).as("the right password is refused too: " + right).isEqualTo(429);
        assertThat(right.body()).contains("Too many sign-in attempts");
        assertThat(token(browser, victim, PASSWORD).status()).as("the API counts the same account").isEqualTo(429);
        assertThat(viaLoopback().withHeader("X-Forwarded-For", "198.51.100.13").submitLogin(tenant.email(),
                PASSWORD).status()).as("another account signs in").isEqualTo(302);

        Answer in = poll(() -> browser.submitLogin(victim, PASSWORD), a -> a.status() != 429,
                Duration.ofSeconds(retryAfter).plusSeconds(30));
        assertThat(in.status()).as(in.toString()).isEqualTo(302);
    }

    @Test
    void aSourceWithTooManyFailedAttemptsAcrossEmailsIsRefusedAndOtherSourcesAreNot() throws Exception {
        TenantAdmin tenant = ApiClient.newTenant(base, "throttle-source", PASSWORD);
        RawHttp attacker = viaLoopback().withHeader("X-Forwarded-For", "203.0.113.21");
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<Integer> before = new ArrayList<>();
        int[] n = {0};
        Answer refused = untilThrottled(() -> token(attacker, "guess-" + run + "-" + n[0]++ + "@nowhere.test",
                "password"), before);
        // 20 per 10 minutes here, refilled evenly (one every 30 s): maybe one more gets through meanwhile.
        assertThat(before).hasSizeBetween(20, 22).containsOnly(401);
        assertThat(ApiClient.JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(3L, SOURCE_REFILL.toSeconds());

        Answer realAccount = token(attacker, tenant.email(), PASSWORD);
        assertThat(realAccount.status()).as("a real account from that source waits too").isEqualTo(429);
        Answer form = attacker.submitLogin("guess-" + run + "-form@nowhere.test", "password");
        assertThat(form.status()).isEqualTo(429);
        assertThat(form.body()).contains("Too many sign-in attempts");

        RawHttp elsewhere = viaLoopback().withHeader("X-Forwarded-For", "203.0.113.22");
        assertThat(token(elsewhere, "guess-" + run + "-x@nowhere.test", "password").status())
                .as("another source is checked").isEqualTo(401);
        assertThat(token(viaLoopback(), tenant.email(), PASSWORD).status()).as("loopback itself").isEqualTo(201);
        // An address this platform does not trust as a proxy cannot choose its source: it stays that source.
        assertThat(token(attacker.withHeader("X-Forwarded-For", "203.0.113.23, 203.0.113.21"), tenant.email(),
                PASSWORD).status()).as("only the nearest hop counts").isEqualTo(429);
    }

    /**
     * A client that connects to 127.0.0.1, the proxy address the test platform trusts. The deployment's own URL may
     * name the machine's external address, which is not trusted, so its X-Forwarded-For would be ignored.
     */
    private RawHttp viaLoopback() {
        try {
            return new RawHttp(new URL("http", "127.0.0.1", base.getPort(), "/"));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newUser(TenantAdmin tenant, String name) {
        String email = name + "@" + tenant.slug() + ".test";
        ApiClient.Answer created = tenant.api().post("/api/v1/users", ApiClient.JSON.createObjectNode()
                .put("email", email).put("displayName", name).put("password", PASSWORD).put("role", "OPERATOR"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    private static Answer token(RawHttp from, String email, String password) {
        try {
            return from.postJson("/api/v1/tokens", ApiClient.JSON.writeValueAsString(ApiClient.JSON.createObjectNode()
                    .put("email", email).put("password", password).put("name", "throttle-it")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes attempts until one is answered 429 with a wait of at least 3 s, so that the next few requests certainly
     * fall within it; after a shorter wait it waits as told and goes on. The statuses before the first 429 go to
     * {@code before}. At most 60 attempts.
     */
    private static Answer untilThrottled(Supplier<Answer> attempt, List<Integer> before) throws InterruptedException {
        boolean refused = false;
        for (int i = 0; i < 60; i++) {
            Answer answer = attempt.get();
            if (answer.status() != 429) {
                if (!refused) {
                    before.add(answer.status());
                }
                continue;
            }
            refused = true;
            assertThat(answer.header("retry-after")).as("Retry-After on " + answer).matches("\\d+");
            long wait = Long.parseLong(answer.header("retry-after"));
            if (wait >= 3) {
                return answer;
            }
            Thread.sleep(wait * 1000);
        }
        throw new AssertionError("never throttled for long: " + before);
    }

    /** Repeats the call (twice a second) until its answer passes the test, or fails when the deadline passes. */
    private static Answer poll(Supplier<Answer> call, Predicate<Answer> done, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Answer last = call.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still " + last + " after " + within);
            }
            Thread.sleep(500);
            last = call.get();
        }
        return last;
    }
}
