package dev.strata.domain.shared;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit: concurrent requests of one key are handed to one {@link Writer} call together, by one of the
 * requesting threads (no thread of its own), up to {@code maxBatch} at a time and at most {@code maxWriters} calls
 * of one key in flight on this instance. A request returns only once the call holding it returned, with its own
 * outcome; while one batch is written the next one gathers, so the batch grows with the load and a lone request
 * is written at once. What a batch must share (a tenant, a topic, a queue) belongs in the key.
 *
 * @param <K> what requests must have in common to share a write
 * @param <I> one request
 * @param <O> one request's outcome
 */
public final class GroupCommit<K, I, O> {
    /** Writes one batch: answers one outcome per item, in the items' order. A throw fails every item of it. */
    @FunctionalInterface
    public interface Writer<K, I, O> {
        List<O> write(K key, List<I> items);
    }

    private static final class Request<I, O> {
        final I item;
        O outcome;
        RuntimeException failure;
        boolean taken;
        boolean done;

        Request(I item) {
            this.item = item;
        }
    }

    private static final class Lane<I, O> {
        final ArrayDeque<Request<I, O>> waiting = new ArrayDeque<>();
        int writers;
    }

    private final int maxBatch;
    private final int maxWriters;
    private final Writer<K, I, O> writer;
    private final Map<K, Lane<I, O>> lanes = new ConcurrentHashMap<>();

    public GroupCommit(int maxBatch, int maxWriters, Writer<K, I, O> writer) {
        if (maxBatch < 1 || maxWriters < 1) {
            throw new IllegalArgumentException("maxBatch and maxWriters must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.maxWriters = maxWriters;
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Submits {@code item} under {@code key}; answers its outcome once the batch holding it was written. */
    public O submit(K key, I item) {
        Request<I, O> request = new Request<>(item);
        Lane<I, O> lane;
        while (true) {
            lane = lanes.computeIfAbsent(key, k -> new Lane<>());
            synchronized (lane) {
                // a lane removed (empty) between the lookup and the lock takes no more requests
                if (lanes.get(key) == lane) {
                    lane.waiting.add(request);
                    break;
                }
            }
        }
        boolean interrupted = false;
        while (true) {
            List<Request<I, O>> batch = new ArrayList<>();
            synchronized (lane) {
                while (!request.done && (request.taken || lane.writers >= maxWriters)) {
                    try {
                        lane.wait();
                    } catch (InterruptedException e) {
                        // keep waiting: the writer may commit the item, and the caller must learn whether it did
                        interrupted = true;
                    }
                }
                if (request.done) {
                    if (lane.waiting.isEmpty() && lane.writers == 0) {
                        lanes.remove(key, lane);
                    }
                    break;
                }
                // not taken and a writer slot free: this request is still waiting, so the batch includes it
                lane.writers++;
                while (batch.size() < maxBatch && !lane.waiting.isEmpty()) {
                    Request<I, O> next = lane.waiting.poll();
                    next.taken = true;
                    batch.add(next);
                }
            }
            write(key, batch, lane);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.outcome;
    }

    /** Requests of {@code key} waiting to be taken into a batch (for tests). */
    int waiting(K key) {
        Lane<I, O> lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    private void write(K key, List<Request<I, O>> batch, Lane<I, O> lane) {
        List<O> outcomes = null;
        RuntimeException failure = null;
        try {
            outcomes = writer.write(key, batch.stream().map(r -> r.item).toList());
            if (outcomes == null || outcomes.size() != batch.size()) {
                failure = new IllegalStateException("the writer answered " + (outcomes == null ? "nothing" : outcomes.size()
                        + " outcomes") + " for " + batch.size() + " items");
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the write failed", e);
            throw e;
        } finally {
            synchronized (lane) {
                for (int i = 0; i < batch.size(); i++) {
                    Request<I, O> r = batch.get(i);
                    if (failure != null) {
                        r.failure = failure;
                    } else {
                        r.outcome = outcomes.get(i);
                    }
                    r.done = true;
                }
                lane.writers--;
                lane.notifyAll();
            }
        }
    }
}
