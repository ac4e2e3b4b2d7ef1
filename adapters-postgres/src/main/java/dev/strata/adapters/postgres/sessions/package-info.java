/** Postgres adapters of the identity and sessions area: tenants and service clients. */
package dev.strata.adapters.postgres.sessions;
