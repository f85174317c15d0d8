package io.switchboard.platform.security;

/**
 * What a signed-in person may do. The names are also the security roles of the web application ({@code web.xml}).
 */
public enum Role {
    /** Runs the platform: tenants and installed plugins. Belongs to no tenant. */
    PLATFORM_OPERATOR,
    /** Manages one tenant: its plugins, connections and users. */
    TENANT_ADMIN,
    /** Works in one tenant: sees connections and activity, changes nothing. */
    OPERATOR;

    /** @return true for the roles that belong to a tenant */
    public boolean isTenantRole() {
        return this != PLATFORM_OPERATOR;
    }
}
