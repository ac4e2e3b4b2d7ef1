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
import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Service implementing {@link StreamEventsUseCase}. Each feed subscribes to live events first (this instance's
 * own publishes through {@link LocalFeeds}, every instance's through the live stream), then catches up from
 * history, and from then on sends only the event right after the last one sent: older ones are dropped (already
 * sent), later ones wait in sequence order; a gap still open after {@code GAP_WAIT_MILLIS} means a live event
 * was missed, and is filled from history. A periodic check fills whatever the live channels lost (Redis down, a
 * message dropped), so nothing is missed or repeated.
 */
public class StreamEventsService implements StreamEventsUseCase {
    private static final Logger LOG = Logger.getLogger(StreamEventsService.class.getName());
    private static final int CATCH_UP_BATCH = 500;
    /** How long a feed waits for a missing event to arrive live (out of order) before reading it from history. */
    private static final long GAP_WAIT_MILLIS = 5;

    private final EventLog log;
    private final EventStream stream;
    private final EventHistory history;
    private final EventsPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final LocalFeeds localFeeds;

    public StreamEventsService(EventLog log, EventStream stream, EventsPolicy policy, ScheduledExecutorService scheduler) {
        this(log, stream, policy, scheduler, null);
    }

    /** With this instance's publishes handed over directly ({@code localFeeds}, null: the live stream only). */
    public StreamEventsService(EventLog log, EventStream stream, EventsPolicy policy, ScheduledExecutorService scheduler,
                               LocalFeeds localFeeds) {
        this.localFeeds = localFeeds;
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
        private final PriorityBlockingQueue<Event> live =
                new PriorityBlockingQueue<>(16, Comparator.comparingLong(Event::sequence));
        /** A gap check is scheduled: further gaps need no further timer. */
        private final AtomicBoolean gapCheckArmed = new AtomicBoolean();
        private Runnable localListener = () -> { };
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
            if (localFeeds != null) {
                localListener = localFeeds.listen(tenant, topic, event -> {
                    live.add(event);
                    schedule(false);
                });
            }
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
                    while (!closed.get() && (next = live.peek()) != null) {
                        if (next.sequence() > lastSent + 1) {
                            // a gap: the missing event may be arriving out of order; if not, history has it
                            armGapCheck();
                            break;
                        }
                        live.poll();
                        if (next.sequence() == lastSent + 1) {
                            send(next);
                        }
                    }
                } catch (RuntimeException storesDown) {
                    // Postgres unreachable too: the next check retries; the client keeps its place
                    LOG.log(Level.FINE, "live feed could not catch up: " + storesDown.getClass().getSimpleName());
                    catchUp.set(true);
                }
            }
        }

        private void armGapCheck() {
            if (gapCheckArmed.compareAndSet(false, true)) {
                scheduler.schedule(() -> {
                    gapCheckArmed.set(false);
                    schedule(true);
                }, GAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
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
                localListener.run();
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
