package io.switchboard.platform.flow.calltoticket;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is calling, answered fast enough for a PBX that is waiting on a ringing call (routing, caller card).
 *
 * <p>Answers come from a cache per telephony connection and caller number (its digits). The cache is kept fresh by
 * the call-to-ticket flow, which reports a {@link CallerChanged} when a call got its
 * ticket, was answered or ended; the caller is then looked up again in the background — only for connections whose
 * PBX asks questions at all — and by the helpdesk's webhooks: a ticket change (a {@code TicketChanged} in
 * {@link io.switchboard.platform.flow.EventsReceived}, e.g. closed or re-assigned by an agent) refreshes the callers
 * whose answer named that ticket. Without helpdesk webhooks, such changes are seen when the entry expires. On a miss the helpdesk is asked live ({@link CallerLookup}) for
 * at most the caller's time budget; an answer arriving later still fills the cache for the next ring. Concurrent
 * questions about one number share one lookup. Known callers stay {@value #KNOWN_MINUTES} minutes, unknown ones
 * {@value #UNKNOWN_SECONDS} s; at most {@value #MAX_ENTRIES} numbers (least recently used go first).
 */
@ApplicationScoped
public class CallerDirectory {

    static final int KNOWN_MINUTES = 10;
    static final int UNKNOWN_SECONDS = 60;
    static final int MAX_ENTRIES = 50_000;
    private static final Logger LOG = Logger.getLogger(CallerDirectory.class.getName());

    private record Key(long connectionId, String digits) {
    }

    private record Entry(CallerInfo info, long expiresAtNanos, long tenantId, String number) {
    }

    private record TicketKey(long tenantId, String ticketId) {
    }

    @Inject
    private CallerLookup lookup;
    @Resource
    private ManagedExecutorService executor;

    private final Map<Key, Entry> cache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                    return size() > MAX_ENTRIES;
                }
            });
    private final Map<Key, CompletableFuture<CallerInfo>> inFlight = new ConcurrentHashMap<>();
    /** Connections whose PBX has asked: only their callers are refreshed (others' PBXs never ask; no extra calls). */
    private final java.util.Set<Long> asking = ConcurrentHashMap.newKeySet();
    /** Which cached callers a ticket's change concerns. */
    private final Map<TicketKey, java.util.Set<Key>> byTicket = new ConcurrentHashMap<>();

    /**
     * @param budget how long the caller may wait for a live lookup on a miss
     * @return what is known of the caller; {@link CallerInfo#unknown()} when nothing is, or not within the budget
     */
    public CallerInfo find(long tenantId, long connectionId, String number, Duration budget) {
        String digits = PhoneNumbers.digits(number);
        if (digits.isEmpty()) {
            return CallerInfo.unknown();
        }
        asking.add(connectionId);
        Key key = new Key(connectionId, digits);
        Entry entry = cache.get(key);
        if (entry != null && entry.expiresAtNanos() - System.nanoTime() > 0) {
            return entry.info();
        }
        try {
            return start(key, tenantId, number).get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return entry != null ? entry.info() : CallerInfo.unknown(); // stale beats nothing; else the PBX default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallerInfo.unknown();
        }
    }

    /** Looks the caller up again in the background, after a flow changed what the helpdesk knows of the caller. */
    void changed(@jakarta.enterprise.event.Observes CallerChanged change) {
        refresh(change.tenantId(), change.connectionId(), change.number());
    }

    /** Looks the callers of a ticket up again in the background after a helpdesk webhook said the ticket changed. */
    void received(@jakarta.enterprise.event.Observes io.switchboard.platform.flow.EventsReceived received) {
        for (Object event : received.events()) {
            if (event instanceof io.switchboard.spi.helpdesk.HelpdeskEvent.TicketChanged changed
                    && changed.ticketId() != null) {
                ticketChanged(received.tenantId(), changed.ticketId());
            }
        }
    }

    private void ticketChanged(long tenantId, String ticketId) {
        java.util.Set<Key> keys = byTicket.remove(new TicketKey(tenantId, ticketId));
        if (keys == null) {
            return;
        }
        for (Key key : keys) {
            Entry entry = cache.get(key);
            if (entry != null) {
                start(key, entry.tenantId(), entry.number());
            }
        }
    }

    /** Looks the caller up again in the background (after a call changed what the helpdesk knows). */
    public void refresh(long tenantId, long connectionId, String number) {
        String digits = PhoneNumbers.digits(number);
        if (!digits.isEmpty() && asking.contains(connectionId)) {
            start(new Key(connectionId, digits), tenantId, number);
        }
    }

    /** Forgets everything cached for a connection (its flows or settings changed). */
    public void forget(long connectionId) {
        synchronized (cache) {
            cache.keySet().removeIf(k -> k.connectionId() == connectionId);
        }
    }

    private CompletableFuture<CallerInfo> start(Key key, long tenantId, String number) {
        CompletableFuture<CallerInfo> created = new CompletableFuture<>();
        CompletableFuture<CallerInfo> running = inFlight.putIfAbsent(key, created);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> {
                try {
                    CallerInfo info = lookup.lookup(tenantId, key.connectionId(), number);
                    long ttl = info.known() ? TimeUnit.MINUTES.toNanos(KNOWN_MINUTES)
                            : TimeUnit.SECONDS.toNanos(UNKNOWN_SECONDS);
                    cache.put(key, new Entry(info, System.nanoTime() + ttl, tenantId, number));
                    if (byTicket.size() > MAX_ENTRIES) {
                        byTicket.clear(); // stale keys of evicted entries; changes are then seen on expiry
                    }
                    if (info.ticketId() != null) {
                        byTicket.computeIfAbsent(new TicketKey(tenantId, info.ticketId()),
                                t -> ConcurrentHashMap.newKeySet()).add(key);
                    }
                    created.complete(info);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "caller lookup failed; the PBX gets its default", e);
                    created.completeExceptionally(e);
                } finally {
                    inFlight.remove(key, created);
                }
            });
        } catch (RuntimeException rejected) {
            inFlight.remove(key, created);
            created.completeExceptionally(rejected);
        }
        return created;
    }
}
