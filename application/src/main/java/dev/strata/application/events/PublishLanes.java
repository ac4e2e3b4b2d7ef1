package dev.strata.application.events;

import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit of concurrent publishes to one topic: the requests waiting for a topic are appended together, by
 * one of them, in one append of up to {@code maxBatch} events, with at most {@code maxWriters} appends of one
 * topic in flight on this instance (more than one splits the waiting publishes into small batches that only queue
 * on the topic's counter row). Each caller returns only after the append holding its event committed and was
 * numbered; the batch's new events go to this instance's live feeds of the topic first.
 */
final class PublishLanes {
    private record Key(TenantId tenant, Topic topic) {
    }

    private static final class Request {
        final EventLog.Pending pending;
        AppendResult result;
        RuntimeException failure;
        boolean taken;
        boolean done;

        Request(EventLog.Pending pending) {
            this.pending = pending;
        }
    }

    private static final class Lane {
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        int writers;
    }

    private final EventLog log;
    private final int maxBatch;
    private final int maxWriters;
    private final LocalFeeds feeds;
    private final Map<Key, Lane> lanes = new ConcurrentHashMap<>();

    PublishLanes(EventLog log, int maxBatch, int maxWriters, LocalFeeds feeds) {
        this.log = log;
        this.maxBatch = maxBatch;
        this.maxWriters = maxWriters;
        this.feeds = feeds;
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
                while (!request.done && (request.taken || lane.writers >= maxWriters)) {
                    try {
                        lane.wait();
                    } catch (InterruptedException e) {
                        // keep waiting: the writer may commit the event, and the caller must learn whether it did
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
                    Request next = lane.waiting.poll();
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
        return request.result;
    }

    private void write(Key key, List<Request> batch, Lane lane) {
        List<AppendResult> results = null;
        RuntimeException failure = new IllegalStateException("the append did not complete");
        try {
            results = log.appendAll(key.topic(), batch.stream().map(r -> r.pending).toList());
            failure = null;
            if (feeds != null) {
                feeds.published(key.tenant(), key.topic(), results.stream().filter(r -> !r.replayed())
                        .map(AppendResult::event).sorted(Comparator.comparingLong(Event::sequence)).toList());
            }
        } catch (RuntimeException e) {
            failure = results == null ? e : null;
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
            lane.writers--;
            lane.notifyAll();
        }
    }
}
