package io.switchboard.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.Capability;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Load-time checks of a connector, including the capability check (issue #19): every connector of the plugins the
 * platform's tests depend on (the bundled ones and field-showcase, found through their {@code extensions.idx}) keeps
 * its promises, and one that declares a capability it does not implement is refused with a reason naming both.
 */
class ConnectorValidationTest {

    @Test
    void everyBundledConnectorImplementsWhatItDeclares() throws Exception {
        List<Connector> connectors = bundledConnectors();

        assertThat(connectors).extracting(c -> c.descriptor().id()).contains("usedesk", "zendesk", "sipuni",
                "ringostat", "dashly", "chatra", "website", "planfix", "deskie", "field-showcase");
        for (Connector connector : connectors) {
            assertThat(ConnectorValidation.problems(connector, connector.descriptor()))
                    .as(connector.descriptor().id()).isEmpty();
        }
    }

    @Test
    void aConnectorDeclaringACapabilityItDoesNotImplementIsRefusedWithTheReason() throws Exception {
        Connector usedesk = bundledConnectors().stream().filter(c -> c.descriptor().id().equals("usedesk"))
                .findFirst().orElseThrow();
        ConnectorDescriptor real = usedesk.descriptor();
        Set<Capability> more = EnumSet.noneOf(Capability.class);
        more.addAll(real.capabilities());
        more.add(Capability.CLIENT_NOTES);
        ConnectorDescriptor lying = new ConnectorDescriptor(real.id(), real.kind(), real.displayName(),
                real.description(), more, real.configSchema());

        assertThat(real.supports(Capability.CLIENT_NOTES)).as("the premise: Usedesk keeps no client notes").isFalse();
        assertThat(ConnectorValidation.problems(usedesk, lying)).containsExactly(
                "connector 'usedesk' declares CLIENT_NOTES but does not implement HelpdeskConnector.addClientNote");
    }

    private static List<Connector> bundledConnectors() throws IOException, ReflectiveOperationException {
        List<Connector> connectors = new ArrayList<>();
        ClassLoader loader = ConnectorValidationTest.class.getClassLoader();
        for (URL index : Collections.list(loader.getResources("META-INF/extensions.idx"))) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String name = line.strip();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    Class<?> type = Class.forName(name, true, loader);
                    if (TelephonyConnector.class.isAssignableFrom(type) || HelpdeskConnector.class.isAssignableFrom(type)
                            || ChannelConnector.class.isAssignableFrom(type)) {
                        connectors.add((Connector) type.getDeclaredConstructor().newInstance());
                    }
                }
            }
        }
        return connectors;
    }
}
