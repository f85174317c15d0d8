package io.switchboard.spi;

import io.switchboard.spi.config.ConfigSchema;
import java.util.Objects;
import java.util.Set;

/**
 * What a connector is, as the platform shows it and checks it at load time.
 *
 * @param id           stable identifier, lower-case letters, digits and dashes (e.g. {@code usedesk}); unique across
 *                     installed plugins and stored with every connection, so never change it
 * @param kind         the kind; must match the interface the connector implements
 * @param displayName  human name shown in the catalogue (e.g. "Usedesk")
 * @param description  one sentence for the catalogue
 * @param capabilities optional abilities (see {@link Capability})
 * @param configSchema the settings a tenant fills in for a connection of this connector
 */
public record ConnectorDescriptor(String id, ConnectorKind kind, String displayName, String description,
                                  Set<Capability> capabilities, ConfigSchema configSchema) {

    public ConnectorDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
        description = description == null ? "" : description;
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        configSchema = configSchema == null ? ConfigSchema.empty() : configSchema;
    }

    /** @return true when the connector declares the capability */
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }
}
