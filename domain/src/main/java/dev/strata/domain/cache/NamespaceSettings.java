package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Duration;

/**
 * Value object: how one cache namespace behaves — default TTL, whether Postgres keeps its entries
 * (durable), and whether (and how much of it) the in-process tier may hold.
 */
public record NamespaceSettings(ResourceName namespace, Duration defaultTtl, boolean durable, boolean l1Enabled,
                                int l1MaxEntries, Duration l1Ttl) {
    /** The longest TTL an entry or a namespace may have: one year. */
    public static final Duration MAX_TTL = Duration.ofDays(365);
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(3600);
    public static final int DEFAULT_L1_MAX_ENTRIES = 10_000;
    public static final int MAX_L1_MAX_ENTRIES = 1_000_000;
    public static final Duration DEFAULT_L1_TTL = Duration.ofSeconds(300);

    public NamespaceSettings {
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace must not be null");
        }
        requireTtl("defaultTtlSeconds", defaultTtl);
        requireTtl("l1.ttlSeconds", l1Ttl);
        if (l1MaxEntries < 1 || l1MaxEntries > MAX_L1_MAX_ENTRIES) {
            throw new InvalidInputException("l1.maxEntries", "l1.maxEntries must be 1-" + MAX_L1_MAX_ENTRIES);
        }
    }

    /** What a namespace that was never configured gets: TTL 3600 s, durable, L1 on. */
    public static NamespaceSettings defaults(ResourceName namespace) {
        return new NamespaceSettings(namespace, DEFAULT_TTL, true, true, DEFAULT_L1_MAX_ENTRIES, DEFAULT_L1_TTL);
    }

    /** Checks a TTL for the argument {@code field}: 1 second to one year, whole seconds. */
    public static Duration requireTtl(String field, Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidInputException(field, field + " must be 1-" + MAX_TTL.toSeconds() + " seconds");
        }
        return ttl;
    }
}
