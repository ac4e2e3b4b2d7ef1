package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Value object: a cron schedule — on every tick of {@code cron} (wall-clock times in {@code timezone}) one job of
 * {@code type} with {@code payload} is enqueued on {@code queue}.
 */
public record Schedule(String name, QueueName queue, String type, String payload, CronExpression cron, ZoneId timezone) {
    public Schedule {
        ResourceName.of("name", name);
        if (queue == null) {
            throw new InvalidInputException("queue", "queue must be given");
        }
        JobSpec.checkType(type);
        JobSpec.checkPayload(payload);
        if (cron == null) {
            throw new InvalidInputException("jobs.invalid_cron", "cron", "cron must be given");
        }
        if (timezone == null) {
            throw new InvalidInputException("timezone", "timezone must be given");
        }
    }

    /** A schedule from wire values; a missing timezone means UTC. */
    public static Schedule of(String name, String queue, String type, String payload, String cron, String timezone) {
        return new Schedule(name, new QueueName(queue), type, payload, CronExpression.parse(cron), zone(timezone));
    }

    /** Parses an IANA time zone ({@code Europe/Berlin}); null means UTC; an unknown one names {@code timezone}. */
    public static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timezone", "timezone must be an IANA time zone such as Europe/Berlin");
        }
    }

    /** The first tick strictly after {@code after}. */
    public Instant nextTick(Instant after) {
        return cron.next(after, timezone);
    }

    /** The spec of the job one tick enqueues (every other option at its default). */
    public JobSpec jobSpec() {
        return JobSpec.of(type, payload);
    }

    /** True when the ticks differ from {@code other}'s (cron or zone), so the next tick must be computed anew. */
    public boolean ticksDifferFrom(Schedule other) {
        return !cron.equals(other.cron) || !timezone.equals(other.timezone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Schedule that && name.equals(that.name) && queue.equals(that.queue)
                && type.equals(that.type) && payload.equals(that.payload) && cron.equals(that.cron)
                && timezone.equals(that.timezone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, queue);
    }
}
