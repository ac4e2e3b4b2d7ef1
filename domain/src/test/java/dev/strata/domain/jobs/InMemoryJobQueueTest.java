package dev.strata.domain.jobs;

import dev.strata.domain.jobs.port.JobQueue;

class InMemoryJobQueueTest extends JobQueueContract {
    @Override
    protected JobQueue createSubject() {
        return new InMemoryJobQueue();
    }
}
