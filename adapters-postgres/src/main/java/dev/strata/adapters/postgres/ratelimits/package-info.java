/** Postgres adapter of the rate-limits area: the tenants' rate-limit policies. */
package dev.strata.adapters.postgres.ratelimits;
