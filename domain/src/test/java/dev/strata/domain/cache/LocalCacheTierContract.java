package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link LocalCacheTier}: the in-memory fake and the Caffeine adapter extend it. */
public abstract class LocalCacheTierContract extends ContractSupport {
    protected static final ResourceName NS = new ResourceName("products");
    protected static final ResourceName OTHER_NS = new ResourceName("users");
    protected static final Duration LONG = Duration.ofHours(1);

    protected LocalCacheTier tier;
    protected TenantId tenant;

    protected abstract LocalCacheTier createSubject();

    @BeforeEach
    void createTier() {
        tier = createSubject();
        tenant = newTenant();
    }

    protected CacheEntry entry(ResourceName ns, String key, String json, Duration ttl, String... tags) {
        Set<Tag> tagSet = Arrays.stream(tags).map(Tag::new).collect(Collectors.toSet());
        return CacheEntry.of(new CacheKey(ns, key), CacheValue.ofUtf8(json), now().plus(ttl), tagSet);
    }

    private void put(CacheEntry entry) {
        runAs(tenant, () -> tier.put(entry, LONG, 1000));
    }

    private boolean has(ResourceName ns, String key) {
        return as(tenant, () -> tier.get(new CacheKey(ns, key))).isPresent();
    }

    @Test
    void holdsWhatWasPutPerTenant() {
        CacheEntry entry = entry(NS, "nul\u0000key", "{\"a\":1}", LONG, "t");
        put(entry);
        assertEquals(entry, as(tenant, () -> tier.get(entry.key())).orElseThrow());
        assertTrue(as(newTenant(), () -> tier.get(entry.key())).isEmpty(), "another tenant");
        assertEquals(1, as(tenant, () -> tier.size(NS)));
    }

    @Test
    void honoursEntryExpiryAndMaxAge() {
        put(entry(NS, "short", "1", Duration.ofMillis(300)));
        runAs(tenant, () -> tier.put(entry(NS, "young", "2", LONG), Duration.ofMillis(300), 1000));
        put(entry(NS, "long", "3", LONG));
        elapse(Duration.ofMillis(900));
        assertTrue(!has(NS, "short"));
        assertTrue(!has(NS, "young"));
        assertTrue(has(NS, "long"));
    }

    @Test
    void respectsTheNamespaceLimit() {
        for (int i = 0; i < 5; i++) {
            CacheEntry entry = entry(NS, "k" + i, "1", LONG);
            runAs(tenant, () -> tier.put(entry, LONG, 3));
        }
        assertTrue(as(tenant, () -> tier.size(NS)) <= 3);
        put(entry(OTHER_NS, "k", "1", LONG));
        assertTrue(has(OTHER_NS, "k"), "another namespace has its own limit");
    }

    @Test
    void dropsByKeyPrefixTagAndNamespace() {
        put(entry(NS, "a", "1", LONG, "red"));
        put(entry(NS, "user:1", "1", LONG));
        put(entry(NS, "user:2", "1", LONG));
        put(entry(NS, "b", "1", LONG, "blue"));
        put(entry(OTHER_NS, "a", "1", LONG, "red"));
        runAs(tenant, () -> tier.drop(new CacheKey(NS, "b")));
        assertTrue(!has(NS, "b"));
        tier.drop(tenant, Invalidation.tagged(NS, Set.of(new Tag("red"))));
        assertTrue(!has(NS, "a"));
        assertTrue(has(OTHER_NS, "a"));
        tier.drop(tenant, Invalidation.prefix(NS, "user:"));
        assertTrue(!has(NS, "user:1"));
        tier.drop(tenant, Invalidation.namespace(OTHER_NS));
        assertTrue(!has(OTHER_NS, "a"));
    }

    @Test
    void dropsOnlyTheNamedTenant() {
        TenantId other = newTenant();
        CacheEntry entry = entry(NS, "k", "1", LONG);
        put(entry);
        runAs(other, () -> tier.put(entry, LONG, 10));
        tier.drop(other, Invalidation.keys(NS, Set.of("k")));
        assertTrue(has(NS, "k"));
        tier.clear();
        assertTrue(!has(NS, "k"));
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> tier.get(new CacheKey(NS, "k")));
    }
}
