package dev.strata.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JobValuesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static void assertNames(String field, org.junit.jupiter.api.function.Executable action) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void aSpecHasSaneDefaults() {
        JobSpec spec = JobSpec.of("email.send", "{\"to\":\"a@b\"}");
        assertEquals(0, spec.priority());
        assertEquals(3, spec.maxAttempts());
        assertEquals(30, spec.timeoutSeconds());
        assertEquals(Backoff.DEFAULT, spec.backoff());
        assertFalse(spec.secretPayload());
        assertEquals(NOW, spec.firstRunAt(NOW));
        assertEquals(JobState.WAITING, spec.initialState(NOW));
    }

    @Test
    void aDelayOrAFutureRunAtMakesTheJobDelayed() {
        JobSpec delayed = JobSpec.of("t", "{}").withDelaySeconds(2);
        assertEquals(NOW.plusSeconds(2), delayed.firstRunAt(NOW));
        assertEquals(JobState.DELAYED, delayed.initialState(NOW));
        JobSpec at = JobSpec.of("t", "{}").withRunAt(NOW.plusSeconds(60));
        assertEquals(JobState.DELAYED, at.initialState(NOW));
        assertEquals(JobState.WAITING, JobSpec.of("t", "{}").withRunAt(NOW.minusSeconds(60)).initialState(NOW));
    }

    @Test
    void badSpecsNameTheirField() {
        JobSpec ok = JobSpec.of("t", "{}");
        assertNames("type", () -> JobSpec.of("", "{}"));
        assertNames("type", () -> JobSpec.of("x".repeat(101), "{}"));
        assertNames("type", () -> JobSpec.of("a\nb", "{}"));
        assertNames("payload", () -> JobSpec.of("t", null));
        assertNames("payload", () -> JobSpec.of("t", " "));
        assertNames("payload", () -> JobSpec.of("t", "\"" + "x".repeat(JobSpec.MAX_PAYLOAD_BYTES) + "\""));
        assertNames("delaySeconds", () -> ok.withDelaySeconds(-1));
        assertNames("delaySeconds", () -> ok.withDelay(Duration.ofDays(400)));
        assertNames("runAt", () -> new JobSpec("t", "{}", Optional.of(NOW), Duration.ofSeconds(1), 0, 3,
                Backoff.DEFAULT, 30, Optional.empty(), false));
        assertNames("priority", () -> ok.withPriority(10));
        assertNames("priority", () -> ok.withPriority(-1));
        assertNames("maxAttempts", () -> ok.withMaxAttempts(0));
        assertNames("timeoutSeconds", () -> ok.withTimeoutSeconds(0));
        assertNames("timeoutSeconds", () -> ok.withTimeoutSeconds(86_401));
        assertNames("uniqueKey", () -> ok.withUniqueKey(""));
        assertNames("uniqueKey", () -> ok.withUniqueKey("k".repeat(201)));
        assertNames("backoff.baseSeconds", () -> new Backoff(BackoffType.FIXED, 0, 10));
        assertNames("backoff.maxSeconds", () -> new Backoff(BackoffType.EXPONENTIAL, 10, 5));
        assertNames("backoff.type", () -> BackoffType.fromWire("linear"));
        assertEquals("jobs.payload_too_large", assertThrows(InvalidInputException.class,
                () -> JobSpec.of("t", "\"" + "x".repeat(JobSpec.MAX_PAYLOAD_BYTES) + "\"")).code());
    }

    @Test
    void exponentialBackoffDoublesFromTheBaseUpToTheMax() {
        Backoff backoff = new Backoff(BackoffType.EXPONENTIAL, 2, 30);
        assertEquals(Duration.ofSeconds(2), backoff.nominal(1));
        assertEquals(Duration.ofSeconds(4), backoff.nominal(2));
        assertEquals(Duration.ofSeconds(8), backoff.nominal(3));
        assertEquals(Duration.ofSeconds(16), backoff.nominal(4));
        assertEquals(Duration.ofSeconds(30), backoff.nominal(5));
        assertEquals(Duration.ofSeconds(30), backoff.nominal(99));
        assertEquals(Duration.ofSeconds(7), new Backoff(BackoffType.FIXED, 7, 100).nominal(9));
    }

    @Test
    void jitterStaysWithinTenPerCentEitherSide() {
        Backoff backoff = new Backoff(BackoffType.EXPONENTIAL, 10, 3600);
        assertEquals(Duration.ofMillis(9000), backoff.delay(1, 0.0));
        assertEquals(Duration.ofMillis(10_000), backoff.delay(1, 0.5));
        assertEquals(Duration.ofMillis(21_000), backoff.delay(2, 0.75));
        for (int i = 0; i < 1000; i++) {
            long millis = backoff.delay(3, Math.random()).toMillis();
            assertTrue(millis >= 36_000 && millis <= 44_000, "delay " + millis);
        }
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(1, 1.0));
    }

    @Test
    void statesParseFromTheWireAndAnUnknownOneNamesState() {
        for (JobState state : JobState.values()) {
            assertEquals(state, JobState.fromWire(state.wire()));
        }
        assertNames("state", () -> JobState.fromWire("sleeping"));
        assertNames("state", () -> JobState.fromWire(null));
        assertTrue(JobState.WAITING.pending() && JobState.DELAYED.pending() && !JobState.RUNNING.pending());
        assertTrue(JobState.RUNNING.holdsUniqueKey() && !JobState.COMPLETED.holdsUniqueKey());
    }

    @Test
    void queueNamesFollowTheResourceNameRulesAndNameQueue() {
        assertEquals("jobs.emails", new QueueName("emails").topic());
        assertNames("queue", () -> new QueueName("Emails"));
        assertNames("queue", () -> new QueueName(null));
        assertNames("queue", () -> new QueueName("x".repeat(64)));
    }

    @Test
    void queueSettingsCheckTheirLimits() {
        assertNames("concurrency", () -> QueueSettings.DEFAULT.withLimits(OptionalInt.of(0), Optional.empty()));
        assertNames("ratePerSecond", () -> QueueSettings.DEFAULT.withLimits(OptionalInt.empty(), Optional.of(0.0)));
        assertNames("ratePerSecond", () -> QueueSettings.DEFAULT.withLimits(OptionalInt.empty(), Optional.of(Double.NaN)));
        QueueSettings settings = QueueSettings.DEFAULT.withLimits(OptionalInt.of(2), Optional.of(5.0)).withPaused(true);
        assertEquals(OptionalInt.of(2), settings.concurrency());
        assertTrue(settings.paused());
    }

    @Test
    void progressIsAPercentage() {
        assertNames("progress", () -> Progress.of(101, null));
        assertNames("progress", () -> Progress.of(-1, null));
        assertNames("progress.message", () -> Progress.of(5, "m".repeat(501)));
        assertEquals(Optional.of("half"), Progress.of(50, "half").message());
    }

    @Test
    void workersErrorsResultsCountsLimitsAndCursorsAreChecked() {
        assertNames("worker", () -> Job.checkWorker(" "));
        assertNames("error", () -> Job.checkError(null));
        assertEquals(Job.MAX_ERROR_LENGTH, Job.checkError("e".repeat(5000)).length());
        assertNames("result", () -> Job.checkResult("\"" + "r".repeat(JobSpec.MAX_PAYLOAD_BYTES) + "\""));
        assertNames("count", () -> Claimed.checkCount(0));
        assertNames("count", () -> Claimed.checkCount(1001));
        assertNames("limit", () -> JobPage.checkLimit(0));
        assertNames("cursor", () -> JobPage.position("not a cursor!"));
        assertNames("cursor", () -> JobPage.position("-5"));
        assertEquals(12345L, JobPage.position(JobPage.cursorAfter(12345L)));
        assertTrue(JobId.parse("nope").isEmpty());
    }

    @Test
    void schedulesCheckNameQueueTypeCronAndTimezone() {
        Schedule schedule = Schedule.of("nightly", "maintenance", "vacuum", "{}", "0 3 * * *", "Europe/Berlin");
        assertEquals(ZoneId.of("Europe/Berlin"), schedule.timezone());
        assertEquals(Instant.parse("2030-01-01T02:00:00Z"), schedule.nextTick(NOW));
        assertEquals(ZoneOffset.UTC, Schedule.of("n", "q", "t", "{}", "@daily", null).timezone());
        assertNames("timezone", () -> Schedule.of("n", "q", "t", "{}", "@daily", "Mars/Olympus"));
        assertNames("cron", () -> Schedule.of("n", "q", "t", "{}", "every day", null));
        assertNames("name", () -> Schedule.of("N!", "q", "t", "{}", "@daily", null));
        assertNames("queue", () -> Schedule.of("n", "Q", "t", "{}", "@daily", null));
        assertNames("type", () -> Schedule.of("n", "q", "", "{}", "@daily", null));
        assertTrue(schedule.ticksDifferFrom(Schedule.of("nightly", "maintenance", "vacuum", "{}", "0 4 * * *", "Europe/Berlin")));
        assertFalse(schedule.ticksDifferFrom(Schedule.of("nightly", "other", "x", "[]", "0 3 * * *", "Europe/Berlin")));
    }

    @Test
    void aSecretPayloadNeverLeavesThroughPublicPayload() {
        Job job = new Job(JobId.random(), new QueueName("q"), "t", "{\"key\":\"s3cr3t\"}", true, JobState.WAITING, 0, 0, 3,
                Backoff.DEFAULT, 30, Optional.empty(), Progress.NONE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), NOW, NOW, Optional.empty(), Optional.empty(), NOW);
        assertTrue(job.publicPayload().isEmpty());
        assertEquals("job.waiting", JobChange.created(job).eventType());
        assertFalse(job.toString().contains("s3cr3t"));
    }
}
