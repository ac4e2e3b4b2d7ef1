package dev.strata.application.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.application.jobs.port.ClaimJobsCommand;
import dev.strata.application.jobs.port.EnqueueJobCommand;
import dev.strata.domain.events.InMemoryEventLog;
import dev.strata.domain.events.InMemoryEventStream;
import dev.strata.domain.events.Topic;
import dev.strata.domain.jobs.InMemoryJobQueue;
import dev.strata.domain.jobs.InMemoryJobSchedules;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.shared.InMemoryUnitOfWork;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claims waiting for jobs: woken by the queue's live events (here relayed by hand, so nothing else wakes them: the
 * poll is longer than any wait of these tests), a resume among them, and held to the per-tenant quota.
 */
class WaitingClaimsTest {
    private static final QueueName EMAILS = new QueueName("emails");
    private static final long WAIT_MS = 30_000;

    private final MutableClock clock = new MutableClock();
    private final InMemoryJobQueue queue = new InMemoryJobQueue();
    private final InMemoryEventLog log = new InMemoryEventLog(clock);
    private final InMemoryEventStream stream = new InMemoryEventStream();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final JobsService service = new JobsService(queue, new InMemoryJobSchedules(queue), log,
            new InMemoryUnitOfWork(), clock, () -> { }, null,
            new ClaimWaits(stream, executor, Duration.ofMinutes(10), new Quota("waiting-claims", 1)));
    private TenantId tenant;
    private TenantId previous;

    @BeforeEach
    void tenant() {
        tenant = new TenantId(UUID.randomUUID());
        previous = TenantContext.swap(tenant);
    }

    @AfterEach
    void restore() {
        TenantContext.swap(previous);
        executor.shutdownNow();
    }

    /** What the relay does: the log's events of the queue's topic go to the live stream and its subscribers. */
    private void relay() {
        Topic topic = Topic.of(EMAILS.topic());
        stream.append(topic, 0, log.readAfter(topic, 0, 1000), 0);
    }

    private CompletableFuture<List<Job>> claimWaiting(String worker) {
        return service.claimAsync(new ClaimJobsCommand(EMAILS, worker, 1, Set.of(), WAIT_MS));
    }

    private JobId enqueue() {
        return service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "{}"), Optional.empty())).job().id();
    }

    @Test
    void aWaitingClaimIsWokenByTheQueuesLiveEventAndGetsTheJob() throws Exception {
        CompletableFuture<List<Job>> waiting = claimWaiting("w1");
        assertFalse(waiting.isDone(), "nothing to claim: it waits");
        JobId id = enqueue();
        relay();
        assertEquals(List.of(id), waiting.get(20, TimeUnit.SECONDS).stream().map(Job::id).toList());
    }

    @Test
    void aResumeWakesTheClaimsWaitingOnAPausedQueue() throws Exception {
        service.setPaused(EMAILS, true);
        JobId id = enqueue();
        relay();
        CompletableFuture<List<Job>> waiting = claimWaiting("w1");
        assertFalse(waiting.isDone(), "paused: it waits");
        service.setPaused(EMAILS, false);
        relay();
        assertEquals(List.of(id), waiting.get(20, TimeUnit.SECONDS).stream().map(Job::id).toList());
        assertEquals(List.of("queue.paused", "job.waiting", "queue.resumed", "job.running"),
                log.readAfter(Topic.of(EMAILS.topic()), 0, 100).stream().map(e -> e.type()).toList());
    }

    @Test
    void aTenantHasAtMostItsQuotaOfClaimsWaitingAndOthersAreApart() throws Exception {
        CompletableFuture<List<Job>> first = claimWaiting("w1");
        QuotaExceededException refused = assertThrows(QuotaExceededException.class, () -> claimWaiting("w2"));
        assertEquals("waiting-claims", refused.quota().name());
        TenantId other = new TenantId(UUID.randomUUID());
        CompletableFuture<List<Job>> elsewhere = TenantContext.callAs(other, () -> claimWaiting("w3"));
        assertFalse(elsewhere.isDone(), "another tenant's claims count apart");
        JobId id = enqueue();
        relay();
        assertEquals(List.of(id), first.get(20, TimeUnit.SECONDS).stream().map(Job::id).toList());
        assertFalse(elsewhere.isDone(), "another tenant's claim gets nothing of this tenant's queue");
        CompletableFuture<List<Job>> next = claimWaiting("w2");
        assertFalse(next.isDone(), "a slot is free again once the first claim answered");
    }

    @Test
    void aDelayedJobsEventSetsTheWaitingClaimsTimerAtItsRunAtWithoutAnAttemptBefore() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        JobQueue counting = (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(),
                new Class<?>[] {JobQueue.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("claim")) {
                        attempts.incrementAndGet();
                    }
                    try {
                        return method.invoke(queue, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JobsService waiting = new JobsService(counting, new InMemoryJobSchedules(queue), log, new InMemoryUnitOfWork(),
                clock, () -> { }, null, new ClaimWaits(stream, executor, Duration.ofMinutes(10), null));
        CompletableFuture<List<Job>> claim = waiting.claimAsync(new ClaimJobsCommand(EMAILS, "w1", 1, Set.of(), WAIT_MS));
        // the claim tries once, then once more as a registered waiter, and finds nothing due
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (attempts.get() < 2 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        assertEquals(2, attempts.get());
        JobId id = service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "{}").withDelaySeconds(3),
                Optional.empty())).job().id();
        relay();
        Thread.sleep(500);
        assertEquals(2, attempts.get(), "the job.delayed event starts no attempt: nothing is claimable before runAt");
        assertFalse(claim.isDone());
        clock.advance(Duration.ofSeconds(3));
        // the poll is 10 minutes: only the timer the event set at runAt answers within the wait
        assertEquals(List.of(id), claim.get(20, TimeUnit.SECONDS).stream().map(Job::id).toList());
        assertEquals(3, attempts.get(), "one more attempt, at the job's runAt");
    }
}
