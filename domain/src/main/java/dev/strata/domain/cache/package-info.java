/**
 * Tiered cache: namespaced keys holding raw JSON values with an ETag, an expiry and tags.
 * One {@link dev.strata.domain.cache.port.CacheStore} per tier (Redis, Postgres); the
 * {@link dev.strata.domain.cache.port.InvalidationBus} tells every instance to drop its in-memory copies.
 */
package dev.strata.domain.cache;
