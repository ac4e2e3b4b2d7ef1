/** Postgres adapter of the jobs area: the durable job queues (claims with SKIP LOCKED) and the cron schedules. */
package dev.strata.adapters.postgres.jobs;
