package dev.strata.application.cache;

import dev.strata.application.cache.L1Coherence.Generation;
import dev.strata.application.cache.port.CacheLookup;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.cache.port.SharedCacheTier;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The looks at a key that never block (for the event loop): L1 under the same trust rule as a full read,
 * and L2 by its non-blocking read. Only what this instance already holds is used: settings not loaded yet
 * (or stale) mean "ask the full read", which also counts the misses.
 */
final class CachePeeks {
    private static final CompletionStage<Optional<CacheLookup.Hit>> NOT_WITHOUT_BLOCKING =
            CompletableFuture.completedFuture(Optional.empty());

    private final LocalCacheTier l1;
    private final SharedCacheTier l2;
    private final L1Coherence coherence;
    private final NamespaceSettingsMemo settingsMemo;
    private final CacheCounters counters;

    CachePeeks(LocalCacheTier l1, SharedCacheTier l2, L1Coherence coherence, NamespaceSettingsMemo settingsMemo,
               CacheCounters counters) {
        this.l1 = l1;
        this.l2 = l2;
        this.coherence = coherence;
        this.settingsMemo = settingsMemo;
        this.counters = counters;
    }

    Optional<CacheLookup.Hit> fromMemory(CacheKey key, int maxBytes) {
        NamespaceSettings settings = settingsMemo.held(key.namespace());
        if (settings == null || !coherence.readable(settings)) {
            return Optional.empty();
        }
        Optional<CacheEntry> local = l1.get(key);
        if (local.isEmpty() || local.get().value().size() > maxBytes) {
            return Optional.empty();
        }
        counters.count(counters.of(key.namespace()), CacheTier.L1, true);
        return Optional.of(new CacheLookup.Hit(local.get(), CacheTier.L1));
    }

    CompletionStage<Optional<CacheLookup.Hit>> withoutBlocking(CacheKey key) {
        NamespaceSettings settings = settingsMemo.held(key.namespace());
        if (settings == null) {
            return NOT_WITHOUT_BLOCKING;
        }
        CacheCounters.Counts counts = counters.of(key.namespace());
        boolean useL1 = coherence.readable(settings);
        if (useL1) {
            Optional<CacheEntry> local = l1.get(key);
            if (local.isPresent()) {
                counters.count(counts, CacheTier.L1, true);
                return CompletableFuture.completedFuture(Optional.of(new CacheLookup.Hit(local.get(), CacheTier.L1)));
            }
        }
        TenantId tenant = TenantContext.require();
        Generation generation = coherence.generation(tenant, key);
        return l2.getAsync(key).handle((shared, error) -> {
            if (error != null || shared.isEmpty()) {
                return Optional.<CacheLookup.Hit>empty();
            }
            // the answer may be on Redis's I/O thread: the tenant is set again for the fill
            TenantContext.runAs(tenant, () -> {
                if (useL1) {
                    counters.count(counts, CacheTier.L1, false);
                } else if (settings.l1Enabled()) {
                    counters.bypassedL1();
                }
                counters.count(counts, CacheTier.L2, true);
                coherence.fill(shared.get(), settings, generation);
            });
            return Optional.of(new CacheLookup.Hit(shared.get(), CacheTier.L2));
        });
    }
}
