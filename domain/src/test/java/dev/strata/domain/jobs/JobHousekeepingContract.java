package dev.strata.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link JobHousekeeping}: it names exactly the tenants and queues with expired leases, due
 * schedules or finished jobs past their retention, over all tenants, and stops naming them once the tenant-scoped
 * ports dealt with them; purging finished jobs keeps tenants apart. Times lie far in the past, before any other
 * test's data in a shared store.
 */
public abstract class JobHousekeepingContract extends ContractSupport {
    protected static final Instant T = Instant.parse("1990-01-01T00:00:00Z");
    private static final int LIMIT = 1000;

    protected JobHousekeeping housekeeping;
    protected JobQueue jobs;
    protected JobSchedules schedules;
    private TenantId a;
    private TenantId b;
    private QueueName qa;
    private QueueName qb;

    /** Creates the subject over the same store as {@link #jobs()} and {@link #schedules()}. */
    protected abstract JobHousekeeping createSubject();

    protected abstract JobQueue jobs();

    protected abstract JobSchedules schedules();

    @BeforeEach
    void createStores() {
        housekeeping = createSubject();
        jobs = jobs();
        schedules = schedules();
        a = newTenant();
        b = newTenant();
        qa = new QueueName("hk-a-" + unique());
        qb = new QueueName("hk-b-" + unique());
    }

    private Job runningJob(TenantId tenant, QueueName queue, int timeoutSeconds) {
        as(tenant, () -> jobs.enqueue(queue, JobSpec.of("t", "{}").withTimeoutSeconds(timeoutSeconds), T, null));
        return as(tenant, () -> jobs.claim(queue, "w", 1, Set.of(), T)).jobs().get(0);
    }

    @Test
    void expiredLeasesNameTheirQueuesAcrossTenantsUntilReaped() {
        runningJob(a, qa, 30);
        runningJob(b, qb, 300);
        assertFalse(housekeeping.queuesWithExpiredLeases(T.plusSeconds(29), LIMIT).contains(new TenantQueue(a, qa)));
        assertTrue(housekeeping.queuesWithExpiredLeases(T.plusSeconds(30), LIMIT).contains(new TenantQueue(a, qa)));
        assertFalse(housekeeping.queuesWithExpiredLeases(T.plusSeconds(60), LIMIT).contains(new TenantQueue(b, qb)));
        assertTrue(housekeeping.queuesWithExpiredLeases(T.plusSeconds(400), LIMIT).contains(new TenantQueue(b, qb)));
        assertEquals(1, as(a, () -> jobs.reapExpired(qa, T.plusSeconds(400), 10)).size());
        assertFalse(housekeeping.queuesWithExpiredLeases(T.plusSeconds(400), LIMIT).contains(new TenantQueue(a, qa)));
        assertTrue(housekeeping.queuesWithExpiredLeases(T.plusSeconds(400), LIMIT).contains(new TenantQueue(b, qb)),
                "another tenant's reap leaves b's lease alone");
        as(b, () -> jobs.reapExpired(qb, T.plusSeconds(400), 10));
        assertFalse(housekeeping.queuesWithExpiredLeases(T.plusSeconds(400), LIMIT).contains(new TenantQueue(b, qb)));
    }

    @Test
    void dueSchedulesNameTheirTenantsUntilFired() {
        as(a, () -> schedules.upsert(Schedule.of("every-minute", qa.value(), "t", "{}", "* * * * *", "UTC"), T));
        as(b, () -> schedules.upsert(Schedule.of("nightly", qb.value(), "t", "{}", "0 3 * * *", "UTC"), T));
        Instant tick = T.plusSeconds(60);
        try {
            assertFalse(housekeeping.tenantsWithDueSchedules(tick.minusMillis(1), LIMIT).contains(a));
            assertTrue(housekeeping.tenantsWithDueSchedules(tick, LIMIT).contains(a));
            assertFalse(housekeeping.tenantsWithDueSchedules(tick, LIMIT).contains(b));
            assertEquals(1, as(a, () -> schedules.claimDueTicks(tick)).size());
            assertFalse(housekeeping.tenantsWithDueSchedules(tick, LIMIT).contains(a));
        } finally {
            // a schedule left due in a shared database would be fired by any running instance
            as(a, () -> schedules.delete("every-minute"));
            as(b, () -> schedules.delete("nightly"));
        }
    }

    @Test
    void finishedJobsPastTheirRetentionNameTheirQueuesAndArePurgedPerTenant() {
        Job done = runningJob(a, qa, 30);
        as(a, () -> jobs.complete(done.id(), "w", Optional.empty(), T.plusSeconds(1)));
        Job dead = runningJob(b, qb, 30);
        as(b, () -> jobs.fail(dead.id(), "w", "boom", false, T.plusSeconds(1)));
        Job cancelled = as(a, () -> jobs.enqueue(qa, JobSpec.of("t", "{}"), T, null)).job();
        as(a, () -> jobs.cancel(cancelled.id(), T.plusSeconds(1)));
        Job waiting = as(a, () -> jobs.enqueue(qa, JobSpec.of("t", "{}"), T, null)).job();

        assertFalse(housekeeping.queuesWithExpiredFinishedJobs(T.plusSeconds(1), T.plusSeconds(1), LIMIT)
                .contains(new TenantQueue(a, qa)), "finished at the cut-off: kept");
        Instant later = T.plusSeconds(10);
        assertTrue(housekeeping.queuesWithExpiredFinishedJobs(later, T, LIMIT).contains(new TenantQueue(a, qa)));
        assertFalse(housekeeping.queuesWithExpiredFinishedJobs(later, T, LIMIT).contains(new TenantQueue(b, qb)),
                "dead jobs are kept longer");
        assertTrue(housekeeping.queuesWithExpiredFinishedJobs(T, later, LIMIT).contains(new TenantQueue(b, qb)));

        assertEquals(0, as(b, () -> jobs.purgeFinished(qa, later, later, 10)), "another tenant purges nothing");
        assertEquals(1, as(a, () -> jobs.purgeFinished(qa, later, later, 1)), "bounded by the limit");
        assertEquals(1, as(a, () -> jobs.purgeFinished(qa, later, later, 10)));
        assertEquals(0, as(a, () -> jobs.purgeFinished(qa, later, later, 10)));
        assertTrue(as(a, () -> jobs.find(done.id())).isEmpty());
        assertTrue(as(a, () -> jobs.find(cancelled.id())).isEmpty());
        assertTrue(as(a, () -> jobs.find(waiting.id())).isPresent(), "pending jobs are never purged");
        assertFalse(housekeeping.queuesWithExpiredFinishedJobs(later, later, LIMIT).contains(new TenantQueue(a, qa)));
        assertTrue(as(b, () -> jobs.find(dead.id())).isPresent());
        assertEquals(1, as(b, () -> jobs.purgeFinished(qb, later, later, 10)));
    }
}
