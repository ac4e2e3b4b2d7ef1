package dev.strata.domain.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Value object: a stored schedule with its next tick and the tick it last fired for. */
public record ScheduleView(Schedule schedule, Instant nextRunAt, Optional<Instant> lastRunAt) {
    public ScheduleView {
        Objects.requireNonNull(schedule, "schedule must not be null");
        Objects.requireNonNull(nextRunAt, "nextRunAt must not be null");
        Objects.requireNonNull(lastRunAt, "lastRunAt must not be null");
    }
}
