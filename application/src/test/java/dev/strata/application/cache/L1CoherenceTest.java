package dev.strata.application.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.cache.InMemoryLocalCacheTier;
import dev.strata.domain.cache.InMemoryNamespaceSettingsStore;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** L1 coherence on its own: trust follows the channel, and a fill never outlives an invalidation that crossed it. */
class L1CoherenceTest {
    private static final ResourceName NS = new ResourceName("products");
    private static final NamespaceSettings DURABLE = NamespaceSettings.defaults(NS);
    private static final NamespaceSettings NON_DURABLE = new NamespaceSettings(NS, Duration.ofSeconds(60), false, true, 10,
            Duration.ofSeconds(10));
    private final InMemoryLocalCacheTier l1 = new InMemoryLocalCacheTier();
    private final InMemoryInvalidationBus bus = new InMemoryInvalidationBus();
    private final NamespaceSettingsMemo settings = new NamespaceSettingsMemo(new InMemoryNamespaceSettingsStore(),
            Duration.ofMinutes(5), 100);
    private final L1Coherence coherence = new L1Coherence(l1, bus, settings);
    private final TenantId tenant = TenantId.random();

    @BeforeEach
    void start() {
        bus.subscribe(coherence);
        coherence.subscribed();
        TenantContext.swap(tenant);
    }

    @AfterEach
    void stop() {
        TenantContext.swap(null);
    }

    private static CacheEntry entry(String key) {
        return CacheEntry.of(new CacheKey(NS, key), CacheValue.ofUtf8("1"), Instant.now().plus(Duration.ofHours(1)), Set.of());
    }

    @Test
    void aFillIsDroppedWhenAnInvalidationCrossedTheRead() {
        CacheEntry entry = entry("k");
        L1Coherence.Generation before = coherence.generation(entry.key());
        coherence.apply(tenant, Invalidation.keys(NS, Set.of("k")));
        coherence.fill(entry, DURABLE, before);
        assertTrue(l1.get(entry.key()).isEmpty());

        L1Coherence.Generation now = coherence.generation(entry.key());
        coherence.fill(entry, DURABLE, now);
        assertTrue(l1.get(entry.key()).isPresent(), "nothing crossed this one");
    }

    @Test
    void aPrefixTagOrNamespaceInvalidationMovesEveryKeysGeneration() {
        CacheEntry entry = entry("k");
        L1Coherence.Generation before = coherence.generation(entry.key());
        coherence.apply(tenant, Invalidation.prefix(NS, "other"));
        coherence.fill(entry, DURABLE, before);
        assertTrue(l1.get(entry.key()).isEmpty());
    }

    @Test
    void aLostChannelFlushesAndBypassesL1ForDurableNamespacesUntilItIsBack() {
        coherence.fillAfterWrite(entry("k"), DURABLE);
        assertTrue(coherence.readable(DURABLE));
        settings.get(NS);

        bus.disconnect();
        assertFalse(coherence.trusted());
        assertTrue(l1.get(entry("k").key()).isEmpty(), "flushed");
        assertFalse(coherence.readable(DURABLE));
        assertTrue(coherence.readable(NON_DURABLE), "a non-durable namespace has nothing below Redis");
        coherence.fillAfterWrite(entry("k"), DURABLE);
        assertTrue(l1.get(entry("k").key()).isEmpty(), "nothing is filled while untrusted");

        bus.reconnect();
        assertTrue(coherence.trusted());
        assertTrue(coherence.readable(DURABLE));
        assertNull(settings.held(NS), "settings copies were dropped too");
    }

    @Test
    void aNamespaceInvalidationDropsTheSettingsCopy() {
        settings.get(NS);
        coherence.onInvalidation(tenant, Invalidation.namespace(NS));
        assertNull(settings.held(NS));
    }
}
