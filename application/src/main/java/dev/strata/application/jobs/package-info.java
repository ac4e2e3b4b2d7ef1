/** Services of the jobs area: job queues and cron schedules, every state change published on {@code jobs.{q}}. */
package dev.strata.application.jobs;
