package dev.strata.application.events;

import dev.strata.application.events.port.StreamEventsQuery;
import dev.strata.application.events.port.StreamEventsUseCase;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Service implementing {@link StreamEventsUseCase}. Each feed subscribes to live events first, then catches up
 * from history, and from then on sends only the event right after the last one sent: older ones are dropped
 * (already sent), a jump means a live event was missed and is filled from history. A periodic check fills
 * whatever the live channel lost (Redis down, a message dropped), so nothing is missed or repeated.
 */
public class StreamEventsService implements StreamEventsUseCase {
    private static final Logger LOG = Logger.getLogger(StreamEventsService.class.getName());
    private static final int CATCH_UP_BATCH = 500;

    private final EventLog log;
    private final EventStream stream;
    private final EventHistory history;
    private final EventsPolicy policy;
    private final ScheduledExecutorService scheduler;

    public StreamEventsService(EventLog log, EventStream stream, EventsPolicy policy, ScheduledExecutorService scheduler) {
        this.log = log;
        this.stream = stream;
        this.history = new EventHistory(log, stream);
        this.policy = policy;
        this.scheduler = scheduler;
    }

    @Override
    public Feed open(StreamEventsQuery query, Sink sink) {
        long after = query.after().orElseGet(() -> log.lastSequence(query.topic()));
        return new LiveFeed(TenantContext.require(), query.topic(), after, sink);
    }

    private final class LiveFeed implements Feed {
        private final TenantId tenant;
        private final Topic topic;
        private final Sink sink;
        private final ConcurrentLinkedQueue<Event> live = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Object turn = new Object();
        /** A pump is queued and has not started draining yet: live events need no further task. */
        private final AtomicBoolean pumpQueued = new AtomicBoolean();
        private final AtomicBoolean catchUp = new AtomicBoolean(true);
        private long lastSent;
        private EventStream.Subscription subscription;
        private ScheduledFuture<?> heartbeat;
        private ScheduledFuture<?> poll;

        LiveFeed(TenantId tenant, Topic topic, long after, Sink sink) {
            this.tenant = tenant;
            this.topic = topic;
            this.lastSent = after;
            this.sink = sink;
        }

        @Override
        public void start() {
            try {
                subscription = TenantContext.callAs(tenant, () -> stream.subscribe(topic, event -> {
                    live.add(event);
                    schedule(false);
                }));
            } catch (RuntimeException redisDown) {
                // no live channel: the periodic check still delivers everything
                subscription = () -> { };
            }
            heartbeat = scheduler.scheduleAtFixedRate(() -> {
                if (!closed.get() && !sink.heartbeat()) {
                    close();
                }
            }, policy.heartbeat().toMillis(), policy.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
            poll = scheduler.scheduleWithFixedDelay(() -> schedule(true), 0, policy.pollInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        private void schedule(boolean check) {
            if (closed.get()) {
                return;
            }
            if (check) {
                catchUp.set(true);
            }
            // one queued pump per feed however fast events arrive: the shared scheduler threads are never all
            // parked on one busy feed's lock while other feeds wait
            if (pumpQueued.compareAndSet(false, true)) {
                scheduler.execute(() -> TenantContext.runAs(tenant, this::pump));
            }
        }

        /** Runs one at a time per feed; sends in sequence order without repeats. */
        private void pump() {
            synchronized (turn) {
                // from here on, a new live event queues another pump: nothing added later is left unsent
                pumpQueued.set(false);
                if (closed.get()) {
                    return;
                }
                try {
                    if (catchUp.getAndSet(false)) {
                        fill();
                    }
                    Event next;
                    while (!closed.get() && (next = live.poll()) != null) {
                        if (next.sequence() == lastSent + 1) {
                            send(next);
                        } else if (next.sequence() > lastSent + 1) {
                            fill();
                        }
                    }
                } catch (RuntimeException storesDown) {
                    // Postgres unreachable too: the next check retries; the client keeps its place
                    LOG.log(Level.FINE, "live feed could not catch up: " + storesDown.getClass().getSimpleName());
                    catchUp.set(true);
                }
            }
        }

        private void fill() {
            while (!closed.get()) {
                List<Event> batch = history.after(topic, lastSent, CATCH_UP_BATCH);
                for (Event event : batch) {
                    if (event.sequence() == lastSent + 1) {
                        send(event);
                    }
                }
                if (batch.size() < CATCH_UP_BATCH) {
                    return;
                }
            }
        }

        private void send(Event event) {
            if (closed.get()) {
                return;
            }
            if (sink.send(event)) {
                lastSent = event.sequence();
            } else {
                // the client does not keep up: end its feed rather than buffer without bound or slow anyone down
                close();
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                if (heartbeat != null) {
                    heartbeat.cancel(false);
                }
                if (poll != null) {
                    poll.cancel(false);
                }
                if (subscription != null) {
                    try {
                        subscription.close();
                    } catch (RuntimeException ignored) {
                        // the channel is gone already
                    }
                }
                live.clear();
                sink.end();
            }
        }
    }
}
