package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.FieldType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What every connector must satisfy, as JUnit 5 / AssertJ assertions for the plugin's own tests. The structural
 * checks are the ones the platform's loader applies (a plugin failing them is refused at start), so a plugin
 * author learns of them in {@code mvn test} instead of at deployment:
 *
 * <pre>{@code
 * @Test
 * void satisfiesTheConnectorContract() {
 *     ConnectorContract.assertAll(new AcmeConnector(), url -> Map.of("api_token", "x", "base_url", url));
 * }
 * }</pre>
 */
public final class ConnectorContract {

    /** The id pattern of the platform's loader: lower-case letters, digits and dashes, up to 64 characters. */
    public static final String ID_PATTERN = "[a-z][a-z0-9-]{0,63}";

    private ConnectorContract() {
    }

    /**
     * Runs {@link #assertWellFormed} and {@link #assertCheckFailsPolitelyWhenUnreachable}.
     *
     * @param configForUrl the connection settings pointing the connector at the given vendor base URL
     */
    public static void assertAll(Connector connector, Function<String, Map<String, ?>> configForUrl) {
        assertWellFormed(connector);
        assertCheckFailsPolitelyWhenUnreachable(connector, configForUrl);
    }

    /**
     * Descriptor non-null and constant, id matching {@link #ID_PATTERN}, kind matching the interface implemented
     * (TelephonyConnector → TELEPHONY, HelpdeskConnector → HELPDESK, ChannelConnector → CHANNEL), a config
     * schema without errors, and the {@code @org.pf4j.Extension} annotation (without it PF4J never finds the class).
     */
    public static void assertWellFormed(Connector connector) {
        String name = connector.getClass().getName();
        ConnectorDescriptor descriptor = connector.descriptor();
        assertThat(descriptor).as("%s.descriptor()", name).isNotNull();
        assertThat(descriptor.id()).as("connector id of %s", name).matches(ID_PATTERN);
        assertThat(ConnectorKind.implementedBy(connector))
                .as("kind interface implemented by %s (descriptor says %s)", name, descriptor.kind())
                .contains(descriptor.kind());
        assertThat(descriptor.configSchema().errors()).as("config schema errors of %s", name).isEmpty();
        assertThat(connector.getClass().isAnnotationPresent(org.pf4j.Extension.class))
                .as("%s is annotated with @org.pf4j.Extension", name).isTrue();
        // The platform calls descriptor() once and caches it; a descriptor that changes would be silently ignored.
        assertThat(connector.descriptor()).as("descriptor() of %s returns a constant", name).isEqualTo(descriptor);
    }

    /**
     * {@code check()} against a vendor that cannot be reached (a closed port on 127.0.0.1) returns a failed result
     * with a message, instead of throwing, and the message contains none of the configured secret values.
     *
     * @param configForUrl the connection settings pointing the connector at the given vendor base URL (ending
     *                     in {@code /})
     */
    public static void assertCheckFailsPolitelyWhenUnreachable(Connector connector,
                                                                Function<String, Map<String, ?>> configForUrl) {
        Map<String, ?> config = configForUrl.apply("http://127.0.0.1:" + closedPort() + "/");
        TestConnectorContext context = TestConnectorContext.with(config);
        AtomicReference<CheckResult> result = new AtomicReference<>();
        assertThatCode(() -> result.set(connector.check(context)))
                .as("check() against an unreachable vendor returns a failed result instead of throwing")
                .doesNotThrowAnyException();
        assertThat(result.get()).as("check() result").isNotNull();
        assertThat(result.get().ok()).as("check() against an unreachable vendor is ok").isFalse();
        assertThat(result.get().message()).as("check() message").isNotBlank();
        connector.descriptor().configSchema().fields().stream()
                .filter(field -> field.type() == FieldType.SECRET)
                .map(ConfigField::key)
                .map(config::get)
                .filter(value -> value != null && !value.toString().isBlank())
                .forEach(secret -> assertThat(result.get().message())
                        .as("check() message must not contain a secret setting").doesNotContain(secret.toString()));
    }

    /** A loopback port nothing listens on: bound, then released, so connecting to it is refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
