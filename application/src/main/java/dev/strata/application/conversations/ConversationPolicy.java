package dev.strata.application.conversations;

import dev.strata.domain.conversations.Message;
import dev.strata.domain.shared.Quota;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the conversations use cases: the TTLs of the three cached views, the longest message content
 * accepted, the per-tenant quota of conversations, and whether the views are cached at all ({@code cacheEnabled}
 * false: every read goes to Postgres and nothing is warmed; changes still drop what they touch, for the instances
 * that do cache).
 */
public record ConversationPolicy(Duration recentTtl, Duration detailsTtl, Duration firstPageTtl, int maxContentChars,
                                 Quota conversationsQuota, boolean cacheEnabled) {
    public ConversationPolicy {
        requirePositive("recentTtl", recentTtl);
        requirePositive("detailsTtl", detailsTtl);
        requirePositive("firstPageTtl", firstPageTtl);
        if (maxContentChars < 1 || maxContentChars > Message.MAX_CONTENT_LENGTH) {
            throw new IllegalArgumentException("maxContentChars must be 1-" + Message.MAX_CONTENT_LENGTH);
        }
        Objects.requireNonNull(conversationsQuota, "conversationsQuota must not be null");
    }

    /** A policy with the cache on. */
    public ConversationPolicy(Duration recentTtl, Duration detailsTtl, Duration firstPageTtl, int maxContentChars,
                              Quota conversationsQuota) {
        this(recentTtl, detailsTtl, firstPageTtl, maxContentChars, conversationsQuota, true);
    }

    private static void requirePositive(String name, Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least one second");
        }
    }
}
