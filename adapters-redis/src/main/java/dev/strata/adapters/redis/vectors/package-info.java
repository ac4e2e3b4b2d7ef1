/**
 * Redis side of the vectors area: the never-stale cache of search results and the copies of hot vectors, both
 * guarded by the collection's version stamp in Redis.
 */
package dev.strata.adapters.redis.vectors;
