package dev.strata.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Contract test of {@link JobQueue}: enqueue and dedup, delays, priority then FIFO, leases held by one worker,
 * heartbeats, completion, failures with backoff until dead, expired leases, cancel and retry, pause and concurrency,
 * counts and listings, the pending-jobs quota, tenants apart, bad input. Time is passed in, never slept.
 */
public abstract class JobQueueContract extends ContractSupport {
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    protected JobQueue jobs;
    protected TenantId tenant;
    protected QueueName queue;

    protected abstract JobQueue createSubject();

    @BeforeEach
    void createQueue() {
        jobs = createSubject();
        tenant = newTenant();
        queue = new QueueName("q-" + unique());
    }

    protected Job enqueue(JobSpec spec, Instant now) {
        return as(tenant, () -> jobs.enqueue(queue, spec, now, null)).job();
    }

    protected Job enqueue(String type) {
        return enqueue(JobSpec.of(type, "{\"n\":1}"), T0);
    }

    protected List<Job> claim(String worker, int count, Instant now) {
        return as(tenant, () -> jobs.claim(queue, worker, count, Set.of(), now)).jobs();
    }

    protected Job find(Job job) {
        return as(tenant, () -> jobs.find(job.id())).orElseThrow();
    }

    private static void assertNames(String field, Executable action) {
        assertEquals(field, assertThrows(InvalidInputException.class, action).field());
    }

    @Test
    void anEnqueuedJobIsWaitingWithEverythingItsCreatorAskedFor() {
        Backoff backoff = new Backoff(BackoffType.FIXED, 7, 70);
        Enqueued enqueued = as(tenant, () -> jobs.enqueue(queue, JobSpec.of("email.send", "{\"to\":\"x\"}")
                .withPriority(4).withMaxAttempts(5).withBackoff(backoff).withTimeoutSeconds(60), T0, null));
        assertTrue(enqueued.created());
        assertEquals(Optional.of(JobChange.created(enqueued.job())), enqueued.change());
        Job job = find(enqueued.job());
        assertEquals(enqueued.job(), job);
        assertEquals(JobState.WAITING, job.state());
        assertEquals(queue, job.queue());
        assertEquals("email.send", job.type());
        assertEquals("{\"to\":\"x\"}", job.payload());
        assertEquals(4, job.priority());
        assertEquals(5, job.maxAttempts());
        assertEquals(backoff, job.backoff());
        assertEquals(60, job.timeoutSeconds());
        assertEquals(0, job.attempts());
        assertEquals(T0, job.createdAt());
        assertEquals(T0, job.runAt());
        assertTrue(job.worker().isEmpty() && job.leaseUntil().isEmpty());
        assertTrue(as(tenant, () -> jobs.find(JobId.random())).isEmpty());
    }

    @Test
    void aDelayedJobIsNotClaimableBeforeItsTimeAndIsAtIt() {
        Job job = enqueue(JobSpec.of("t", "{}").withDelaySeconds(2), T0);
        assertEquals(JobState.DELAYED, job.state());
        assertEquals(T0.plusSeconds(2), job.runAt());
        assertTrue(claim("w", 1, T0.plusMillis(1999)).isEmpty());
        List<Job> claimed = claim("w", 1, T0.plusSeconds(2));
        assertEquals(List.of(job.id()), claimed.stream().map(Job::id).toList());
        Job runAtLater = enqueue(JobSpec.of("t", "{}").withRunAt(T0.plusSeconds(60)), T0);
        assertEquals(JobState.DELAYED, runAtLater.state());
        assertTrue(claim("w", 1, T0.plusSeconds(59)).isEmpty());
        assertEquals(runAtLater.id(), claim("w", 1, T0.plusSeconds(60)).get(0).id());
    }

    @Test
    void higherPriorityIsClaimedFirstAndFifoWithinOnePriority() {
        List<JobId> order = new ArrayList<>();
        Job a = enqueue(JobSpec.of("a", "{}").withPriority(0), T0);
        Job b = enqueue(JobSpec.of("b", "{}").withPriority(5), T0);
        Job c = enqueue(JobSpec.of("c", "{}").withPriority(5), T0);
        Job d = enqueue(JobSpec.of("d", "{}").withPriority(9), T0);
        Job e = enqueue(JobSpec.of("e", "{}").withPriority(0), T0);
        for (Job job : claim("w", 2, T0)) {
            order.add(job.id());
        }
        for (Job job : claim("w", 10, T0)) {
            order.add(job.id());
        }
        assertEquals(List.of(d.id(), b.id(), c.id(), a.id(), e.id()), order);
    }

    @Test
    void aClaimLeasesTheJobToOneWorkerUntilItsTimeout() {
        Job job = enqueue(JobSpec.of("t", "{}").withTimeoutSeconds(10), T0);
        Claimed claimed = as(tenant, () -> jobs.claim(queue, "w1", 5, Set.of(), T0.plusSeconds(1)));
        assertEquals(1, claimed.jobs().size());
        Job running = claimed.jobs().get(0);
        assertEquals(JobState.RUNNING, running.state());
        assertEquals(1, running.attempts());
        assertEquals(Optional.of("w1"), running.worker());
        assertEquals(Optional.of(T0.plusSeconds(11)), running.leaseUntil());
        assertEquals(Optional.of(T0.plusSeconds(1)), running.startedAt());
        assertTrue(claimed.changes().contains(JobChange.of(JobState.WAITING, running)));
        assertEquals(running, find(job));
        assertTrue(claim("w2", 5, T0.plusSeconds(10)).isEmpty(), "a live lease is never claimed again");
    }

    @Test
    void onlyTheTypesAskedForAreClaimed() {
        enqueue("a");
        Job b = enqueue("b");
        List<Job> claimed = as(tenant, () -> jobs.claim(queue, "w", 10, Set.of("b", "c"), T0)).jobs();
        assertEquals(List.of(b.id()), claimed.stream().map(Job::id).toList());
    }

    @Test
    void aHeartbeatExtendsTheLeaseOfItsHolderOnlyAndRecordsProgress() {
        Job job = enqueue(JobSpec.of("t", "{}").withTimeoutSeconds(10), T0);
        claim("w1", 1, T0);
        assertTrue(as(tenant, () -> jobs.heartbeat(job.id(), "w2", Optional.empty(), T0.plusSeconds(5))).isEmpty());
        Job beat = as(tenant, () -> jobs.heartbeat(job.id(), "w1", Optional.of(Progress.of(40, "halfway")),
                T0.plusSeconds(5))).orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(15)), beat.leaseUntil());
        assertEquals(Progress.of(40, "halfway"), beat.progress());
        Job again = as(tenant, () -> jobs.heartbeat(job.id(), "w1", Optional.empty(), T0.plusSeconds(12)))
                .orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(22)), again.leaseUntil());
        assertEquals(Progress.of(40, "halfway"), again.progress(), "a heartbeat without progress keeps it");
        assertTrue(claim("w2", 1, T0.plusSeconds(20)).isEmpty(), "the extended lease is still live");
    }

    @Test
    void onlyTheHolderCompletesAndOnlyOnce() {
        Job job = enqueue("t");
        claim("w1", 1, T0);
        assertTrue(as(tenant, () -> jobs.complete(job.id(), "w2", Optional.empty(), T0.plusSeconds(1))).isEmpty());
        JobChange done = as(tenant, () -> jobs.complete(job.id(), "w1", Optional.of("{\"ok\":true}"),
                T0.plusSeconds(2))).orElseThrow();
        assertEquals(Optional.of(JobState.RUNNING), done.previous());
        assertEquals(JobState.COMPLETED, done.job().state());
        assertEquals(Optional.of("{\"ok\":true}"), done.job().result());
        assertEquals(Optional.of(T0.plusSeconds(2)), done.job().finishedAt());
        assertEquals(done.job(), find(job));
        assertTrue(as(tenant, () -> jobs.complete(job.id(), "w1", Optional.empty(), T0.plusSeconds(3))).isEmpty());
        assertTrue(as(tenant, () -> jobs.heartbeat(job.id(), "w1", Optional.empty(), T0.plusSeconds(3))).isEmpty());
        assertTrue(claim("w1", 1, T0.plusSeconds(100)).isEmpty());
    }

    @Test
    void failuresRetryAfterAnExponentialBackoffWithJitterAndGoDeadAfterMaxAttempts() {
        Job job = enqueue(JobSpec.of("t", "{}").withMaxAttempts(3)
                .withBackoff(new Backoff(BackoffType.EXPONENTIAL, 10, 1000)), T0);
        Instant now = T0;
        for (int attempt = 1; attempt <= 2; attempt++) {
            Job running = claim("w", 1, now).get(0);
            assertEquals(attempt, running.attempts());
            Instant failedAt = now.plusSeconds(1);
            JobChange failed = as(tenant, () -> jobs.fail(job.id(), "w", "boom", true, failedAt)).orElseThrow();
            assertEquals(JobState.DELAYED, failed.job().state());
            assertEquals(Optional.of("boom"), failed.job().lastError());
            long waitMillis = Duration.between(failedAt, failed.job().runAt()).toMillis();
            long nominal = 10_000L << (attempt - 1);
            assertTrue(waitMillis >= nominal * 0.9 && waitMillis <= nominal * 1.1,
                    "attempt " + attempt + " waits " + waitMillis + " ms, nominal " + nominal);
            Instant retryAt = failed.job().runAt();
            assertTrue(claim("w", 1, retryAt.minusMillis(1)).isEmpty(), "not before the backoff");
            now = retryAt;
        }
        claim("w", 1, now);
        Instant lastFailure = now.plusSeconds(1);
        JobChange dead = as(tenant, () -> jobs.fail(job.id(), "w", "boom 3", true, lastFailure)).orElseThrow();
        assertEquals(JobState.DEAD, dead.job().state());
        assertEquals(3, dead.job().attempts());
        assertEquals(Optional.of(lastFailure), dead.job().finishedAt());
        assertTrue(claim("w", 1, lastFailure.plus(Duration.ofDays(1))).isEmpty());
    }

    @Test
    void aFixedBackoffWaitsTheBaseEveryTime() {
        Job job = enqueue(JobSpec.of("t", "{}").withMaxAttempts(5).withBackoff(new Backoff(BackoffType.FIXED, 20, 20)), T0);
        Instant now = T0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            claim("w", 1, now);
            Instant failedAt = now;
            Job failed = as(tenant, () -> jobs.fail(job.id(), "w", "x", true, failedAt)).orElseThrow().job();
            long waitMillis = Duration.between(failedAt, failed.runAt()).toMillis();
            assertTrue(waitMillis >= 18_000 && waitMillis <= 22_000, "waits " + waitMillis);
            now = failed.runAt();
        }
    }

    @Test
    void aFailureWithoutRetryIsFinalUntilRetriedByHand() {
        Job job = enqueue("t");
        claim("w", 1, T0);
        assertTrue(as(tenant, () -> jobs.fail(job.id(), "other", "x", false, T0)).isEmpty());
        JobChange failed = as(tenant, () -> jobs.fail(job.id(), "w", "bad payload", false, T0)).orElseThrow();
        assertEquals(JobState.FAILED, failed.job().state());
        assertTrue(claim("w", 1, T0.plusSeconds(3600)).isEmpty());
        JobChange retried = as(tenant, () -> jobs.retry(job.id(), T0.plusSeconds(10))).orElseThrow();
        assertEquals(Optional.of(JobState.FAILED), retried.previous());
        assertEquals(JobState.WAITING, retried.job().state());
        assertEquals(0, retried.job().attempts());
        assertEquals(1, claim("w", 1, T0.plusSeconds(10)).size());
        assertTrue(as(tenant, () -> jobs.retry(job.id(), T0.plusSeconds(11))).isEmpty(), "a running job is no retry");
    }

    @Test
    void aLeaseThatRunsOutCountsAsAFailedAttemptAndTheJobRunsAgain() {
        Job job = enqueue(JobSpec.of("t", "{}").withTimeoutSeconds(5).withMaxAttempts(2)
                .withBackoff(new Backoff(BackoffType.FIXED, 1, 1)), T0);
        claim("w1", 1, T0);
        // w1 dies: no heartbeat. At T0+6 the lease is over; a claim reaps it and the job waits for its backoff
        Claimed reaping = as(tenant, () -> jobs.claim(queue, "w2", 1, Set.of(), T0.plusSeconds(6)));
        assertTrue(reaping.jobs().isEmpty());
        assertTrue(reaping.changes().stream().anyMatch(change -> change.job().id().equals(job.id())
                && change.previous().equals(Optional.of(JobState.RUNNING))
                && change.job().state() == JobState.DELAYED));
        List<Job> again = claim("w2", 1, T0.plusSeconds(8));
        assertEquals(job.id(), again.get(0).id());
        assertEquals(2, again.get(0).attempts());
        assertEquals(Optional.of("w2"), again.get(0).worker());
        assertTrue(as(tenant, () -> jobs.complete(job.id(), "w1", Optional.empty(), T0.plusSeconds(9))).isEmpty(),
                "the dead worker lost its lease");
        // the second lease runs out as well: no attempts left, dead
        List<JobChange> reaped = as(tenant, () -> jobs.reapExpired(queue, T0.plusSeconds(20), 10));
        assertEquals(1, reaped.size());
        assertEquals(JobState.DEAD, reaped.get(0).job().state());
        assertEquals(Optional.of("lease expired"), find(job).lastError());
        assertTrue(as(tenant, () -> jobs.reapExpired(queue, T0.plusSeconds(30), 10)).isEmpty());
    }

    @Test
    void concurrencyCapsTheRunningJobsOfAQueue() {
        as(tenant, () -> jobs.configure(queue, OptionalInt.of(2), Optional.of(5.0)));
        for (int i = 0; i < 5; i++) {
            enqueue("t");
        }
        List<Job> first = claim("w1", 5, T0);
        assertEquals(2, first.size());
        assertTrue(claim("w2", 5, T0).isEmpty());
        as(tenant, () -> jobs.complete(first.get(0).id(), "w1", Optional.empty(), T0));
        assertEquals(1, claim("w2", 5, T0).size());
        QueueSettings settings = as(tenant, () -> jobs.settings(queue));
        assertEquals(OptionalInt.of(2), settings.concurrency());
        assertEquals(Optional.of(5.0), settings.ratePerSecond());
        as(tenant, () -> jobs.configure(queue, OptionalInt.empty(), Optional.empty()));
        assertEquals(2, claim("w3", 5, T0).size(), "no limit: the rest");
    }

    @Test
    void aRateAdmitsAtMostItsClaimsInAnyWindowOfOneSecond() {
        as(tenant, () -> jobs.configure(queue, OptionalInt.empty(), Optional.of(3.0)));
        for (int i = 0; i < 12; i++) {
            enqueue("t");
        }
        assertEquals(2, claim("w1", 2, T0).size());
        assertEquals(1, claim("w2", 5, T0.plusMillis(400)).size(), "one left in the window");
        assertTrue(claim("w1", 5, T0.plusMillis(999)).isEmpty(), "three in the last second");
        assertEquals(2, claim("w1", 5, T0.plusMillis(1000)).size(), "the first claim's two are out of the window");
        assertEquals(1, claim("w2", 5, T0.plusMillis(1400)).size());
        assertTrue(claim("w2", 5, T0.plusMillis(1500)).isEmpty());
        as(tenant, () -> jobs.configure(queue, OptionalInt.empty(), Optional.of(0.5)));
        assertEquals(1, claim("w1", 5, T0.plusMillis(3500)).size(), "below 1: one claim per 1/rate seconds");
        assertTrue(claim("w1", 5, T0.plusMillis(5499)).isEmpty());
        assertEquals(1, claim("w1", 5, T0.plusMillis(5500)).size());
        as(tenant, () -> jobs.configure(queue, OptionalInt.empty(), Optional.empty()));
        assertEquals(4, claim("w3", 5, T0.plusMillis(5500)).size(), "no rate: the rest at once");
    }

    @Test
    void aPauseStopsClaimsAtOnceAndAResumeLetsThemGo() {
        enqueue("t");
        assertTrue(as(tenant, () -> jobs.setPaused(queue, true)).paused());
        assertTrue(as(tenant, () -> jobs.settings(queue)).paused());
        assertTrue(claim("w", 1, T0).isEmpty());
        assertFalse(as(tenant, () -> jobs.setPaused(queue, false)).paused());
        assertEquals(1, claim("w", 1, T0).size());
        QueueName fresh = new QueueName("never-" + unique());
        assertEquals(QueueSettings.DEFAULT, as(tenant, () -> jobs.settings(fresh)));
    }

    @Test
    void onlyPendingJobsAreCancelled() {
        Job waiting = enqueue("t");
        Job delayed = enqueue(JobSpec.of("t", "{}").withDelaySeconds(60), T0);
        JobChange cancelled = as(tenant, () -> jobs.cancel(waiting.id(), T0)).orElseThrow();
        assertEquals(JobState.CANCELLED, cancelled.job().state());
        assertEquals(Optional.of(JobState.WAITING), cancelled.previous());
        assertEquals(JobState.CANCELLED, as(tenant, () -> jobs.cancel(delayed.id(), T0)).orElseThrow().job().state());
        assertTrue(claim("w", 5, T0.plusSeconds(120)).isEmpty());
        Job running = enqueue("t");
        claim("w", 1, T0);
        assertTrue(as(tenant, () -> jobs.cancel(running.id(), T0)).isEmpty());
        assertTrue(as(tenant, () -> jobs.cancel(waiting.id(), T0)).isEmpty(), "cancelled once");
        assertThrows(NotFoundException.class, () -> as(tenant, () -> jobs.cancel(JobId.random(), T0)));
    }

    @Test
    void aUniqueKeyAnswersTheFirstJobWhilePendingOrRunningOnly() {
        JobSpec spec = JobSpec.of("t", "{}").withUniqueKey("user-42");
        Enqueued first = as(tenant, () -> jobs.enqueue(queue, spec, T0, null));
        Enqueued second = as(tenant, () -> jobs.enqueue(queue, spec, T0.plusSeconds(1), null));
        assertTrue(first.created());
        assertFalse(second.created());
        assertTrue(second.change().isEmpty());
        assertEquals(first.job().id(), second.job().id());
        QueueName other = new QueueName("other-" + unique());
        assertTrue(as(tenant, () -> jobs.enqueue(other, spec, T0, null)).created(), "keys are per queue");
        claim("w", 1, T0);
        assertEquals(first.job().id(), as(tenant, () -> jobs.enqueue(queue, spec, T0, null)).job().id(),
                "still deduped while running");
        as(tenant, () -> jobs.complete(first.job().id(), "w", Optional.empty(), T0));
        Enqueued after = as(tenant, () -> jobs.enqueue(queue, spec, T0, null));
        assertTrue(after.created());
        assertFalse(after.job().id().equals(first.job().id()));
    }

    @Test
    void retryDeadRevivesEveryDeadJobOfTheQueue() {
        Set<JobId> dead = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Job job = enqueue(JobSpec.of("t", "{}").withMaxAttempts(1), T0);
            claim("w", 1, T0);
            as(tenant, () -> jobs.fail(job.id(), "w", "x", true, T0));
            dead.add(job.id());
        }
        assertEquals(3, as(tenant, () -> jobs.stats(queue, T0)).count(JobState.DEAD));
        List<JobChange> revived = as(tenant, () -> jobs.retryDead(queue, T0.plusSeconds(1)));
        assertEquals(dead, new HashSet<>(revived.stream().map(change -> change.job().id()).toList()));
        assertTrue(revived.stream().allMatch(change -> change.job().state() == JobState.WAITING
                && change.previous().equals(Optional.of(JobState.DEAD)) && change.job().attempts() == 0));
        assertEquals(3, claim("w", 10, T0.plusSeconds(1)).size());
        assertTrue(as(tenant, () -> jobs.retryDead(queue, T0.plusSeconds(2))).isEmpty());
    }

    @Test
    void statsCountEveryStateAndTheOldestWaitingAge() {
        enqueue(JobSpec.of("t", "{}"), T0);
        enqueue(JobSpec.of("t", "{}"), T0.plusSeconds(10));
        enqueue(JobSpec.of("t", "{}").withDelaySeconds(100), T0);
        Job running = enqueue(JobSpec.of("t", "{}").withPriority(9), T0.plusSeconds(20));
        claim("w", 1, T0.plusSeconds(30));
        QueueStats stats = as(tenant, () -> jobs.stats(queue, T0.plusSeconds(30)));
        assertEquals(2, stats.count(JobState.WAITING));
        assertEquals(1, stats.count(JobState.DELAYED));
        assertEquals(1, stats.count(JobState.RUNNING));
        assertEquals(0, stats.count(JobState.DEAD));
        assertEquals(Optional.of(Duration.ofSeconds(30)), stats.oldestWaitingAge());
        assertEquals(JobState.RUNNING, find(running).state());
        QueueStats empty = as(tenant, () -> jobs.stats(new QueueName("empty-" + unique()), T0));
        assertEquals(0, empty.count(JobState.WAITING));
        assertTrue(empty.oldestWaitingAge().isEmpty());
    }

    @Test
    void listingsPageThroughOneStateOldestFirst() {
        List<JobId> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(enqueue("t").id());
        }
        enqueue(JobSpec.of("t", "{}").withDelaySeconds(10), T0);
        List<JobId> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Optional<String> from = cursor;
            JobPage page = as(tenant, () -> jobs.list(queue, JobState.WAITING, from, 2));
            page.jobs().forEach(job -> seen.add(job.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertEquals(waiting, seen);
        assertEquals(3, pages);
        assertEquals(1, as(tenant, () -> jobs.list(queue, JobState.DELAYED, Optional.empty(), 10)).jobs().size());
        assertTrue(as(tenant, () -> jobs.list(queue, JobState.DEAD, Optional.empty(), 10)).jobs().isEmpty());
        assertNames("cursor", () -> as(tenant, () -> jobs.list(queue, JobState.WAITING, Optional.of("!!"), 2)));
        assertNames("limit", () -> as(tenant, () -> jobs.list(queue, JobState.WAITING, Optional.empty(), 0)));
    }

    @Test
    void theQuotaCountsPendingJobsOnly() {
        Quota quota = new Quota("waiting-jobs", 2);
        QueueName other = new QueueName("other-" + unique());
        as(tenant, () -> jobs.enqueue(queue, JobSpec.of("t", "{}"), T0, quota));
        as(tenant, () -> jobs.enqueue(other, JobSpec.of("t", "{}").withDelaySeconds(5), T0, quota));
        assertThrows(QuotaExceededException.class,
                () -> as(tenant, () -> jobs.enqueue(queue, JobSpec.of("t", "{}"), T0, quota)));
        claim("w", 1, T0);
        assertTrue(as(tenant, () -> jobs.enqueue(queue, JobSpec.of("t", "{}"), T0, quota)).created(),
                "a running job no longer counts");
        assertTrue(as(newTenant(), () -> jobs.enqueue(queue, JobSpec.of("t", "{}"), T0, quota)).created(),
                "the quota is per tenant");
    }

    @Test
    void enqueueAllEnqueuesEveryJobInOrderAndAnswersEachAsEnqueueWould() {
        Job held = enqueue(JobSpec.of("t", "{\"n\":0}").withUniqueKey("held"), T0);
        List<JobSpec> specs = List.of(
                JobSpec.of("a", "{\"n\":1}").withPriority(2),
                JobSpec.of("b", "{\"n\":2}").withUniqueKey("k1"),
                JobSpec.of("c", "{\"n\":3}").withUniqueKey("held"),
                JobSpec.of("d", "{\"n\":4}").withUniqueKey("k1"),
                JobSpec.of("e", "{\"n\":5}").withDelaySeconds(30).withMaxAttempts(7),
                JobSpec.of("f", "{\"n\":6}"));
        List<Enqueued> answers = as(tenant, () -> jobs.enqueueAll(queue, specs, T0, null));
        assertEquals(List.of(true, true, false, false, true, true), answers.stream().map(Enqueued::created).toList());
        assertEquals(held.id(), answers.get(2).job().id(), "a held key answers its holder");
        assertEquals(answers.get(1).job().id(), answers.get(3).job().id(), "a key taken earlier in the batch too");
        assertEquals(JobState.DELAYED, answers.get(4).job().state());
        assertEquals(T0.plusSeconds(30), answers.get(4).job().runAt());
        assertEquals(7, answers.get(4).job().maxAttempts());
        for (Enqueued answer : answers) {
            assertEquals(answer.job(), find(answer.job()));
        }
        // priority first, then in the order given (the held job came before the batch)
        assertEquals(List.of("a", "t", "b", "f"), claim("w", 10, T0).stream().map(Job::type).toList());
    }

    @Test
    void enqueueAllIsAllOrNothingUnderTheQuota() {
        Quota quota = new Quota("waiting-jobs", 3);
        as(tenant, () -> jobs.enqueue(queue, JobSpec.of("t", "{}"), T0, quota));
        List<JobSpec> three = List.of(JobSpec.of("a", "{}"), JobSpec.of("b", "{}"), JobSpec.of("c", "{}"));
        assertThrows(QuotaExceededException.class, () -> as(tenant, () -> jobs.enqueueAll(queue, three, T0, quota)));
        assertEquals(1, as(tenant, () -> jobs.stats(queue, T0)).count(JobState.WAITING));
        assertEquals(2, as(tenant, () -> jobs.enqueueAll(queue, three.subList(0, 2), T0, quota)).size());
        assertEquals(3, as(tenant, () -> jobs.stats(queue, T0)).count(JobState.WAITING));
    }

    @Test
    void tenantsNeverSeeOrTouchEachOthersJobs() {
        TenantId other = newTenant();
        Job mine = enqueue("t");
        Job theirs = as(other, () -> jobs.enqueue(queue, JobSpec.of("t", "{}"), T0, null)).job();
        assertTrue(as(other, () -> jobs.find(mine.id())).isEmpty());
        assertTrue(as(tenant, () -> jobs.find(theirs.id())).isEmpty());
        assertThrows(NotFoundException.class, () -> as(other, () -> jobs.cancel(mine.id(), T0)));
        assertThrows(NotFoundException.class, () -> as(tenant, () -> jobs.cancel(theirs.id(), T0)));
        List<Job> claimedByOther = as(other, () -> jobs.claim(queue, "w", 10, Set.of(), T0)).jobs();
        assertEquals(List.of(theirs.id()), claimedByOther.stream().map(Job::id).toList());
        assertThrows(NotFoundException.class,
                () -> as(tenant, () -> jobs.complete(theirs.id(), "w", Optional.empty(), T0)));
        assertThrows(NotFoundException.class,
                () -> as(tenant, () -> jobs.heartbeat(theirs.id(), "w", Optional.empty(), T0)));
        assertThrows(NotFoundException.class, () -> as(tenant, () -> jobs.fail(theirs.id(), "w", "x", true, T0)));
        assertThrows(NotFoundException.class, () -> as(tenant, () -> jobs.retry(theirs.id(), T0)));
        as(other, () -> jobs.setPaused(queue, true));
        assertFalse(as(tenant, () -> jobs.settings(queue)).paused());
        assertEquals(List.of(mine.id()), claim("w", 10, T0).stream().map(Job::id).toList());
        assertEquals(1, as(other, () -> jobs.stats(queue, T0)).count(JobState.RUNNING));
        assertEquals(0, as(other, () -> jobs.stats(queue, T0)).count(JobState.WAITING));
    }

    @Test
    void aSecretPayloadStaysOutOfEveryChange() {
        Enqueued enqueued = as(tenant, () -> jobs.enqueue(queue, JobSpec.of("t", "{\"apiKey\":\"k\"}")
                .withSecretPayload(true), T0, null));
        assertTrue(enqueued.job().secretPayload());
        assertTrue(enqueued.change().orElseThrow().job().publicPayload().isEmpty());
        Claimed claimed = as(tenant, () -> jobs.claim(queue, "w", 1, Set.of(), T0));
        assertTrue(claimed.changes().stream().allMatch(change -> change.job().publicPayload().isEmpty()));
        assertEquals("{\"apiKey\":\"k\"}", claimed.jobs().get(0).payload(), "the worker gets it");
    }

    @Test
    void theNextDueTimeIsTheEarliestFutureRunOrLeaseEndOfTheQueueAndTenant() {
        QueueName elsewhere = new QueueName("other-" + unique());
        assertEquals(Optional.empty(), as(tenant, () -> jobs.nextDueAfter(queue, Set.of(), T0)), "an empty queue");
        enqueue("now");
        assertEquals(Optional.empty(), as(tenant, () -> jobs.nextDueAfter(queue, Set.of(), T0)),
                "a job due already is no future time");
        enqueue(JobSpec.of("late", "{}").withRunAt(T0.plusSeconds(20)), T0);
        enqueue(JobSpec.of("soon", "{}").withRunAt(T0.plusSeconds(5)), T0);
        as(tenant, () -> jobs.enqueue(elsewhere, JobSpec.of("soon", "{}").withRunAt(T0.plusSeconds(1)), T0, null));
        TenantId other = newTenant();
        as(other, () -> jobs.enqueue(queue, JobSpec.of("soon", "{}").withRunAt(T0.plusSeconds(2)), T0, null));
        assertEquals(Optional.of(T0.plusSeconds(5)), as(tenant, () -> jobs.nextDueAfter(queue, Set.of(), T0)));
        assertEquals(Optional.of(T0.plusSeconds(20)), as(tenant, () -> jobs.nextDueAfter(queue, Set.of("late"), T0)),
                "only the asked types");
        assertEquals(Optional.of(T0.plusSeconds(2)), as(other, () -> jobs.nextDueAfter(queue, Set.of(), T0)),
                "the other tenant sees only its own job");
        Job running = as(tenant, () -> jobs.claim(queue, "w", 1, Set.of(), T0)).jobs().get(0);
        assertEquals("now", running.type());
        Instant leaseEnd = running.leaseUntil().orElseThrow();
        assertEquals(T0.plusSeconds(JobSpec.DEFAULT_TIMEOUT_SECONDS), leaseEnd);
        assertEquals(Optional.of(T0.plusSeconds(20)),
                as(tenant, () -> jobs.nextDueAfter(queue, Set.of(), T0.plusSeconds(6))));
        assertEquals(Optional.of(leaseEnd), as(tenant, () -> jobs.nextDueAfter(queue, Set.of(), T0.plusSeconds(25))),
                "a lease's end frees the job or a slot");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Job job = enqueue("t");
        assertNames("count", () -> as(tenant, () -> jobs.claim(queue, "w", 0, Set.of(), T0)));
        assertNames("worker", () -> as(tenant, () -> jobs.claim(queue, " ", 1, Set.of(), T0)));
        assertNames("type", () -> as(tenant, () -> jobs.claim(queue, "w", 1, Set.of(""), T0)));
        claim("w", 1, T0);
        assertNames("error", () -> as(tenant, () -> jobs.fail(job.id(), "w", "", true, T0)));
        assertNames("result", () -> as(tenant, () -> jobs.complete(job.id(), "w", Optional.of(""), T0)));
        assertEquals(JobState.RUNNING, find(job).state(), "nothing changed");
    }
}
