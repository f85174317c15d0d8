package io.switchboard.platform.flow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Answers of vendor reads that change seldom (a helpdesk's agents, its ticket fields), kept per connection for a
 * short time so that every event does not ask again ({@link ConnectorGate#cached}). Keyed by tenant, connection and
 * the connection's version: a saved change to the connection starts afresh, and nothing is shared between
 * connections or tenants. Per platform instance; bounded in size.
 */
@ApplicationScoped
public class ConnectorReads {

    /** What one connection's read is kept under. */
    record Key(long tenantId, long connectionId, long connectionVersion, String what) {
    }

    private record Kept(Object value, Instant until) {
    }

    private final Cache<Key, Kept> kept = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(30)).build();

    /**
     * @return the kept answer while it is younger than {@code ttl}, else a fresh one from {@code read} (kept then); a
     *         read that throws keeps nothing
     */
    @SuppressWarnings("unchecked")
    <T> T get(Key key, Duration ttl, Supplier<T> read) {
        Instant now = Instant.now();
        Kept hit = kept.getIfPresent(key);
        if (hit != null && hit.until().isAfter(now)) {
            return (T) hit.value();
        }
        T fresh = read.get();
        kept.put(key, new Kept(fresh, now.plus(ttl)));
        return fresh;
    }
}
