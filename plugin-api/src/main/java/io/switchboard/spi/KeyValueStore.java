package io.switchboard.spi;

import java.util.Optional;

/**
 * Small durable key-value store private to one connection, for what a connector learns and wants to keep: ids of
 * custom fields found by name, a template id, a cursor. Not for secrets and not for large data (values up to
 * 4 KiB). Writes are visible to later calls of the same connection, also on other platform instances.
 */
public interface KeyValueStore {

    /** @return the value stored under the key, if any */
    Optional<String> get(String key);

    /** Stores or replaces the value under the key. */
    void put(String key, String value);

    /** Removes the key; nothing happens when it is absent. */
    void remove(String key);
}
