/** Postgres adapters of the cache area: durable entries (L3) with their expiry purge, and namespace settings. */
package dev.strata.adapters.postgres.cache;
