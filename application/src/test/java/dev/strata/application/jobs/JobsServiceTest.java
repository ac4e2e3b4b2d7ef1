package dev.strata.application.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.jobs.port.ClaimJobsCommand;
import dev.strata.application.jobs.port.EnqueueJobCommand;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.InMemoryEventLog;
import dev.strata.domain.events.Topic;
import dev.strata.domain.jobs.Enqueued;
import dev.strata.domain.jobs.InMemoryJobQueue;
import dev.strata.domain.jobs.InMemoryJobSchedules;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.InMemoryUnitOfWork;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobsServiceTest {
    private static final QueueName EMAILS = new QueueName("emails");

    private final MutableClock clock = new MutableClock();
    private final InMemoryJobQueue queue = new InMemoryJobQueue();
    private final InMemoryEventLog log = new InMemoryEventLog(clock);
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final AtomicInteger wakes = new AtomicInteger();
    private final JobsService service = new JobsService(queue, new InMemoryJobSchedules(queue), log, unitOfWork, clock,
            wakes::incrementAndGet, null);
    private TenantId previous;

    @BeforeEach
    void tenant() {
        previous = TenantContext.swap(new TenantId(UUID.randomUUID()));
    }

    @AfterEach
    void restore() {
        TenantContext.swap(previous);
    }

    private List<Event> events() {
        return log.readAfter(Topic.of(EMAILS.topic()), 0, 100);
    }

    private static String text(Event event) {
        return new String(event.data(), StandardCharsets.UTF_8);
    }

    private List<String> types() {
        return events().stream().map(Event::type).toList();
    }

    @Test
    void everyStateChangeIsAnEventOnTheQueueTopic() {
        Enqueued enqueued = service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "{\"to\":\"a@b.c\"}"),
                Optional.empty()));
        List<Job> claimed = service.claim(new ClaimJobsCommand(EMAILS, "w1", 1, Set.of(), 0));
        assertEquals(List.of(enqueued.job().id()), claimed.stream().map(Job::id).toList());
        Job done = service.complete(enqueued.job().id(), "w1", Optional.of("{\"ok\":true}"));

        assertEquals(JobState.COMPLETED, done.state());
        assertEquals(List.of("job.waiting", "job.running", "job.completed"), types());
        assertTrue(text(events().get(0)).contains("\"payload\":{\"to\":\"a@b.c\"}"), text(events().get(0)));
        assertTrue(text(events().get(0)).contains("\"previous\":null"));
        assertTrue(text(events().get(2)).contains("\"previous\":\"running\""));
        assertFalse(text(events().get(2)).contains("ok"), "the result stays out of events");
        assertTrue(wakes.get() >= 3);
    }

    @Test
    void aSecretPayloadNeverReachesAnEvent() {
        service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "{\"apiKey\":\"s3cr3t\"}").withSecretPayload(true),
                Optional.empty()));
        assertEquals(1, events().size());
        assertFalse(text(events().get(0)).contains("s3cr3t"));
        assertTrue(text(events().get(0)).contains("\"secretPayload\":true"));
    }

    @Test
    void anIdempotencyKeyAnswersTheFirstJob() {
        Enqueued first = service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "1"), Optional.of("k-1")));
        Enqueued second = service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "2"), Optional.of("k-1")));
        assertFalse(second.created());
        assertEquals(first.job().id(), second.job().id());
        assertEquals(1, events().size());
    }

    @Test
    void aWorkerWithoutTheLeaseIsAConflictAndAnUnknownJobIsNotFound() {
        Job job = service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "1"), Optional.empty())).job();
        service.claim(new ClaimJobsCommand(EMAILS, "w1", 1, Set.of(), 0));
        assertThrows(ConflictException.class, () -> service.complete(job.id(), "w2", Optional.empty()));
        assertThrows(NotFoundException.class, () -> service.get(JobId.random()));
        assertThrows(NotFoundException.class, () -> service.complete(JobId.random(), "w1", Optional.empty()));
        assertThrows(ConflictException.class, () -> service.cancel(job.id()));
    }

    @Test
    void failuresGoDeadAfterMaxAttemptsAndRetryDeadRevivesThem() {
        Job job = service.enqueue(new EnqueueJobCommand(EMAILS, JobSpec.of("send", "1").withMaxAttempts(1),
                Optional.empty())).job();
        service.claim(new ClaimJobsCommand(EMAILS, "w1", 1, Set.of(), 0));
        assertEquals(JobState.DEAD, service.fail(job.id(), "w1", "smtp down", true).state());
        assertEquals(1, service.retryDead(EMAILS));
        assertEquals(JobState.WAITING, service.get(job.id()).state());
        assertEquals(List.of("job.waiting", "job.running", "job.dead", "job.waiting"), types());
    }

    @Test
    void aClaimWithWaitReturnsEmptyWhenNothingArrives() {
        assertTrue(service.claim(new ClaimJobsCommand(EMAILS, "w1", 5, Set.of(), 30)).isEmpty());
    }

    @Test
    void badClaimInputNamesTheField() {
        assertEquals("waitMs", assertThrows(InvalidInputException.class,
                () -> new ClaimJobsCommand(EMAILS, "w1", 1, Set.of(), -1)).field());
        assertEquals("count", assertThrows(InvalidInputException.class,
                () -> new ClaimJobsCommand(EMAILS, "w1", 0, Set.of(), 0)).field());
    }

    @Test
    void aDueScheduleTickEnqueuesOneJobAndPublishesIt() {
        service.put(Schedule.of("nightly", "emails", "digest", "{}", "0 3 * * *", "Europe/Berlin"));
        assertEquals(0, service.fireDueTicks());
        clock.advance(Duration.ofDays(1));
        assertEquals(1, service.fireDueTicks());
        assertEquals(0, service.fireDueTicks());
        assertEquals(List.of("job.waiting"), types());
    }
}
