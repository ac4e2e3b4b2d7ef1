/**
 * Redis adapter of the events area: one Redis Stream per tenant and topic (entry ids derived from the
 * sequence, so re-appending is refused by Redis itself), Pub/Sub broadcasts, and consumer groups.
 */
package dev.strata.adapters.redis.events;
