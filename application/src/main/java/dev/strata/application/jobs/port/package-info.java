/** Driving ports of the jobs area: the job queue and schedule use cases the HTTP adapter calls. */
package dev.strata.application.jobs.port;
