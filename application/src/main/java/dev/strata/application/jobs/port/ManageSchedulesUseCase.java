package dev.strata.application.jobs.port;

import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.jobs.ScheduleView;
import java.util.List;
import java.util.Optional;

/**
 * Use case: the cron schedules of the current tenant ({@code /v1/schedules}) and the firing of their due ticks,
 * one job per tick exactly once across instances, each published on its queue's topic.
 */
public interface ManageSchedulesUseCase {
    ScheduleView put(Schedule schedule);

    Optional<ScheduleView> get(String name);

    List<ScheduleView> list();

    boolean delete(String name);

    /** Fires the tenant's due ticks now; how many jobs were enqueued. */
    int fireDueTicks();
}
