/** Driven ports of the jobs area: the durable job queue and the cron schedules that feed it. */
package dev.strata.domain.jobs.port;
