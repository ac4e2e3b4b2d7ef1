package dev.strata.application.conversations;

import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.ResourceName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the conversations' cache namespaces, fixed in code for every tenant, for the cache engine
 * instance that serves them: not durable (Postgres already holds the truth), no L1 (an L1 copy on another
 * instance could outlive an acknowledged change until the invalidation arrives; Redis alone is seen by all at
 * once), TTLs from the policy. Other namespaces get the engine's defaults; nothing is saved.
 */
public final class ConversationNamespaceSettings implements NamespaceSettingsStore {
    private final Map<ResourceName, NamespaceSettings> settings;

    public ConversationNamespaceSettings(ConversationPolicy policy) {
        this.settings = Map.of(
                ConversationCache.RECENT, fixed(ConversationCache.RECENT, policy.recentTtl()),
                ConversationCache.DETAILS, fixed(ConversationCache.DETAILS, policy.detailsTtl()),
                ConversationCache.FIRST_PAGES, fixed(ConversationCache.FIRST_PAGES, policy.firstPageTtl()));
    }

    private static NamespaceSettings fixed(ResourceName namespace, Duration ttl) {
        return new NamespaceSettings(namespace, ttl, false, false, 1, NamespaceSettings.DEFAULT_L1_TTL);
    }

    @Override
    public Optional<NamespaceSettings> find(ResourceName namespace) {
        return Optional.ofNullable(settings.get(namespace));
    }

    @Override
    public void save(NamespaceSettings namespaceSettings) {
        throw new UnsupportedOperationException("the conversations' cache namespaces are configured in code");
    }
}
