/** Postgres adapters of the identity area: tenants, service clients, users, login attempts and password resets. */
package dev.strata.adapters.postgres.identity;
