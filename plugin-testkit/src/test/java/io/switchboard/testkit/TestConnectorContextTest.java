package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestConnectorContextTest {

    @Test
    void configValuesAreTypedAsGiven() {
        TestConnectorContext context = TestConnectorContext.builder()
                .config(Map.of("api_token", "T0K3N", "channel_id", 1201L))
                .set("verbose", true)
                .set("channel_id", null)
                .build();

        assertThat(context.config().requireText("api_token")).isEqualTo("T0K3N");
        assertThat(context.config().bool("verbose")).isTrue();
        assertThat(context.config().number("channel_id")).isEmpty();
    }

    @Test
    void clockStandsStillUntilMoved() {
        TestConnectorContext context = TestConnectorContext.with(Map.of());

        assertThat(context.clock().instant()).isEqualTo(TestConnectorContext.DEFAULT_NOW);
        context.testClock().advance(Duration.ofMinutes(5));
        assertThat(context.clock().instant()).isEqualTo(Instant.parse("2024-05-02T10:05:00Z"));
        // A zoned copy shares the instant, so code that calls withZone sees the test's time too.
        Clock moscow = context.clock().withZone(ZoneId.of("Europe/Moscow"));
        context.testClock().set(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(moscow.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void anotherClockCanBeGivenButIsNotATestClock() {
        Clock fixed = Clock.fixed(Instant.EPOCH, ZoneId.of("UTC"));
        TestConnectorContext context = TestConnectorContext.builder().clock(fixed).build();

        assertThat(context.clock()).isSameAs(fixed);
        assertThatThrownBy(context::testClock).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void storeKeepsValuesPerContextWithinTheDocumentedSize() {
        TestConnectorContext context = TestConnectorContext.with(Map.of());
        context.store().put("field.segment", "54");

        assertThat(context.store().get("field.segment")).contains("54");
        assertThat(context.storedValues()).containsExactly(Map.entry("field.segment", "54"));
        assertThat(TestConnectorContext.with(Map.of()).store().get("field.segment")).isEmpty();

        context.store().remove("field.segment");
        assertThat(context.store().get("field.segment")).isEmpty();
        assertThatThrownBy(() -> context.store().put("big", "x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    }

    @Test
    void loggerRecordsWhatTheConnectorLogs() {
        TestConnectorContext context = TestConnectorContext.with(Map.of());
        context.log().log(System.Logger.Level.INFO, "created ticket {0} for {1}", 42, "Ivan");
        context.log().log(System.Logger.Level.DEBUG, "plain {} text");

        assertThat(context.logger().lines()).extracting(RecordingLogger.Line::message)
                .containsExactly("created ticket 42 for Ivan", "plain {} text");
        assertThat(context.connection().connectionId()).isEqualTo("test-connection");
    }

    @Test
    void httpIsTheRealJdkClientReportingUnreachableAsTransient() {
        TestConnectorContext context = TestConnectorContext.with(Map.of());
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        assertThatThrownBy(() -> context.http().send(VendorRequest.get(URI.create("http://127.0.0.1:1/"))))
                .isInstanceOf(TransientVendorException.class);
    }
}
