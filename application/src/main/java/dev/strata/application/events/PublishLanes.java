package dev.strata.application.events;

import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit of concurrent publishes to one topic: appends to a topic are serial anyway (its counter row
 * lock), so instead of each request holding a database connection while it queues for that lock, the
 * requests waiting for a topic are appended together, by one of them, in one transaction of up to
 * {@code maxBatch} events. Each caller returns only after the transaction holding its event committed.
 */
final class PublishLanes {
    private record Key(TenantId tenant, Topic topic) {
    }

    private static final class Request {
        final EventLog.Pending pending;
        AppendResult result;
        RuntimeException failure;
        boolean done;

        Request(EventLog.Pending pending) {
            this.pending = pending;
        }
    }

    private static final class Lane {
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        boolean writing;
    }

    private final EventLog log;
    private final int maxBatch;
    private final Map<Key, Lane> lanes = new ConcurrentHashMap<>();

    PublishLanes(EventLog log, int maxBatch) {
        this.log = log;
        this.maxBatch = maxBatch;
    }

    /** Appends the event (in the current tenant) together with whatever else waits for the same topic. */
    AppendResult append(Topic topic, EventLog.Pending pending) {
        Key key = new Key(TenantContext.require(), topic);
        Request request = new Request(pending);
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
        synchronized (lane) {
            lane.waiting.add(request);
        }
        boolean interrupted = false;
        while (true) {
            List<Request> batch = new ArrayList<>();
            synchronized (lane) {
                while (!request.done && lane.writing) {
                    try {
                        lane.wait();
                    } catch (InterruptedException e) {
                        // keep waiting: the writer may commit the event, and the caller must learn whether it did
                        interrupted = true;
                    }
                }
                if (request.done) {
                    if (lane.waiting.isEmpty() && !lane.writing) {
                        lanes.remove(key, lane);
                    }
                    break;
                }
                // not done and nobody writing: this request is still waiting, so the batch includes it
                lane.writing = true;
                while (batch.size() < maxBatch && !lane.waiting.isEmpty()) {
                    batch.add(lane.waiting.poll());
                }
            }
            write(topic, batch, lane);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.result;
    }

    private void write(Topic topic, List<Request> batch, Lane lane) {
        List<AppendResult> results = null;
        RuntimeException failure = new IllegalStateException("the append did not complete");
        try {
            results = log.appendAll(topic, batch.stream().map(r -> r.pending).toList());
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            finish(batch, lane, results, failure);
        }
    }

    private static void finish(List<Request> batch, Lane lane, List<AppendResult> results, RuntimeException failure) {
        synchronized (lane) {
            for (int i = 0; i < batch.size(); i++) {
                Request r = batch.get(i);
                if (failure != null) {
                    r.failure = failure;
                } else {
                    r.result = results.get(i);
                }
                r.done = true;
            }
            lane.writing = false;
            lane.notifyAll();
        }
    }
}
