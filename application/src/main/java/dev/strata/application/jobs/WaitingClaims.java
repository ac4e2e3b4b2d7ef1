package dev.strata.application.jobs;

import dev.strata.application.jobs.port.ClaimJobsCommand;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The claims waiting for jobs on this instance. Postgres stays the only place a job is claimed; what a waiting claim
 * waits for is a reason to try again: a live event of the queue's topic (any change but a claim: an enqueue, a retry,
 * a lease released, a slot freed, a resume, from any instance), the next due time the store knows of (a delayed job,
 * a backoff or a lease ending), or the poll interval (a wake-up lost with Redis). Between attempts a claim holds no
 * thread and no connection: attempts run on the bounded executor. One live subscription per tenant and queue serves
 * all local waiters and lingers a while after the last one, so that a worker's next claim finds it open.
 */
final class WaitingClaims {
    private static final Logger LOG = Logger.getLogger(WaitingClaims.class.getName());
    private static final String CLAIMED = "job." + dev.strata.domain.jobs.JobState.RUNNING.wire();
    private static final long LINGER_NANOS = Duration.ofSeconds(30).toNanos();

    private final ClaimWaits waits;
    private final JobQueue queue;
    private final Clock clock;
    private final Function<ClaimJobsCommand, List<Job>> claimOnce;
    /** Guarded by itself. */
    private final Map<Key, Channel> channels = new HashMap<>();
    /** Guarded by {@link #channels}. */
    private final Map<TenantId, Integer> waitingPerTenant = new HashMap<>();

    WaitingClaims(ClaimWaits waits, JobQueue queue, Clock clock, Function<ClaimJobsCommand, List<Job>> claimOnce) {
        this.waits = waits;
        this.queue = queue;
        this.clock = clock;
        this.claimOnce = claimOnce;
        waits.executor().scheduleWithFixedDelay(this::closeIdle, 10, 10, TimeUnit.SECONDS);
    }

    private record Key(TenantId tenant, QueueName queue) {
    }

    /** The live subscription of one tenant's queue and the local claims waiting on it. */
    private static final class Channel {
        final Set<Waiter> waiters = new LinkedHashSet<>();
        EventStream.Subscription subscription;
        long idleSince = System.nanoTime();
    }

    /** Waits (without a thread) until {@code command} claims a job or {@code deadlineNanos} passes. */
    CompletableFuture<List<Job>> await(ClaimJobsCommand command, long deadlineNanos) {
        Waiter waiter = new Waiter(TenantContext.require(), command, deadlineNanos);
        register(waiter);
        // registered before the first attempt: a change committed after that attempt looked is a wake-up it gets
        waiter.wake();
        return waiter.result;
    }

    private void register(Waiter waiter) {
        Key key = waiter.key;
        Channel channel;
        synchronized (channels) {
            int waiting = waitingPerTenant.getOrDefault(key.tenant(), 0);
            if (waits.waitingClaims() != null && !waits.waitingClaims().admits(waiting)) {
                throw new QuotaExceededException(waits.waitingClaims());
            }
            waitingPerTenant.put(key.tenant(), waiting + 1);
            channel = channels.computeIfAbsent(key, k -> new Channel());
            channel.waiters.add(waiter);
            if (channel.subscription != null || waits.stream() == null) {
                return;
            }
            try {
                channel.subscription = TenantContext.callAs(key.tenant(), () ->
                        waits.stream().subscribe(Topic.of(key.queue().topic()), event -> wake(key, event)));
            } catch (RuntimeException redisDown) {
                // no live channel now: the poll interval bounds the wait; the next waiter tries again
                LOG.log(Level.FINE, "no live channel for waiting claims: " + redisDown.getClass().getSimpleName());
            }
        }
    }

    private void unregister(Waiter waiter) {
        synchronized (channels) {
            Channel channel = channels.get(waiter.key);
            if (channel != null && channel.waiters.remove(waiter)) {
                waitingPerTenant.computeIfPresent(waiter.key.tenant(), (t, n) -> n <= 1 ? null : n - 1);
                if (channel.waiters.isEmpty()) {
                    channel.idleSince = System.nanoTime();
                }
            }
        }
    }

    private void wake(Key key, Event event) {
        if (CLAIMED.equals(event.type())) {
            return; // a claim makes nothing claimable
        }
        List<Waiter> waiting;
        synchronized (channels) {
            Channel channel = channels.get(key);
            if (channel == null) {
                return;
            }
            waiting = List.copyOf(channel.waiters);
        }
        waiting.forEach(Waiter::wake);
    }

    private void closeIdle() {
        long now = System.nanoTime();
        synchronized (channels) {
            channels.values().removeIf(channel -> {
                if (!channel.waiters.isEmpty() || now - channel.idleSince < LINGER_NANOS) {
                    return false;
                }
                if (channel.subscription != null) {
                    try {
                        channel.subscription.close();
                    } catch (RuntimeException ignored) {
                        // the channel is gone already
                    }
                }
                return true;
            });
        }
    }

    /** How many claims wait on this instance now (for tests and metrics). */
    int waiting() {
        synchronized (channels) {
            return waitingPerTenant.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One waiting claim: at most one attempt queued or running at a time; a wake during an attempt repeats it. */
    private final class Waiter {
        final Key key;
        final TenantId tenant;
        final ClaimJobsCommand command;
        final long deadlineNanos;
        final CompletableFuture<List<Job>> result = new CompletableFuture<>();
        final AtomicBoolean queued = new AtomicBoolean();
        volatile boolean signalled;
        /** Guarded by this. */
        ScheduledFuture<?> timer;

        Waiter(TenantId tenant, ClaimJobsCommand command, long deadlineNanos) {
            this.key = new Key(tenant, command.queue());
            this.tenant = tenant;
            this.command = command;
            this.deadlineNanos = deadlineNanos;
        }

        void wake() {
            signalled = true;
            if (!result.isDone() && queued.compareAndSet(false, true)) {
                try {
                    waits.executor().execute(this::attempt);
                } catch (RuntimeException shutDown) {
                    finish(null, shutDown);
                }
            }
        }

        private void attempt() {
            signalled = false;
            long delayMillis;
            try {
                List<Job> jobs = TenantContext.callAs(tenant, () -> claimOnce.apply(command));
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (!jobs.isEmpty() || left <= 0) {
                    finish(jobs, null);
                    return;
                }
                delayMillis = Math.min(left, waits.pollInterval().toMillis());
                Instant now = clock.now();
                Optional<Instant> due = TenantContext.callAs(tenant, () ->
                        queue.nextDueAfter(command.queue(), command.types(), now));
                if (due.isPresent()) {
                    // run_at <= now is due: one millisecond past the due time
                    delayMillis = Math.min(delayMillis, Duration.between(now, due.get()).toMillis() + 1);
                }
            } catch (RuntimeException e) {
                finish(null, e);
                return;
            }
            synchronized (this) {
                if (timer != null) {
                    timer.cancel(false);
                }
                if (!result.isDone()) {
                    timer = waits.executor().schedule(this::wake, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
                }
            }
            queued.set(false);
            if (signalled) {
                wake();
            }
        }

        private void finish(List<Job> jobs, RuntimeException failure) {
            unregister(this);
            synchronized (this) {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(jobs);
            }
        }
    }
}
