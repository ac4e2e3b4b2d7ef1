/** Postgres adapters of the sessions area: the durable copy of sessions, refresh tokens and their purge. */
package dev.strata.adapters.postgres.sessions;
