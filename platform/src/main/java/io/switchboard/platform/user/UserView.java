package io.switchboard.platform.user;

import io.switchboard.platform.security.Role;
import java.time.Instant;

/** A tenant's user as the UI and API show it (never the password hash). */
public record UserView(long id, String email, String displayName, Role role, boolean enabled, Instant createdAt) {

    static UserView of(TenantUser user) {
        return new UserView(user.id(), user.email(), user.displayName(), user.role(), user.enabled(),
                user.createdAt());
    }
}
