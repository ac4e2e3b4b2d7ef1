/**
 * Events: CloudEvents appended to per-tenant topics with a gap-free sequence per topic — the durable
 * log that streams, consumer groups and other areas' notifications are built on.
 */
package dev.strata.domain.events;
