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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Group commit of concurrent publishes to one topic: the requests waiting for a topic are appended together in one
 * append of up to {@code maxBatch} events, with one append of a topic in flight on this instance (more would only
 * split the waiting publishes into small batches queueing on the topic's counter row). Nobody waits on a thread:
 * a publish that finds its topic idle becomes the topic's writer and appends batch after batch until nobody waits;
 * every other publish only queues its request. Each request's future completes after the append holding its event
 * committed and was numbered (the batch's new events went to this instance's live feeds of the topic first), and
 * wakes only its own caller. The futures of a batch are completed on {@code answers}, so that what their callers do
 * next (an HTTP answer is encoded and written) runs beside the topic's next append instead of before it.
 */
final class PublishLanes {
    private record Key(TenantId tenant, Topic topic) {
    }

    private record Request(EventLog.Pending pending, CompletableFuture<AppendResult> result) {
    }

    private static final class Lane {
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        /** A writer drains this lane: new requests only queue. */
        boolean writing;
        /** Left the map once idle: a late request takes a fresh lane. */
        boolean retired;
    }

    private final EventLog log;
    private final int maxBatch;
    private final LocalFeeds feeds;
    private final Executor answers;
    private final Map<Key, Lane> lanes = new ConcurrentHashMap<>();

    /** @param answers runs the completion of each batch's futures (null: the writer completes them itself) */
    PublishLanes(EventLog log, int maxBatch, LocalFeeds feeds, Executor answers) {
        this.log = log;
        this.maxBatch = maxBatch;
        this.feeds = feeds;
        this.answers = answers;
    }

    /**
     * Appends the event (in the current tenant) together with whatever else waits for the same topic. When the topic
     * is idle, the calling thread appends (and keeps appending the batches that queue meanwhile) before this returns;
     * otherwise it returns at once and the topic's writer completes the future.
     */
    CompletableFuture<AppendResult> append(Topic topic, EventLog.Pending pending) {
        Key key = new Key(TenantContext.require(), topic);
        Request request = new Request(pending, new CompletableFuture<>());
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            boolean write;
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                lane.waiting.add(request);
                write = !lane.writing;
                lane.writing = true;
            }
            if (write) {
                drain(key, lane);
            }
            return request.result();
        }
    }

    /** Appends the lane's waiting requests, a batch at a time, until none waits; then leaves the lane idle. */
    private void drain(Key key, Lane lane) {
        while (true) {
            List<Request> batch = new ArrayList<>(Math.min(maxBatch, 64));
            synchronized (lane) {
                if (lane.waiting.isEmpty()) {
                    lane.writing = false;
                    lane.retired = true;
                    lanes.remove(key, lane);
                    return;
                }
                while (batch.size() < maxBatch && !lane.waiting.isEmpty()) {
                    batch.add(lane.waiting.poll());
                }
            }
            write(key, batch);
        }
    }

    private void write(Key key, List<Request> batch) {
        List<AppendResult> results;
        try {
            results = log.appendAll(key.topic(), batch.stream().map(Request::pending).toList());
        } catch (RuntimeException | Error e) {
            batch.forEach(r -> r.result().completeExceptionally(e));
            return;
        }
        if (feeds != null) {
            try {
                feeds.published(key.tenant(), key.topic(), results.stream().filter(r -> !r.replayed())
                        .map(AppendResult::event).sorted(Comparator.comparingLong(Event::sequence)).toList());
            } catch (RuntimeException ignored) {
                // the feeds catch up from history; the events are committed and their publishers are answered
            }
        }
        Runnable answer = () -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        };
        if (answers == null) {
            answer.run();
            return;
        }
        try {
            answers.execute(answer);
        } catch (RejectedExecutionException shutDown) {
            answer.run();
        }
    }
}
