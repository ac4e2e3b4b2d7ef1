package dev.strata.domain.jobs;

import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;

class InMemoryJobSchedulesTest extends JobSchedulesContract {
    private final InMemoryJobQueue queue = new InMemoryJobQueue();

    @Override
    protected JobSchedules createSubject() {
        return new InMemoryJobSchedules(queue);
    }

    @Override
    protected JobQueue queueOf(JobSchedules subject) {
        return queue;
    }
}
