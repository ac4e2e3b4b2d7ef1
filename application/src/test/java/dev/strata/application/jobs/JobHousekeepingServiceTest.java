package dev.strata.application.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.InMemoryEventLog;
import dev.strata.domain.events.Topic;
import dev.strata.domain.jobs.InMemoryJobHousekeeping;
import dev.strata.domain.jobs.InMemoryJobQueue;
import dev.strata.domain.jobs.InMemoryJobSchedules;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.shared.InMemoryUnitOfWork;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobHousekeepingServiceTest {
    private static final QueueName WORK = new QueueName("work");

    private final MutableClock clock = new MutableClock();
    private final InMemoryJobQueue queue = new InMemoryJobQueue();
    private final InMemoryJobSchedules schedules = new InMemoryJobSchedules(queue);
    private final InMemoryEventLog log = new InMemoryEventLog(clock);
    private final JobsService jobs = new JobsService(queue, schedules, log, new InMemoryUnitOfWork(), clock, () -> { },
            null);
    private final JobHousekeepingService housekeeping = new JobHousekeepingService(
            new InMemoryJobHousekeeping(queue, schedules), jobs, jobs, queue, clock, Duration.ofDays(7),
            Duration.ofDays(30), 100, 100);
    private final TenantId a = new TenantId(UUID.randomUUID());
    private final TenantId b = new TenantId(UUID.randomUUID());

    private Job running(TenantId tenant, int timeoutSeconds) {
        return TenantContext.callAs(tenant, () -> {
            queue.enqueue(WORK, JobSpec.of("t", "{}").withTimeoutSeconds(timeoutSeconds), clock.now(), null);
            return queue.claim(WORK, "w", 1, Set.of(), clock.now()).jobs().get(0);
        });
    }

    private List<String> eventTypes(TenantId tenant) {
        return TenantContext.callAs(tenant, () -> log.readAfter(Topic.of(WORK.topic()), 0, 100)).stream()
                .map(Event::type).toList();
    }

    @Test
    void expiredLeasesOfEveryTenantAreReapedAndPublished() {
        Job first = running(a, 10);
        Job second = running(b, 60);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, housekeeping.reapExpiredLeases());
        assertEquals(JobState.DELAYED, TenantContext.callAs(a, () -> queue.find(first.id())).orElseThrow().state());
        assertEquals(JobState.RUNNING, TenantContext.callAs(b, () -> queue.find(second.id())).orElseThrow().state());
        assertTrue(eventTypes(a).contains("job.delayed"), eventTypes(a).toString());
        clock.advance(Duration.ofSeconds(50));
        assertEquals(1, housekeeping.reapExpiredLeases());
        assertEquals(0, housekeeping.reapExpiredLeases(), "nothing twice");
    }

    @Test
    void aTenantWhoseRoundFailsDoesNotHoldUpTheOthersAndTheFailureIsReported() {
        running(a, 10);
        Job other = running(b, 10);
        clock.advance(Duration.ofSeconds(10));
        dev.strata.application.jobs.port.ManageJobsUseCase failingForA = (dev.strata.application.jobs.port.ManageJobsUseCase)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {dev.strata.application.jobs.port.ManageJobsUseCase.class}, (proxy, method, args) -> {
                            if (TenantContext.require().equals(a)) {
                                throw new IllegalStateException("a's store is broken");
                            }
                            return method.invoke(jobs, args);
                        });
        JobHousekeepingService partial = new JobHousekeepingService(new InMemoryJobHousekeeping(queue, schedules),
                failingForA, jobs, queue, clock, Duration.ofDays(7), Duration.ofDays(30), 100, 100);
        assertThrows(IllegalStateException.class, partial::reapExpiredLeases);
        assertEquals(JobState.DELAYED, TenantContext.callAs(b, () -> queue.find(other.id())).orElseThrow().state(),
                "b was reaped all the same");
    }

    @Test
    void dueSchedulesOfEveryTenantFireOncePerTick() {
        for (TenantId tenant : List.of(a, b)) {
            TenantContext.runAs(tenant, () -> jobs.put(Schedule.of("m", WORK.value(), "t", "{}", "* * * * *", "UTC")));
        }
        assertEquals(0, housekeeping.fireDueSchedules());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, housekeeping.fireDueSchedules());
        assertEquals(0, housekeeping.fireDueSchedules(), "one job per tick");
        assertEquals(List.of("job.waiting"), eventTypes(a));
    }

    @Test
    void aBacklogOfFinishedJobsGoesInBoundedBatches() {
        JobHousekeepingService smallBatches = new JobHousekeepingService(new InMemoryJobHousekeeping(queue, schedules),
                jobs, jobs, queue, clock, Duration.ZERO, Duration.ZERO, 10, 2);
        for (int i = 0; i < 25; i++) {
            Job job = running(a, 30);
            TenantContext.runAs(a, () -> queue.complete(job.id(), "w", Optional.empty(), clock.now()));
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2 * JobHousekeepingService.PURGE_PASSES, smallBatches.purgeFinished(), "bounded per round");
        assertEquals(5, smallBatches.purgeFinished(), "the rest next round");
        assertEquals(0, smallBatches.purgeFinished());
    }

    @Test
    void finishedJobsGoAfterTheirRetentionDeadOnesLater() {
        Job done = running(a, 30);
        TenantContext.runAs(a, () -> queue.complete(done.id(), "w", Optional.empty(), clock.now()));
        Job dead = running(b, 30);
        TenantContext.runAs(b, () -> queue.fail(dead.id(), "w", "boom", false, clock.now()));
        clock.advance(Duration.ofDays(7));
        assertEquals(0, housekeeping.purgeFinished(), "kept for exactly the retention");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, housekeeping.purgeFinished());
        assertTrue(TenantContext.callAs(a, () -> queue.find(done.id())).isEmpty());
        assertTrue(TenantContext.callAs(b, () -> queue.find(dead.id())).isPresent());
        clock.advance(Duration.ofDays(23));
        assertEquals(1, housekeeping.purgeFinished());
        assertTrue(TenantContext.callAs(b, () -> queue.find(dead.id())).isEmpty());
    }
}
