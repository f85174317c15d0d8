package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole tool against the throwaway server, for a fraction of a second per phase. */
class WebhookLoadTest {

    @ParameterizedTest
    @ValueSource(strings = {"raw", "jdk"})
    void interleavesPhasesAndReportsAValidRun(String client) throws Exception {
        try (ThrowawayServer server = ThrowawayServer.start(0, 8, 0.2, false, true)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Options o = Options.parse("--target=" + server.url("/hook"), "--noop=" + server.url("/noop"),
                    "--concurrency=4", "--duration=0.3", "--warmup=0.2", "--token=tok", "--run=t1", "--client=" + client);
            WebhookLoad.Report report = new WebhookLoad(o, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
            String out = bytes.toString(StandardCharsets.UTF_8);

            assertThat(report.valid()).as(out).isTrue();
            assertThat(report.phases()).extracting(WebhookLoad.Phase::name)
                    .containsExactly("warmup", "noop 1", "target 1", "noop 2", "target 2");
            long sent = report.phases().stream().mapToLong(WebhookLoad.Phase::requests).sum();
            assertThat(sent).isPositive();
            assertThat(server.hits.get("/hook").get() + server.hits.get("/noop").get()).isEqualTo(sent);
            assertThat(server.callIds).hasSize((int) sent).allMatch(id -> id.startsWith("bench-t1-"));
            assertThat(server.duplicateCallIds).hasValue(0);
            assertThat(server.tokens).containsExactly("tok");
            assertThat(report.json()).containsEntry("valid", true).containsEntry("concurrency", 4)
                    .containsEntry("client", client).containsEntry("calls", "each").containsEntry("callIds", sent)
                    .containsEntry("repeats", 0L)
                    .containsEntry("nonOk", 0L).containsEntry("errors", 0L).containsKeys("ratio", "targetP99Ms", "cores");
            assertThat((double) report.json().get("ratio")).isPositive();
            assertThat(out).contains("mean target", "ratio", "RESULT {\"tool\":\"webhook-load\"")
                    .doesNotContain("INVALID");
        }
    }

    @Test
    void wholeCallsShareTheirCallIds() throws Exception {
        try (ThrowawayServer server = ThrowawayServer.start(0, 4, 0, false, true)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Options o = Options.parse("--target=" + server.url("/hook"), "--concurrency=2", "--duration=0.3",
                    "--warmup=0.2", "--rounds=1", "--run=w1", "--calls=whole");
            WebhookLoad.Report report = new WebhookLoad(o, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
            String out = bytes.toString(StandardCharsets.UTF_8);

            assertThat(report.valid()).as(out).isTrue();
            long sent = report.phases().stream().mapToLong(WebhookLoad.Phase::requests).sum();
            assertThat(sent).as(out).isPositive();
            assertThat(server.callIds).allMatch(id -> id.matches("bench-w1-\\d+-[0-5]"));
            // requests 0, 1, … went out: the first call's events (4) share bench-w1-0-0, and so on
            assertThat(server.callIds.size() + server.duplicateCallIds.get()).isEqualTo(sent);
            assertThat(server.callIds).hasSize((int) new Payloads("w1", "POST", null, "whole").callIdsIn(sent));
            assertThat(report.json()).containsEntry("calls", "whole")
                    .containsEntry("callIds", (long) server.callIds.size()).containsKey("repeats");
            assertThat(out).contains("calls whole: call ids bench-w1-<cycle>-<scenario>", "\"calls\":\"whole\"");
        }
    }

    @Test
    void aSourceWithRequestsSendsExactlyThoseAndReportsEachAnswer() throws Exception {
        try (ThrowawayServer server = ThrowawayServer.start(0, 4, 0, false, true)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Options o = Options.parse("--target=" + server.url("/hook"), "--concurrency=3", "--duration=30",
                    "--warmup=0", "--rounds=2", "--run=s1", "--requests=25");
            long[] accepted = new long[25];
            Payloads sipuni = new Payloads("src", "POST", null);
            WebhookLoad.Source source = new WebhookLoad.Source() {
                @Override
                public Payloads.Request request(java.net.URI url, long n) {
                    return sipuni.request(url, n);
                }

                @Override
                public void accepted(long n, long nanoTime) {
                    accepted[(int) n] = nanoTime;
                }

                @Override
                public String describe() {
                    return "25 test requests";
                }
            };
            long started = System.nanoTime();
            WebhookLoad.Report report = new WebhookLoad(o, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    source).run();
            String out = bytes.toString(StandardCharsets.UTF_8);

            assertThat(report.valid()).as(out).isTrue();
            assertThat(report.phases()).as("all sent in the first phase: no second one").hasSize(1);
            assertThat(report.phases().get(0).ok()).isEqualTo(25);
            assertThat(report.phases().get(0).seconds()).as("ends with the last answer, not the duration")
                    .isLessThan(20);
            assertThat(server.callIds).hasSize(25).allMatch(id -> id.startsWith("bench-src-"));
            assertThat(java.util.Arrays.stream(accepted).allMatch(t -> t >= started)).as("every answer stamped").isTrue();
            assertThat(report.json()).containsEntry("requestsSent", 25L);
            assertThat(out).contains("25 test requests, 25 requests in all");
        }
    }

    @Test
    void aNon2xxMakesTheRunInvalidAndStopsIt() throws Exception {
        try (ThrowawayServer server = ThrowawayServer.start(0, 4, 0, false, false)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Options o = Options.parse("--target=" + server.url("/fail"), "--noop=" + server.url("/noop"),
                    "--method=GET", "--concurrency=2", "--duration=0.2", "--warmup=0.2");
            WebhookLoad.Report report = new WebhookLoad(o, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
            String out = bytes.toString(StandardCharsets.UTF_8);

            assertThat(report.valid()).isFalse();
            assertThat(report.phases()).hasSize(1); // the warm-up had no 2xx: no point going on
            assertThat(out).contains("INVALID RUN", "{503=", "first problem: 503 unavailable", "\"valid\":false",
                    "\"nonOkByStatus\":{\"503\":");
        }
    }
}
