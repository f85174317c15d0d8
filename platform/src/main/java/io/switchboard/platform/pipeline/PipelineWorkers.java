package io.switchboard.platform.pipeline;

import io.switchboard.platform.flow.RecordedActivity;
import io.switchboard.platform.persistence.DatabaseMonitor;
import io.switchboard.platform.persistence.PlatformInstance;
import io.switchboard.platform.plugin.PluginCalls;
import io.switchboard.platform.plugin.PluginHost;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pipeline's workers on this instance: a poller claims due events (as many as there are free workers) and hands
 * each to a worker thread, which processes it and hands its outcome — done, retry at a backed-off time, or dead
 * after too many attempts or too long — to the {@link OutcomeWriter}. Several instances on one database share the work through the queue's
 * {@code SKIP LOCKED} claims. Also purges old finished events once an hour.
 */
@ApplicationScoped
public class PipelineWorkers {

    private static final Logger LOG = Logger.getLogger(PipelineWorkers.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** How often a claim also looks for events whose lease ran out (leases last at least 10 s). */
    private static final Duration LEASE_CHECK_INTERVAL = Duration.ofSeconds(2);

    /**
     * Worker threads made once by the container's thread factory, so they carry the application's context. Not a
     * managed executor: that captures and restores the context for every task, which in Payara looks the context
     * providers up with a {@code ServiceLoader} scan of the application's jars — 3–4 % of the platform's CPU per
     * event under load (profile, issue #5).
     */
    private ExecutorService executor;
    @Resource
    private ManagedThreadFactory threads;
    @Resource
    private ManagedScheduledExecutorService scheduler;
    @Inject
    private InboxQueue queue;
    @Inject
    private EventProcessor processor;
    @Inject
    private PipelineSettings settings;
    @Inject
    private OutcomeWriter outcomes;
    @Inject
    private DatabaseMonitor database;
    @Inject
    private PlatformInstance instance;
    @Inject
    private PluginHost plugins;

    private String owner;
    /** The event each worker thread is on; a worker whose plugin call was cut off may be given up (ADR 0011). */
    private final ConcurrentHashMap<Thread, Running> inProgress = new ConcurrentHashMap<>();
    private Semaphore slots;
    private final ReentrantLock polling = new ReentrantLock();
    private final AtomicBoolean wanted = new AtomicBoolean();
    /** Claimed events not yet handed to a worker; guarded by {@code polling}. */
    private final ArrayDeque<ClaimedEvent> ready = new ArrayDeque<>();
    private volatile boolean running;
    private ScheduledFuture<?> pollSchedule;
    /** When a claim next looks for expired leases; read and written under {@code polling}. */
    private Instant nextLeaseCheck = Instant.MIN;
    private ScheduledFuture<?> purging;
    /** The last poll failed: the next failures are not logged as warnings again; guarded by {@code polling}. */
    private boolean pollFailing;

    /** Starts polling; called once at startup, after the plugins are loaded. */
    public synchronized void start() {
        if (running) {
            return;
        }
        if (!settings.enabled()) {
            LOG.info("Pipeline workers are off on this instance (switchboard.pipeline.enabled=false): it only "
                    + "receives webhooks; other instances process them");
            return;
        }
        owner = instance.id();
        slots = new Semaphore(settings.workers());
        AtomicInteger numbers = new AtomicInteger();
        // The slots bound the events in progress; the pool may grow past them only by threads given up to a plugin
        // that ignores being cut off (a fixed pool would then run short of threads), and shrinks again when idle.
        executor = new ThreadPoolExecutor(settings.workers(), Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
            Thread thread = threads.newThread(task);
            thread.setName("switchboard-worker-" + numbers.incrementAndGet());
            return thread;
        });
        plugins.onTimeout(this::pluginCallCutOff);
        running = true;
        pollSchedule = scheduler.scheduleWithFixedDelay(this::poll, 500, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
        purging = scheduler.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
        LOG.info("Pipeline started: " + settings.workers() + " workers as " + owner);
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (pollSchedule != null) {
            pollSchedule.cancel(false);
        }
        if (purging != null) {
            purging.cancel(false);
        }
        stopWorkers();
        polling.lock();
        try {
            if (!ready.isEmpty()) {
                // Claimed but not started: let any instance (this one after a restart) take them at once rather
                // than after their lease.
                queue.release(List.copyOf(ready), Instant.now());
                ready.clear();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Claimed events could not be released; they are taken again when their lease "
                    + "runs out", e);
        } finally {
            polling.unlock();
        }
    }

    /** Lets the events in progress finish for a few seconds; the rest are taken again when their lease runs out. */
    private void stopWorkers() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Claims due events for the free workers and hands them out. Runs from the scheduler when idle and right after
     * each event, so a busy pipeline never waits for the poll interval; one poll at a time per instance. A call
     * that finds a poll under way leaves a note, and that poll goes round once more: without it, a worker finishing
     * while another thread claimed left its slot empty until the next poll interval (measured: ≈ 4.7 of 8 workers
     * busy under full load).
     */
    private void poll() {
        wanted.set(true);
        while (wanted.get() && polling.tryLock()) {
            try {
                wanted.set(false);
                claimForFreeWorkers();
            } finally {
                polling.unlock();
            }
        }
    }

    /**
     * Hands claimed events to free workers, claiming a worker-count's batch whenever none is at hand: one claim
     * transaction (three to five statements) per batch rather than per event. A claimed event waits here at most
     * as long as the events before it take; its lease covers that, and its call's next event cannot be claimed
     * meanwhile. Runs under the {@code polling} lock.
     */
    private void claimForFreeWorkers() {
        if (!database.available()) {
            return; // paused while the database is away (the monitor logs it); polls go on and resume with it
        }
        try {
            while (running && slots.availablePermits() > 0) {
                if (ready.isEmpty()) {
                    Instant now = Instant.now();
                    boolean expiredLeases = !now.isBefore(nextLeaseCheck);
                    if (expiredLeases) {
                        nextLeaseCheck = now.plus(LEASE_CHECK_INTERVAL);
                    }
                    List<ClaimedEvent> claimed = queue.claim(owner, settings.workers(), now, now.plus(settings.lease()),
                            expiredLeases);
                    pollFailing = false;
                    if (claimed.isEmpty()) {
                        return; // drained for now; the next poll comes after the poll interval
                    }
                    ready.addAll(claimed);
                }
                while (!ready.isEmpty() && slots.tryAcquire()) {
                    ClaimedEvent event = ready.poll();
                    try {
                        executor.execute(() -> {
                            Running run = new Running(event);
                            Thread thread = Thread.currentThread();
                            inProgress.put(thread, run);
                            boolean settledHere = false;
                            try {
                                settledHere = handle(event, run);
                            } finally {
                                inProgress.remove(thread, run);
                                if (settledHere || run.settle()) {
                                    slots.release();
                                }
                            }
                            poll();
                        });
                    } catch (RuntimeException e) {
                        slots.release(); // rejected: kept for the next poll
                        ready.addFirst(event);
                        throw e;
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            database.troubleSeen(e);
            if (!pollFailing) {
                LOG.log(Level.WARNING, "Pipeline poll failed; trying again at the next poll (further failures in a "
                        + "row are logged at FINE)", e);
            } else {
                LOG.log(Level.FINE, "Pipeline poll failed again", e);
            }
            pollFailing = true;
        }
    }

    /** @return true when this thread settled the event; false when it had been given up meanwhile */
    private boolean handle(ClaimedEvent event, Running run) {
        Outcome outcome;
        try {
            outcome = processor.process(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event " + event.id() + " failed unexpectedly", e);
            outcome = Outcome.retry("Internal error while processing; it will be retried", null,
                    new RecordedActivity());
        }
        Instant now = Instant.now();
        String summary = outcome.activity().summary();
        String result = outcome.activity().toJson();
        InboxQueue.Finish finish = switch (outcome.kind()) {
            case DONE -> new InboxQueue.Finish(event, InboxQueue.State.DONE, null, null, summary, result, now);
            case DEAD -> new InboxQueue.Finish(event, InboxQueue.State.DEAD, null, outcome.error(), summary, result, now);
            case RETRY -> retryOrGiveUp(event, outcome, now);
            case PAUSED -> pausedOrGiveUp(event, outcome, now);
        };
        if (!run.settle()) {
            LOG.info(() -> "event " + event.id() + ": the attempt given up after a plugin time-out ended after all; "
                    + "its outcome is dropped (the event was rescheduled)");
            return false;
        }
        outcomes.submit(finish, outcome.links());
        return true;
    }

    /**
     * A plugin call was cut off at its deadline. When it was a worker's and the plugin does not give the thread back
     * within a second (it ignores the interrupt), the event is rescheduled as failed transiently and the worker's
     * slot freed: the thread is left to the plugin, and the pool makes a new one.
     */
    private void pluginCallCutOff(PluginCalls.TimedOut timedOut) {
        Running run = inProgress.get(timedOut.thread());
        if (run == null || !running) {
            return;
        }
        scheduler.schedule(() -> {
            if (inProgress.get(timedOut.thread()) != run || !run.settle()) {
                return; // the worker came back and settled the event itself
            }
            inProgress.remove(timedOut.thread(), run);
            LOG.warning(() -> "event " + run.event().id() + ": " + timedOut.message() + "; its worker "
                    + timedOut.thread().getName() + " is given up (the plugin ignores the interrupt)");
            RecordedActivity activity = new RecordedActivity();
            try {
                outcomes.submit(retryOrGiveUp(run.event(), Outcome.retry(timedOut.message(), null, activity),
                        Instant.now()), List.of());
            } finally {
                slots.release();
            }
            poll();
        }, 1, TimeUnit.SECONDS);
    }

    /** An event on a worker; settled once, by the worker or by the time-out that gave it up. */
    private static final class Running {
        private final ClaimedEvent event;
        private final AtomicBoolean settled = new AtomicBoolean();

        Running(ClaimedEvent event) {
            this.event = event;
        }

        ClaimedEvent event() {
            return event;
        }

        /** @return true for the one caller that settles it */
        boolean settle() {
            return settled.compareAndSet(false, true);
        }
    }

    private InboxQueue.Finish retryOrGiveUp(ClaimedEvent event, Outcome outcome, Instant now) {
        String summary = outcome.activity().summary();
        String result = outcome.activity().toJson();
        boolean tooMany = event.attempt() >= settings.maxAttempts();
        boolean tooOld = Duration.between(event.receivedAt(), now).compareTo(settings.maxAge()) > 0;
        if (tooMany || tooOld) {
            String why = tooMany ? "Gave up after " + event.attempt() + " attempts: " : "Gave up, the event is older than "
                    + settings.maxAge().toHours() + " h: ";
            return new InboxQueue.Finish(event, InboxQueue.State.DEAD, null, why + outcome.error(), summary, result, now);
        }
        Duration delay = Backoff.delay(event.attempt(), settings.firstBackoff(), settings.maxBackoff(),
                outcome.retryAfter());
        return new InboxQueue.Finish(event, InboxQueue.State.RETRYING, now.plus(delay), outcome.error(), summary,
                result, now);
    }

    /**
     * A paused attempt sent nothing that failed: the event waits for the breaker's trial time or its turn under the
     * rate limit, and the attempt is given back, so a long outage does not use up its attempts (only its age counts).
     */
    private InboxQueue.Finish pausedOrGiveUp(ClaimedEvent event, Outcome outcome, Instant now) {
        if (Duration.between(event.receivedAt(), now).compareTo(settings.maxAge()) > 0) {
            return retryOrGiveUp(event, outcome, now);
        }
        Duration delay = outcome.retryAfter() == null ? settings.firstBackoff() : outcome.retryAfter();
        return new InboxQueue.Finish(event, InboxQueue.State.RETRYING, now.plus(delay), outcome.error(),
                outcome.activity().summary(), outcome.activity().toJson(), now, true);
    }

    private void purge() {
        try {
            int purged = queue.purgeDone(Instant.now().minus(Duration.ofDays(settings.retentionDays())));
            if (purged > 0) {
                LOG.info("Purged " + purged + " finished events older than " + settings.retentionDays() + " days");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Purging old events failed", e);
        }
    }
}
