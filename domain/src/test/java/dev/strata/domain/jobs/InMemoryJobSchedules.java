package dev.strata.domain.jobs;

import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link JobSchedules}, enqueuing into an {@link InMemoryJobQueue}. Thread-safe. */
public final class InMemoryJobSchedules implements JobSchedules {
    private final InMemoryJobQueue queue;
    private final Map<String, ScheduleView> schedules = new HashMap<>();

    public InMemoryJobSchedules(InMemoryJobQueue queue) {
        this.queue = queue;
    }

    private static String key(TenantId tenant, String name) {
        return tenant + "\n" + name;
    }

    @Override
    public synchronized ScheduleView upsert(Schedule schedule, Instant now) {
        String key = key(TenantContext.require(), schedule.name());
        ScheduleView existing = schedules.get(key);
        ScheduleView view;
        if (existing == null || schedule.ticksDifferFrom(existing.schedule())) {
            view = new ScheduleView(schedule, schedule.nextTick(now),
                    existing == null ? Optional.empty() : existing.lastRunAt());
        } else {
            view = new ScheduleView(schedule, existing.nextRunAt(), existing.lastRunAt());
        }
        schedules.put(key, view);
        return view;
    }

    @Override
    public synchronized Optional<ScheduleView> find(String name) {
        return Optional.ofNullable(schedules.get(key(TenantContext.require(), name)));
    }

    @Override
    public synchronized List<ScheduleView> list() {
        String prefix = TenantContext.require() + "\n";
        return schedules.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .sorted(Comparator.comparing(v -> v.schedule().name())).toList();
    }

    @Override
    public synchronized boolean delete(String name) {
        return schedules.remove(key(TenantContext.require(), name)) != null;
    }

    /** Tenants with a schedule due at {@code now}; for the housekeeping fake. */
    synchronized List<TenantId> tenantsDueAt(Instant now) {
        return schedules.entrySet().stream().filter(e -> !e.getValue().nextRunAt().isAfter(now))
                .map(e -> new TenantId(java.util.UUID.fromString(e.getKey().substring(0, e.getKey().indexOf('\n')))))
                .distinct().toList();
    }

    @Override
    public synchronized List<JobChange> claimDueTicks(Instant now) {
        List<JobChange> changes = new ArrayList<>();
        for (ScheduleView view : list()) {
            if (view.nextRunAt().isAfter(now)) {
                continue;
            }
            Schedule schedule = view.schedule();
            queue.enqueue(schedule.queue(), schedule.jobSpec(), now, null).change().ifPresent(changes::add);
            schedules.put(key(TenantContext.require(), schedule.name()),
                    new ScheduleView(schedule, schedule.nextTick(now), Optional.of(view.nextRunAt())));
        }
        return changes;
    }
}
