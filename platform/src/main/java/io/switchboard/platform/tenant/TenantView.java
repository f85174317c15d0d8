package io.switchboard.platform.tenant;

import java.time.Instant;

/** A tenant as the platform operator sees it. */
public record TenantView(long id, String slug, String name, String status, long users, long connections,
                         Instant createdAt) {
}
