/** HTTP adapter of the jobs area: queues, jobs and schedules ({@code /v1/queues}, {@code /v1/jobs}, {@code /v1/schedules}). */
package dev.strata.adapters.http.jobs;
