package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Value object: a job as its creator asks for it — a {@code type} for workers to pick by, a JSON payload, when it may
 * first run ({@code runAt} or a delay from enqueueing), its priority (0..9, higher first), how often it may be tried,
 * the backoff between tries, how long one try's lease lasts, an optional key that dedups it against pending and
 * running jobs of its queue, and whether its payload is secret (then no event ever carries it).
 */
public record JobSpec(String type, String payload, Optional<Instant> runAt, Duration delay, int priority,
                      int maxAttempts, Backoff backoff, int timeoutSeconds, Optional<String> uniqueKey,
                      boolean secretPayload) {
    /** The longest job type, in characters. */
    public static final int MAX_TYPE_LENGTH = 100;
    /** The largest payload (UTF-8 bytes of the JSON text). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** The longest unique key, in characters. */
    public static final int MAX_UNIQUE_KEY_LENGTH = 200;
    /** The longest delay: one year. */
    public static final Duration MAX_DELAY = Duration.ofDays(366);
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 9;
    public static final int DEFAULT_PRIORITY = 0;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int MAX_ATTEMPTS_LIMIT = 100;
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int MAX_TIMEOUT_SECONDS = 86_400;

    public JobSpec {
        checkType(type);
        checkPayload(payload);
        Objects.requireNonNull(runAt, "runAt must not be null");
        if (delay == null || delay.isNegative()) {
            throw new InvalidInputException("delaySeconds", "delaySeconds must be at least 0");
        }
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new InvalidInputException("delaySeconds", "delaySeconds must be at most " + MAX_DELAY.toSeconds());
        }
        if (runAt.isPresent() && !delay.isZero()) {
            throw new InvalidInputException("runAt", "runAt and delaySeconds must not both be given");
        }
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new InvalidInputException("priority", "priority must be " + MIN_PRIORITY + ".." + MAX_PRIORITY);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new InvalidInputException("maxAttempts", "maxAttempts must be 1.." + MAX_ATTEMPTS_LIMIT);
        }
        if (backoff == null) {
            throw new InvalidInputException("backoff", "backoff must not be null");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new InvalidInputException("timeoutSeconds", "timeoutSeconds must be 1.." + MAX_TIMEOUT_SECONDS);
        }
        Objects.requireNonNull(uniqueKey, "uniqueKey must not be null");
        uniqueKey.ifPresent(JobSpec::checkUniqueKey);
    }

    /** A job of {@code type} with {@code payload} and every default: now, priority 0, 3 attempts, 30 s leases. */
    public static JobSpec of(String type, String payload) {
        return new JobSpec(type, payload, Optional.empty(), Duration.ZERO, DEFAULT_PRIORITY, DEFAULT_MAX_ATTEMPTS,
                Backoff.DEFAULT, DEFAULT_TIMEOUT_SECONDS, Optional.empty(), false);
    }

    public JobSpec withRunAt(Instant at) {
        return new JobSpec(type, payload, Optional.of(at), Duration.ZERO, priority, maxAttempts, backoff, timeoutSeconds,
                uniqueKey, secretPayload);
    }

    public JobSpec withDelay(Duration by) {
        return new JobSpec(type, payload, Optional.empty(), by, priority, maxAttempts, backoff, timeoutSeconds,
                uniqueKey, secretPayload);
    }

    /** The delay in whole seconds as clients send it; a negative one is refused naming {@code delaySeconds}. */
    public JobSpec withDelaySeconds(long seconds) {
        if (seconds < 0) {
            throw new InvalidInputException("delaySeconds", "delaySeconds must be at least 0");
        }
        return withDelay(Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds() + 1)));
    }

    public JobSpec withPriority(int value) {
        return new JobSpec(type, payload, runAt, delay, value, maxAttempts, backoff, timeoutSeconds, uniqueKey,
                secretPayload);
    }

    public JobSpec withMaxAttempts(int value) {
        return new JobSpec(type, payload, runAt, delay, priority, value, backoff, timeoutSeconds, uniqueKey,
                secretPayload);
    }

    public JobSpec withBackoff(Backoff value) {
        return new JobSpec(type, payload, runAt, delay, priority, maxAttempts, value, timeoutSeconds, uniqueKey,
                secretPayload);
    }

    public JobSpec withTimeoutSeconds(int value) {
        return new JobSpec(type, payload, runAt, delay, priority, maxAttempts, backoff, value, uniqueKey,
                secretPayload);
    }

    public JobSpec withUniqueKey(String value) {
        return new JobSpec(type, payload, runAt, delay, priority, maxAttempts, backoff, timeoutSeconds,
                Optional.of(value), secretPayload);
    }

    public JobSpec withSecretPayload(boolean value) {
        return new JobSpec(type, payload, runAt, delay, priority, maxAttempts, backoff, timeoutSeconds, uniqueKey,
                value);
    }

    /** When the job may first run, enqueued at {@code now}. */
    public Instant firstRunAt(Instant now) {
        return runAt.orElseGet(() -> now.plus(delay));
    }

    /** The state a job enters enqueued at {@code now}: delayed while its first run lies in the future. */
    public JobState initialState(Instant now) {
        return firstRunAt(now).isAfter(now) ? JobState.DELAYED : JobState.WAITING;
    }

    /** Checks a job type: 1..100 characters, no control characters; names {@code type}. */
    public static String checkType(String type) {
        if (type == null || type.isBlank() || type.length() > MAX_TYPE_LENGTH || hasControl(type)) {
            throw new InvalidInputException("type",
                    "type must be 1.." + MAX_TYPE_LENGTH + " characters without control characters");
        }
        return type;
    }

    /** Checks a payload: JSON text of at most {@link #MAX_PAYLOAD_BYTES} UTF-8 bytes; names {@code payload}. */
    public static String checkPayload(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidInputException("payload", "payload must be given (JSON; null is written as null)");
        }
        if (payload.length() > MAX_PAYLOAD_BYTES || payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new InvalidInputException("jobs.payload_too_large", "payload",
                    "payload must be at most " + MAX_PAYLOAD_BYTES + " bytes");
        }
        return payload;
    }

    private static void checkUniqueKey(String key) {
        if (key.isBlank() || key.length() > MAX_UNIQUE_KEY_LENGTH || hasControl(key)) {
            throw new InvalidInputException("uniqueKey",
                    "uniqueKey must be 1.." + MAX_UNIQUE_KEY_LENGTH + " characters without control characters");
        }
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "JobSpec[type=" + type + ", priority=" + priority + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff
                + ", timeoutSeconds=" + timeoutSeconds + ", " + payload.length() + " payload chars]";
    }
}
