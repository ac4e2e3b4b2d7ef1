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
 * <p>
 * An event wakes only the claims it can help, so that one change does not start an attempt of every waiter: a job
 * delayed (enqueued for later, or retried after a backoff) sets a timer at its run time on one waiter of each types
 * filter that takes it, the due-time watcher; a finished job (a slot freed for a concurrency limit) and a job promoted
 * by another claim wake one waiter per types filter; a claim, a cancel or a pause wake none. Among the waiters of one
 * types filter only one watches the next due time; a claim that leaves with jobs, or the watcher leaving at its
 * deadline, wakes the next waiter of its filter, which tries at once and then watches the next due time itself.
 */
final class WaitingClaims {
    private static final Logger LOG = Logger.getLogger(WaitingClaims.class.getName());
    private static final String RUNNING = dev.strata.domain.jobs.JobState.RUNNING.wire();
    private static final String DELAYED = dev.strata.domain.jobs.JobState.DELAYED.wire();
    private static final String CLAIMED = "job." + RUNNING;
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
        String type = event.type();
        if (CLAIMED.equals(type) || "job.cancelled".equals(type) || "queue.paused".equals(type)) {
            return; // a claim, a cancel or a pause makes nothing claimable
        }
        Optional<JobEvents.Facts> facts = Optional.empty();
        if (type.startsWith("job.")) {
            try {
                facts = JobEvents.facts(event.data());
            } catch (RuntimeException unreadable) {
                facts = Optional.empty();
            }
        }
        if (facts.isEmpty()) {
            wakeAll(key); // a resume, or news this instance cannot read: every waiter tries
            return;
        }
        JobEvents.Facts job = facts.get();
        boolean slotFreed = job.previous().filter(RUNNING::equals).isPresent();
        switch (type) {
            case "job.delayed" -> {
                job.runAt().ifPresentOrElse(at -> watchDue(key, job.type(), at), () -> wakeOnePerFilter(key, job.type()));
                if (slotFreed) {
                    wakeOnePerFilter(key, null);
                }
            }
            case "job.completed", "job.failed", "job.dead" -> wakeOnePerFilter(key, null);
            case "job.waiting" -> {
                if (job.previous().filter(DELAYED::equals).isPresent()) {
                    // promoted by a claim, which takes what it asked for: one more waiter per filter tries
                    wakeOnePerFilter(key, job.type());
                } else {
                    wakeAll(key);
                }
            }
            default -> wakeAll(key);
        }
    }

    private List<Waiter> waiters(Key key) {
        synchronized (channels) {
            Channel channel = channels.get(key);
            return channel == null ? List.of() : List.copyOf(channel.waiters);
        }
    }

    private void wakeAll(Key key) {
        waiters(key).forEach(Waiter::wake);
    }

    /** Wakes the longest-waiting claim of each types filter that takes {@code jobType} (null: any filter). */
    private void wakeOnePerFilter(Key key, String jobType) {
        Set<Set<String>> seen = new java.util.HashSet<>();
        for (Waiter waiter : waiters(key)) {
            if (takes(waiter, jobType) && seen.add(waiter.command.types())) {
                waiter.wake();
            }
        }
    }

    /** Makes sure one waiter of each types filter that takes {@code jobType} tries again at {@code runAt}. */
    private void watchDue(Key key, String jobType, Instant runAt) {
        long delayMillis = Math.max(1, Duration.between(clock.now(), runAt).toMillis() + 1);
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        Set<Set<String>> covered = new java.util.HashSet<>();
        List<Waiter> all = waiters(key);
        for (Waiter waiter : all) {
            if (takes(waiter, jobType) && waiter.watchesBy(at)) {
                covered.add(waiter.command.types());
            }
        }
        for (Waiter waiter : all) {
            if (takes(waiter, jobType) && covered.add(waiter.command.types())) {
                waiter.watchAt(at, delayMillis);
            }
        }
    }

    /** True when another waiter with the same types filter as {@code waiter} will try again by {@code at}. */
    private boolean watchedBy(Waiter waiter, long at) {
        for (Waiter other : waiters(waiter.key)) {
            if (other != waiter && other.command.types().equals(waiter.command.types()) && other.watchesBy(at)) {
                return true;
            }
        }
        return false;
    }

    /** Hands the due-time watch of {@code waiter}'s types filter to the next waiter of that filter, if any. */
    private void handOver(Waiter waiter) {
        for (Waiter other : waiters(waiter.key)) {
            if (other != waiter && other.command.types().equals(waiter.command.types())) {
                other.wake();
                return;
            }
        }
    }

    private static boolean takes(Waiter waiter, String jobType) {
        return jobType == null || waiter.command.types().isEmpty() || waiter.command.types().contains(jobType);
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
        /** When {@link #timer} fires (System.nanoTime()); guarded by this. */
        long timerAt;
        /** Whether the timer is set at a due time (this waiter watches it for its types filter); guarded by this. */
        boolean watching;

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
                    finish(null, shutDown, false);
                }
            }
        }

        /** True when this waiter's timer is set at a due time no later than {@code at}. */
        synchronized boolean watchesBy(long at) {
            return watching && !result.isDone() && timer != null && !timer.isDone() && timerAt <= at;
        }

        /** Sets the timer at {@code at} (a due time) unless it fires earlier already; this waiter then watches it. */
        void watchAt(long at, long delayMillis) {
            synchronized (this) {
                if (result.isDone() || (timer != null && !timer.isDone() && timerAt <= at)) {
                    return;
                }
                schedule(at, delayMillis, true);
            }
        }

        /** Guarded by this. */
        private void schedule(long at, long delayMillis, boolean due) {
            if (timer != null) {
                timer.cancel(false);
            }
            timer = waits.executor().schedule(this::wake, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
            timerAt = at;
            watching = due;
        }

        private void attempt() {
            signalled = false;
            boolean watched;
            synchronized (this) {
                // the watch this attempt answers for: handed on when the claim leaves with it
                watched = watching && timer != null && timer.isDone();
            }
            long delayMillis;
            boolean due = false;
            try {
                List<Job> jobs = TenantContext.callAs(tenant, () -> claimOnce.apply(command));
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (!jobs.isEmpty() || left <= 0) {
                    finish(jobs, null, watched);
                    return;
                }
                delayMillis = Math.min(left, waits.pollInterval().toMillis());
                Instant now = clock.now();
                Optional<Instant> next = TenantContext.callAs(tenant, () ->
                        queue.nextDueAfter(command.queue(), command.types(), now));
                if (next.isPresent()) {
                    // run_at <= now is due: one millisecond past the due time
                    long dueMillis = Math.max(1, Duration.between(now, next.get()).toMillis() + 1);
                    if (dueMillis < delayMillis
                            && !watchedBy(this, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(dueMillis))) {
                        delayMillis = dueMillis;
                        due = true;
                    }
                }
            } catch (RuntimeException e) {
                finish(null, e, watched);
                return;
            }
            synchronized (this) {
                long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
                // a due time an event set while this attempt ran stays, when it comes first
                boolean earlierSet = timer != null && !timer.isDone() && timerAt <= at;
                if (!result.isDone() && !earlierSet) {
                    schedule(at, delayMillis, due);
                }
            }
            queued.set(false);
            if (signalled) {
                wake();
            }
        }

        private void finish(List<Job> jobs, RuntimeException failure, boolean watched) {
            unregister(this);
            // a claim that leaves with jobs may leave more due: the next waiter of its filter tries at once
            boolean handOver = watched || (jobs != null && !jobs.isEmpty());
            synchronized (this) {
                if (timer != null) {
                    handOver |= watching && !timer.isDone();
                    timer.cancel(false);
                }
                watching = false;
            }
            if (handOver) {
                handOver(this);
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(jobs);
            }
        }
    }
}
