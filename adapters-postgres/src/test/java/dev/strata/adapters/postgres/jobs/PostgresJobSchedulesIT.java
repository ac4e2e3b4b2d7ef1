package dev.strata.adapters.postgres.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.jobs.JobChange;
import dev.strata.domain.jobs.JobSchedulesContract;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schedules contract against real Postgres, plus two instances firing the same ticks at the same moment. */
class PostgresJobSchedulesIT extends JobSchedulesContract {
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
    protected JobSchedules createSubject() {
        return PostgresTestContext.shared().getBean(PostgresJobSchedules.class);
    }

    @Override
    protected JobQueue queueOf(JobSchedules subject) {
        return PostgresTestContext.shared().getBean(PostgresJobQueue.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    @Test
    void aCronScheduleOnTwoInstancesOverFiveTicksEnqueuesExactlyFiveJobs() throws Exception {
        List<JobSchedules> instances = List.of(schedules, secondInstance.getBean(PostgresJobSchedules.class));
        MutableClock clock = new MutableClock(T0);
        as(tenant, () -> schedules.upsert(Schedule.of("tick", queue.value(), "report", "{}", "* * * * *", null),
                clock.now()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int fired = 0;
        try {
            for (int tick = 0; tick < 5; tick++) {
                clock.advance(Duration.ofMinutes(1));
                CyclicBarrier together = new CyclicBarrier(4);
                List<Future<List<JobChange>>> rounds = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    JobSchedules instance = instances.get(i % 2);
                    rounds.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return TenantContext.callAs(tenant, () -> instance.claimDueTicks(clock.now()));
                    }));
                }
                for (Future<List<JobChange>> round : rounds) {
                    fired += round.get(60, TimeUnit.SECONDS).size();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, fired);
        assertEquals(5, as(tenant, () -> jobs.stats(queue, clock.now())).count(JobState.WAITING));
    }
}
