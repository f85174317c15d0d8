package io.switchboard.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.Connector;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.FieldType;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.RecordingLogger;
import io.switchboard.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the suites share: secrets of a configuration, contexts, and the "no secret in it" assertion. */
final class ContractSupport {

    /** Shorter values are not looked for: "x" or "1" would be found in any text. */
    private static final int MIN_SECRET_LENGTH = 4;

    private ContractSupport() {
    }

    /** @return the keys of the connector's SECRET settings */
    static Set<String> secretKeys(Connector connector) {
        return connector.descriptor().configSchema().fields().stream().filter(f -> f.type() == FieldType.SECRET)
                .map(ConfigField::key).collect(Collectors.toUnmodifiableSet());
    }

    /** @return the values of the SECRET settings in this configuration (long enough to look for) */
    static List<String> secretValues(Connector connector, Map<String, ?> settings) {
        List<String> values = new ArrayList<>();
        for (String key : secretKeys(connector)) {
            Object value = settings.get(key);
            if (value != null && value.toString().length() >= MIN_SECRET_LENGTH) {
                values.add(value.toString());
            }
        }
        return values;
    }

    /** @return the settings with every secret value made distinct for connection {@code n} */
    static Map<String, Object> distinctSecrets(Connector connector, Map<String, ?> settings, int n) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        for (String key : secretKeys(connector)) {
            Object value = copy.get(key);
            if (value instanceof String text && !text.isEmpty()) {
                copy.put(key, text + "-c" + n);
            }
        }
        return copy;
    }

    static TestConnectorContext context(Map<String, ?> settings) {
        return TestConnectorContext.with(settings);
    }

    /** Fails when the text contains one of the secrets. */
    static void assertNoSecret(String what, String text, List<String> secrets) {
        if (text == null) {
            return;
        }
        for (String secret : secrets) {
            assertThat(text).as("%s must not contain a secret setting's value", what).doesNotContain(secret);
        }
    }

    /** Fails when a logged line (message or exception message) contains one of the secrets. */
    static void assertNoSecretLogged(String what, RecordingLogger logger, List<String> secrets) {
        for (RecordingLogger.Line line : logger.lines()) {
            assertNoSecret(what + ": logged line", line.message(), secrets);
            for (Throwable t = line.thrown(); t != null; t = t.getCause()) {
                assertNoSecret(what + ": logged exception", t.getMessage(), secrets);
            }
        }
    }

    /** Fails when the exception or one of its causes has a message with a secret. */
    static void assertNoSecretThrown(String what, Throwable thrown, List<String> secrets) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertNoSecret(what + ": exception message", t.getMessage(), secrets);
        }
    }

    /** @return what the platform stores of a request: all but the Authorization and Cookie headers */
    static String storedText(InboundRequest request) {
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie"));
        return headers + "\n" + request.query() + "\n" + new String(request.body(), StandardCharsets.UTF_8);
    }

    /** @return the request with another body, everything else kept */
    static InboundRequest withBody(InboundRequest request, String body) {
        return new InboundRequest(request.method(), request.headers(), request.query(),
                body.getBytes(StandardCharsets.UTF_8), request.receivedAt());
    }

    /** A loopback port nothing listens on: bound, then released, so connecting to it is refused at once. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
