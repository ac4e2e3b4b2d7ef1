package dev.strata.application.jobs.port;

/**
 * Use case: the jobs area's background work over all tenants, run by a loop on every instance. Each call deals with
 * one bounded round and answers how much it did; running it on several instances at once is safe (a lease is reaped
 * once, a tick fires once, a job is deleted once).
 */
public interface RunJobHousekeepingUseCase {
    /** Reaps the expired leases of every queue that has some (as failed attempts, published as events). */
    int reapExpiredLeases();

    /** Fires the due ticks of every tenant with a due schedule; how many jobs were enqueued. */
    int fireDueSchedules();

    /** Deletes a bounded batch of finished jobs past their retention from every queue that has some. */
    int purgeFinished();
}
