package io.switchboard.platform.plugin;

import io.switchboard.spi.ConnectorKind;

/**
 * A connector a started plugin provides.
 *
 * @param id          connector id
 * @param kind        its kind
 * @param displayName its name in the catalogue
 */
public record ConnectorInfo(String id, ConnectorKind kind, String displayName) {
}
