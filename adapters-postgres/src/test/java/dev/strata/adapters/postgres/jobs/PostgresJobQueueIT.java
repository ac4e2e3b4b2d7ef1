package dev.strata.adapters.postgres.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobQueueContract;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.QueueStats;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job queue contract against real Postgres (row-level security), plus what only a real database shows: workers on
 * two instances (two application contexts, two connection pools) competing for the same queue.
 */
class PostgresJobQueueIT extends JobQueueContract {
    private static ApplicationContext secondInstance;

    @BeforeAll
    static void startSecondInstance() {
        PostgresTestContext.shared();
        secondInstance = PostgresTestContext.start();
    }

    @AfterAll
    static void stopSecondInstance() {
        secondInstance.close();
    }

    @Override
    protected JobQueue createSubject() {
        return PostgresTestContext.shared().getBean(PostgresJobQueue.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    private List<JobQueue> instances() {
        return List.of(jobs, secondInstance.getBean(PostgresJobQueue.class));
    }

    /** Runs {@code workers} per instance until {@code done}, each claiming, working and completing as {@code tenant}. */
    private void work(int workersPerInstance, int claimCount, int total, Map<JobId, Integer> claims,
                      Map<JobId, Integer> completions, AtomicInteger running, AtomicInteger maxRunning)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workersPerInstance * 2);
        AtomicInteger completed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        int worker = 0;
        for (JobQueue instance : instances()) {
            for (int i = 0; i < workersPerInstance; i++) {
                String name = "worker-" + (worker++);
                futures.add(pool.submit(() -> TenantContext.runAs(tenant, () -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                    while (completed.get() < total && System.nanoTime() < deadline) {
                        List<Job> claimed = instance.claim(queue, name, claimCount, Set.of(), Instant.now()).jobs();
                        for (Job job : claimed) {
                            claims.merge(job.id(), 1, Integer::sum);
                            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        }
                        for (Job job : claimed) {
                            // decremented before the completion commits: the count never runs ahead of the store's
                            running.decrementAndGet();
                            if (instance.complete(job.id(), name, Optional.of("{}"), Instant.now()).isPresent()) {
                                completions.merge(job.id(), 1, Integer::sum);
                                completed.incrementAndGet();
                            }
                        }
                        if (claimed.isEmpty()) {
                            Thread.onSpinWait();
                        }
                    }
                })));
            }
        }
        for (Future<?> future : futures) {
            future.get(240, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
    }

    @Test
    void twoThousandJobsAreEachClaimedAndCompletedExactlyOnceByEightWorkersOnTwoInstances() throws Exception {
        int total = 2000;
        List<JobId> enqueued = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            enqueued.add(enqueue(JobSpec.of("t", "{\"i\":" + i + "}").withPriority(i % 10), Instant.now()).id());
        }
        Map<JobId, Integer> claims = new ConcurrentHashMap<>();
        Map<JobId, Integer> completions = new ConcurrentHashMap<>();
        work(4, 10, total, claims, completions, new AtomicInteger(), new AtomicInteger());
        assertEquals(Set.copyOf(enqueued), claims.keySet(), "every job claimed");
        assertTrue(claims.values().stream().allMatch(n -> n == 1), "no job claimed twice while its lease is live");
        assertEquals(Set.copyOf(enqueued), completions.keySet());
        assertTrue(completions.values().stream().allMatch(n -> n == 1), "every job completed exactly once");
        QueueStats stats = as(tenant, () -> jobs.stats(queue, Instant.now()));
        assertEquals(total, stats.count(JobState.COMPLETED));
        assertEquals(0, stats.count(JobState.WAITING) + stats.count(JobState.RUNNING));
    }

    @Test
    void concurrencyTwoHoldsAcrossInstancesUnderContention() throws Exception {
        as(tenant, () -> jobs.configure(queue, OptionalInt.of(2), Optional.empty()));
        int total = 150;
        for (int i = 0; i < total; i++) {
            enqueue(JobSpec.of("t", "{}"), Instant.now());
        }
        Map<JobId, Integer> claims = new ConcurrentHashMap<>();
        Map<JobId, Integer> completions = new ConcurrentHashMap<>();
        AtomicInteger maxRunning = new AtomicInteger();
        work(4, 2, total, claims, completions, new AtomicInteger(), maxRunning);
        assertEquals(total, completions.size());
        assertTrue(claims.values().stream().allMatch(n -> n == 1));
        assertTrue(maxRunning.get() <= 2, "at most 2 running at once, saw " + maxRunning.get());
    }

    @Test
    void aPauseOnOneInstanceStopsClaimsOnTheOther() {
        JobQueue first = instances().get(0);
        JobQueue second = instances().get(1);
        enqueue(JobSpec.of("t", "{}"), Instant.now());
        as(tenant, () -> first.setPaused(queue, true));
        assertTrue(as(tenant, () -> second.claim(queue, "w", 1, Set.of(), Instant.now())).jobs().isEmpty());
        as(tenant, () -> second.setPaused(queue, false));
        assertEquals(1, as(tenant, () -> first.claim(queue, "w", 1, Set.of(), Instant.now())).jobs().size());
    }

    @Test
    void concurrentEnqueuesOnTwoInstancesNeverPassThePendingJobsQuotaFromFarBelowIt() throws Exception {
        // the first enqueues are far below the limit (no serialised gate), the last ones meet it
        long maxConnections;
        try (java.sql.Connection connection = secondInstance.getBean(javax.sql.DataSource.class).getConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery("show max_connections")) {
            rows.next();
            maxConnections = Long.parseLong(rows.getString(1));
        }
        dev.strata.domain.shared.Quota quota = new dev.strata.domain.shared.Quota("waiting-jobs", maxConnections + 30);
        JobQueue second = secondInstance.getBean(PostgresJobQueue.class);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        int attempts = (int) quota.limit() + 40;
        for (int i = 0; i < attempts; i++) {
            JobQueue subject = i % 2 == 0 ? jobs : second;
            futures.add(pool.submit(() -> TenantContext.runAs(tenant, () -> {
                try {
                    if (subject.enqueue(queue, JobSpec.of("t", "{}"), T0, quota).created()) {
                        created.incrementAndGet();
                    }
                } catch (dev.strata.domain.shared.QuotaExceededException e) {
                    refused.incrementAndGet();
                }
            })));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(quota.limit(), created.get(), "exactly up to the limit");
        assertEquals(attempts - quota.limit(), refused.get());
        assertEquals(quota.limit(), TenantContext.callAs(tenant, () -> jobs.stats(queue, T0)).count(JobState.WAITING));
    }

    /** The sum of the tenant's pending-jobs counter shards and the number of its pending job rows, in one snapshot. */
    private long[] pendingCounterAndRows() throws Exception {
        try (java.sql.Connection connection = secondInstance.getBean(javax.sql.DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            try (java.sql.PreparedStatement scope = connection.prepareStatement(
                    "select set_config('strata.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (java.sql.ResultSet rows = connection.createStatement().executeQuery("select (select coalesce("
                    + "sum(pending), 0) from job_pending_counts), (select count(*) from jobs where state in "
                    + "('waiting', 'delayed')), (select count(*) from job_pending_counts where tenant_id <> "
                    + "strata_current_tenant())")) {
                rows.next();
                long[] answer = {rows.getLong(1), rows.getLong(2), rows.getLong(3)};
                connection.commit();
                return answer;
            }
        }
    }

    @Test
    void thePendingJobsCounterStaysExactUnderConcurrentChangesOnTwoInstances() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        int rounds = 60;
        for (int w = 0; w < 8; w++) {
            JobQueue subject = instances().get(w % 2);
            String worker = "w" + w;
            futures.add(pool.submit(() -> TenantContext.runAs(tenant, () -> {
                for (int i = 0; i < rounds; i++) {
                    Instant now = Instant.now();
                    Job waiting = subject.enqueue(queue, JobSpec.of("t", "{}"), now, null).job();
                    Job delayed = subject.enqueue(queue, JobSpec.of("t", "{}").withDelaySeconds(3600), now, null).job();
                    if (i % 3 == 0) {
                        subject.cancel(delayed.id(), now); // delayed -> cancelled
                    }
                    if (i % 4 == 0) {
                        subject.cancel(waiting.id(), now); // waiting -> cancelled (unless claimed already)
                    }
                    for (Job claimed : subject.claim(queue, worker, 2, Set.of(), now).jobs()) {
                        if (claimed.attempts() == 1 && i % 2 == 0) {
                            subject.fail(claimed.id(), worker, "again", true, now); // running -> delayed
                        } else {
                            subject.complete(claimed.id(), worker, Optional.empty(), now); // running -> completed
                        }
                    }
                }
            })));
        }
        for (Future<?> future : futures) {
            future.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long[] counted = pendingCounterAndRows();
        assertTrue(counted[1] > 0, "some jobs are still pending: " + counted[1]);
        assertEquals(counted[1], counted[0], "the counter shards sum to the pending rows");
        QueueStats stats = as(tenant, () -> jobs.stats(queue, Instant.now()));
        assertEquals(stats.count(JobState.WAITING) + stats.count(JobState.DELAYED), counted[0]);
        assertEquals(0, counted[2], "row-level security shows the tenant its own counters only");
    }
}
