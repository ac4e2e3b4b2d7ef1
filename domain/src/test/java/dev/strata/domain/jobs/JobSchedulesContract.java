package dev.strata.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link JobSchedules}: schedules are stored per tenant with their next tick; a due tick enqueues
 * exactly one job on the schedule's queue; missed ticks catch up once; changing the cron recomputes the next tick.
 */
public abstract class JobSchedulesContract extends ContractSupport {
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:30Z");

    protected JobSchedules schedules;
    protected JobQueue jobs;
    protected TenantId tenant;
    protected QueueName queue;

    /** The subject. */
    protected abstract JobSchedules createSubject();

    /** The queue the subject enqueues into. */
    protected abstract JobQueue queueOf(JobSchedules subject);

    @BeforeEach
    void createSchedules() {
        schedules = createSubject();
        jobs = queueOf(schedules);
        tenant = newTenant();
        queue = new QueueName("cron-" + unique());
    }

    private Schedule everyMinute(String name) {
        return Schedule.of(name, queue.value(), "report", "{\"kind\":\"minute\"}", "* * * * *", "UTC");
    }

    private long jobsOnQueue(Instant now) {
        QueueStats stats = as(tenant, () -> jobs.stats(queue, now));
        return stats.counts().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void aScheduleIsStoredWithItsNextTickAndListedFoundAndDeleted() {
        Schedule schedule = Schedule.of("nightly", queue.value(), "vacuum", "{}", "0 3 * * *", "Europe/Berlin");
        ScheduleView view = as(tenant, () -> schedules.upsert(schedule, T0));
        assertEquals(schedule, view.schedule());
        assertEquals(Instant.parse("2030-01-01T02:00:00Z"), view.nextRunAt());
        assertTrue(view.lastRunAt().isEmpty());
        assertEquals(Optional.of(view), as(tenant, () -> schedules.find("nightly")));
        as(tenant, () -> schedules.upsert(everyMinute("minutely"), T0));
        assertEquals(List.of("minutely", "nightly"),
                as(tenant, () -> schedules.list()).stream().map(v -> v.schedule().name()).toList());
        assertTrue(as(tenant, () -> schedules.delete("nightly")));
        assertFalse(as(tenant, () -> schedules.delete("nightly")));
        assertTrue(as(tenant, () -> schedules.find("nightly")).isEmpty());
    }

    @Test
    void aDueTickEnqueuesExactlyOneJob() {
        as(tenant, () -> schedules.upsert(everyMinute("m"), T0));
        Instant tick = Instant.parse("2030-01-01T00:01:00Z");
        assertTrue(as(tenant, () -> schedules.claimDueTicks(tick.minusMillis(1))).isEmpty());
        List<JobChange> fired = as(tenant, () -> schedules.claimDueTicks(tick));
        assertEquals(1, fired.size());
        Job job = fired.get(0).job();
        assertEquals(queue, job.queue());
        assertEquals("report", job.type());
        assertEquals("{\"kind\":\"minute\"}", job.payload());
        assertEquals(JobState.WAITING, job.state());
        assertTrue(as(tenant, () -> schedules.claimDueTicks(tick)).isEmpty(), "the same tick fires once");
        assertTrue(as(tenant, () -> schedules.claimDueTicks(tick.plusSeconds(30))).isEmpty());
        ScheduleView view = as(tenant, () -> schedules.find("m")).orElseThrow();
        assertEquals(tick.plusSeconds(60), view.nextRunAt());
        assertEquals(Optional.of(tick), view.lastRunAt());
        assertEquals(1, as(tenant, () -> schedules.claimDueTicks(tick.plusSeconds(60))).size());
        assertEquals(2, jobsOnQueue(tick.plusSeconds(60)));
    }

    @Test
    void fiveTicksEnqueueFiveJobs() {
        as(tenant, () -> schedules.upsert(everyMinute("m"), T0));
        Instant now = T0;
        for (int i = 0; i < 5; i++) {
            now = now.plusSeconds(60);
            Instant at = now;
            as(tenant, () -> schedules.claimDueTicks(at));
            as(tenant, () -> schedules.claimDueTicks(at));
        }
        assertEquals(5, jobsOnQueue(now));
    }

    @Test
    void missedTicksCatchUpAtMostOnce() {
        as(tenant, () -> schedules.upsert(everyMinute("m"), T0));
        Instant later = T0.plus(Duration.ofMinutes(10));
        assertEquals(1, as(tenant, () -> schedules.claimDueTicks(later)).size());
        assertTrue(as(tenant, () -> schedules.claimDueTicks(later)).isEmpty());
        ScheduleView view = as(tenant, () -> schedules.find("m")).orElseThrow();
        assertEquals(Instant.parse("2030-01-01T00:11:00Z"), view.nextRunAt(), "the next tick after now");
        assertEquals(Optional.of(Instant.parse("2030-01-01T00:01:00Z")), view.lastRunAt());
        assertEquals(1, jobsOnQueue(later));
    }

    @Test
    void replacingAScheduleKeepsItsTickUnlessTheCronOrZoneChanged() {
        as(tenant, () -> schedules.upsert(everyMinute("m"), T0));
        Schedule samePace = Schedule.of("m", queue.value(), "other-type", "{}", "* * * * *", "UTC");
        assertEquals(Instant.parse("2030-01-01T00:01:00Z"),
                as(tenant, () -> schedules.upsert(samePace, T0.plusSeconds(100))).nextRunAt());
        Schedule hourly = Schedule.of("m", queue.value(), "other-type", "{}", "@hourly", "UTC");
        ScheduleView replaced = as(tenant, () -> schedules.upsert(hourly, T0.plusSeconds(100)));
        assertEquals(Instant.parse("2030-01-01T01:00:00Z"), replaced.nextRunAt());
        assertEquals(hourly, replaced.schedule());
    }

    @Test
    void tenantsNeverSeeOrFireEachOthersSchedules() {
        TenantId other = newTenant();
        as(tenant, () -> schedules.upsert(everyMinute("mine"), T0));
        assertTrue(as(other, () -> schedules.find("mine")).isEmpty());
        assertTrue(as(other, () -> schedules.list()).isEmpty());
        assertFalse(as(other, () -> schedules.delete("mine")));
        assertTrue(as(other, () -> schedules.claimDueTicks(T0.plusSeconds(60))).isEmpty());
        assertEquals(1, as(tenant, () -> schedules.claimDueTicks(T0.plusSeconds(60))).size());
        assertEquals(0, as(other, () -> jobs.stats(queue, T0.plusSeconds(60))).count(JobState.WAITING));
        as(other, () -> schedules.upsert(everyMinute("theirs"), T0));
        assertEquals(List.of("mine"), as(tenant, () -> schedules.list()).stream().map(v -> v.schedule().name()).toList());
    }
}
