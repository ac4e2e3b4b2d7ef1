/**
 * Jobs: durable background work — delayed, prioritised, leased to workers with heartbeats, retried with
 * backoff until dead, limited per queue, and enqueued by cron schedules exactly once per tick.
 */
package dev.strata.domain.jobs;
