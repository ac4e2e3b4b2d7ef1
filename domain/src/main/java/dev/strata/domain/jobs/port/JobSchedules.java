package dev.strata.domain.jobs.port;

import dev.strata.domain.jobs.JobChange;
import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.jobs.ScheduleView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the cron schedules of the current tenant, and the firing of their ticks. Firing enqueues one job per
 * due tick on the schedule's queue exactly once across all instances, in the same transaction as the step to the next
 * tick; a schedule that missed several ticks (nobody ran, a restart) fires once for them and then moves on to its
 * next tick after "now".
 */
public interface JobSchedules {
    /** Creates or replaces a schedule; its next tick is computed from {@code now} when new or when its ticks changed. */
    ScheduleView upsert(Schedule schedule, Instant now);

    Optional<ScheduleView> find(String name);

    /** All schedules of the tenant, by name. */
    List<ScheduleView> list();

    /** Deletes a schedule; false when there was none. */
    boolean delete(String name);

    /** Fires every schedule whose next tick is due at {@code now}; returns the changes (jobs created) to publish. */
    List<JobChange> claimDueTicks(Instant now);
}
