package dev.strata.archcanary.domain.cache;

import java.sql.Timestamp;

/** Canary fixture: a domain record holding a JDBC type; java.sql is JDK, so only the explicit ban catches it. */
public record CacheEntry(String key, Timestamp storedAt) {
}
