/**
 * Postgres plumbing shared by every area: transactions scoped to the current tenant
 * (row-level security via a transaction-local setting), error translation, health.
 */
package dev.strata.adapters.postgres.shared;
