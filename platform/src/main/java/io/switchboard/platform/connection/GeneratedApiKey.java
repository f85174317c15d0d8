package io.switchboard.platform.connection;

import java.time.Instant;

/**
 * An API key just made for a connection: the only time {@code key} is known to anyone. The platform keeps only its
 * digest ({@link ApiKeyRows}); the answer or page that carries this record is the one place it is shown.
 *
 * @param id      the key's id (to revoke it)
 * @param field   the connection setting it belongs to
 * @param name    its name
 * @param key     the key, to copy into the caller's configuration now
 * @param hint    its first characters, as lists show it later
 * @param created when it was made
 */
public record GeneratedApiKey(String id, String field, String name, String key, String hint, Instant created)
        implements java.io.Serializable {

    @Override
    public String toString() {
        return "GeneratedApiKey[id=" + id + ", field=" + field + ", hint=" + hint + "]";
    }
}
