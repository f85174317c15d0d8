package io.switchboard.platform.connection;

/**
 * A tenant's connections or flows were created, changed or deleted. Fired inside the changing transaction; caches
 * of what the setup decides (the pipeline's source routes) observe it after completion, so that they never reload
 * the state from before the commit.
 *
 * @param tenantId the tenant whose setup changed
 */
public record SetupChanged(long tenantId) {
}
