package io.switchboard.platform.plugin;

import io.switchboard.spi.CapabilityCheck;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a connector's descriptor at load time, so a malformed plugin fails visibly at start, not at first use: id,
 * kind, config schema, and that every declared capability is implemented ({@link CapabilityCheck}).
 */
final class ConnectorValidation {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private ConnectorValidation() {
    }

    /** @return problems, one sentence each; empty when the connector is usable */
    static List<String> problems(Connector connector, ConnectorDescriptor descriptor) {
        List<String> problems = new ArrayList<>();
        String name = connector.getClass().getName();
        if (descriptor == null) {
            problems.add(name + ".descriptor() returned null");
            return problems;
        }
        if (!ID.matcher(descriptor.id()).matches()) {
            problems.add("connector id '" + descriptor.id() + "' must match " + ID.pattern());
        }
        ConnectorKind implemented = ConnectorKind.implementedBy(connector).orElse(null);
        if (implemented == null) {
            problems.add(name + " implements none of TelephonyConnector, HelpdeskConnector, ChannelConnector");
        } else if (implemented != descriptor.kind()) {
            problems.add("connector '" + descriptor.id() + "' declares kind " + descriptor.kind()
                    + " but implements the " + implemented + " interface");
        }
        descriptor.configSchema().errors()
                .forEach(e -> problems.add("connector '" + descriptor.id() + "' config schema: " + e));
        // A capability is a promise flows rely on: one whose method keeps the SPI's refusing default would fail
        // every flow step that uses it, so the plugin is refused at load instead (issue #19).
        problems.addAll(CapabilityCheck.unimplemented(connector, descriptor));
        return problems;
    }

}
