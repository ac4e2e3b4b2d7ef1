package dev.strata.domain.jobs;

import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;

class InMemoryJobHousekeepingTest extends JobHousekeepingContract {
    private final InMemoryJobQueue queue = new InMemoryJobQueue();
    private final InMemoryJobSchedules fakeSchedules = new InMemoryJobSchedules(queue);

    @Override
    protected JobHousekeeping createSubject() {
        return new InMemoryJobHousekeeping(queue, fakeSchedules);
    }

    @Override
    protected JobQueue jobs() {
        return queue;
    }

    @Override
    protected JobSchedules schedules() {
        return fakeSchedules;
    }
}
