package io.switchboard.platform.persistence;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: callers queue items, one writer thread takes whatever has queued up meanwhile (up to a batch size)
 * and hands it to {@code write} as one batch — one statement, one commit — instead of one commit per item. Under
 * light load a batch is one item. The inbox's INSERT and the pipeline's outcomes use it (ADR 0005); what a failed
 * batch means is theirs to decide, inside {@code write}.
 *
 * @param <T> what is queued
 */
public final class GroupCommitQueue<T> {

    private static final Logger LOG = Logger.getLogger(GroupCommitQueue.class.getName());

    private final LinkedBlockingQueue<T> queue;
    private final int maxBatch;
    private final Consumer<List<T>> write;
    private volatile boolean running;
    private Thread writer;

    /**
     * @param capacity callers of {@link #put} wait when this many items are queued
     * @param maxBatch at most this many items per batch
     * @param write    writes one batch; runs on the writer thread
     */
    public GroupCommitQueue(int capacity, int maxBatch, Consumer<List<T>> write) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.write = write;
    }

    /** Starts the writer thread. */
    public void start(ManagedThreadFactory threads, String name) {
        running = true;
        writer = threads.newThread(this::writeLoop);
        writer.setName(name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops the writer thread. @return what was queued and not yet taken, for the owner to settle */
    public List<T> stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
        List<T> rest = new ArrayList<>();
        queue.drainTo(rest);
        return rest;
    }

    /** Queues an item; waits only while the queue is full. */
    public void put(T item) throws InterruptedException {
        queue.put(item);
    }

    private void writeLoop() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A batch of " + batch.size() + " could not be written", e);
            } finally {
                batch.clear();
            }
        }
    }
}
