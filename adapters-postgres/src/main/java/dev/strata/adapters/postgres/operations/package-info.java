/**
 * Postgres adapters of operations: the connection pool's figures, the current tenant's consumer groups, and the
 * cluster-wide aggregates (outbox, sessions, dead letters, groups) read through V31's functions.
 */
package dev.strata.adapters.postgres.operations;
