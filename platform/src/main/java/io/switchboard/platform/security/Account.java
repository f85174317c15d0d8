package io.switchboard.platform.security;

/**
 * What authentication needs to know of a user, read across tenants (login happens before the tenant is known).
 *
 * @param userId        user id
 * @param email         login name
 * @param passwordHash  PBKDF2 hash in the format of Jakarta Security's {@code Pbkdf2PasswordHash}
 * @param role          role
 * @param tenantId      tenant, {@code null} for platform operators
 * @param active        false when the user or their tenant is disabled
 * @param mustChangePassword true while the password is one the user did not choose (a generated one-time password):
 *                      the UI then only offers the password change, and no API token is issued
 */
public record Account(long userId, String email, String passwordHash, Role role, Long tenantId, boolean active,
                      boolean mustChangePassword) {

    public SwitchboardPrincipal principal() {
        return new SwitchboardPrincipal(email, userId, tenantId, role);
    }

    @Override
    public String toString() {
        return "Account[" + userId + ", " + email + ", " + role + ", tenant " + tenantId + "]";
    }
}
