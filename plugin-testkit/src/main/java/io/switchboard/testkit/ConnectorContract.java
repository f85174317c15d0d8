package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * What every connector must satisfy before the platform accepts it, as assertions for the plugin's own tests:
 *
 * <pre>{@code
 * ConnectorContract.assertWellFormed(new AcmeConnector());
 * ConnectorContract.assertCheckFailsPolitelyWhenUnreachable(new AcmeConnector(),
 *         url -> Map.of("api_token", "x", "base_url", url));
 * }</pre>
 */
public final class ConnectorContract {

    private ConnectorContract() {
    }

    /** Descriptor, id, kind and schema as the platform's loader checks them, plus the {@code @Extension} marker. */
    public static void assertWellFormed(Connector connector) {
        ConnectorDescriptor descriptor = connector.descriptor();
        assertThat(descriptor).as("descriptor()").isNotNull();
        assertThat(descriptor.id()).as("connector id").matches("[a-z][a-z0-9-]{0,63}");
        assertThat(ConnectorKind.implementedBy(connector)).as("kind interface implemented by %s",
                connector.getClass().getName()).contains(descriptor.kind());
        assertThat(descriptor.configSchema().errors()).as("config schema errors").isEmpty();
        assertThat(connector.getClass().isAnnotationPresent(org.pf4j.Extension.class))
                .as("%s is annotated with @org.pf4j.Extension", connector.getClass().getName()).isTrue();
        assertThat(connector.descriptor()).as("descriptor() is constant").isEqualTo(descriptor);
    }

    /**
     * {@code check()} against a vendor that cannot be reached returns a failed result with a message, instead of
     * throwing.
     *
     * @param configForUrl the connection settings pointing the connector at the given base URL
     */
    public static void assertCheckFailsPolitelyWhenUnreachable(Connector connector,
                                                                java.util.function.Function<String, Map<String, ?>> configForUrl) {
        String url = "http://127.0.0.1:" + closedPort() + "/";
        CheckResult result = connector.check(TestConnectorContext.with(configForUrl.apply(url)));
        assertThat(result.ok()).as("check() against an unreachable vendor").isFalse();
        assertThat(result.message()).isNotBlank();
    }


    /** A loopback port nothing listens on (bound, then released). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
