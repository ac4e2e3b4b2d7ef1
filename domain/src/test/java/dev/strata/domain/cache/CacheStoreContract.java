package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link CacheStore}: the in-memory fake and every real cache tier extend it. */
public abstract class CacheStoreContract extends ContractSupport {
    protected static final ResourceName NS = new ResourceName("products");
    protected static final ResourceName OTHER_NS = new ResourceName("users");

    protected CacheStore store;
    protected TenantId tenant;

    /** Hook: the store under test; called before each test. */
    protected abstract CacheStore createSubject();

    @BeforeEach
    void createCacheStore() {
        store = createSubject();
        tenant = newTenant();
    }

    protected CacheEntry entry(ResourceName namespace, String key, String json, Duration ttl, String... tags) {
        Set<Tag> tagSet = Arrays.stream(tags).map(Tag::new).collect(Collectors.toSet());
        return CacheEntry.of(new CacheKey(namespace, key), CacheValue.ofUtf8(json), now().plus(ttl), tagSet);
    }

    protected CacheEntry entry(String key, String json, String... tags) {
        return entry(NS, key, json, Duration.ofHours(1), tags);
    }

    private Optional<CacheEntry> get(String key) {
        return as(tenant, () -> store.get(new CacheKey(NS, key)));
    }

    private void put(CacheEntry entry) {
        runAs(tenant, () -> store.put(entry));
    }

    @Test
    void returnsTheStoredBytesExactlyWithEtagExpiryAndTags() {
        String oddlyFormatted = "{ \"name\" :\t\"Grüße ☕\",\n  \"price\": 2.50, \"tags\":[ ] }";
        CacheEntry stored = entry("p-1", oddlyFormatted, "catalog", "user:42");
        put(stored);

        CacheEntry found = get("p-1").orElseThrow();
        assertArrayEquals(oddlyFormatted.getBytes(StandardCharsets.UTF_8), found.value().json());
        assertEquals(stored.etag(), found.etag());
        assertEquals(stored.expiresAt(), found.expiresAt());
        assertEquals(Set.of(new Tag("catalog"), new Tag("user:42")), found.tags());
        assertEquals(stored, found);
    }

    @Test
    void anUnknownKeyIsAMiss() {
        assertTrue(get("never-put").isEmpty());
    }

    @Test
    void holdsLargeValues() {
        String big = "\"" + "x".repeat(256 * 1024) + "\"";
        put(entry("big", big));
        assertEquals(big.length(), get("big").orElseThrow().value().size());
    }

    @Test
    void keysMayHoldAnyCharacterAndAreMatchedExactly() {
        List<String> keys = List.of("a", "A", "a ", " a", "ключ/with spaces?&=%2F", "emoji 😀", "tab\there\nnewline",
                "nul\u0000inside", "é".repeat(256), "k".repeat(CacheKey.MAX_KEY_BYTES));
        for (int i = 0; i < keys.size(); i++) {
            put(entry(keys.get(i), "{\"i\":" + i + "}"));
        }
        for (int i = 0; i < keys.size(); i++) {
            assertEquals("{\"i\":" + i + "}", get(keys.get(i)).orElseThrow().value().asUtf8(), "key #" + i);
        }
        assertTrue(get("a  ").isEmpty());
        assertTrue(get("ключ").isEmpty());
    }

    @Test
    void namespacesAreSeparate() {
        put(entry(NS, "same", "1", Duration.ofHours(1)));
        put(entry(OTHER_NS, "same", "2", Duration.ofHours(1)));
        assertEquals("1", get("same").orElseThrow().value().asUtf8());
        assertEquals("2", as(tenant, () -> store.get(new CacheKey(OTHER_NS, "same"))).orElseThrow().value().asUtf8());
    }

    @Test
    void aPutReplacesValueEtagExpiryAndTags() {
        put(entry("k", "{\"v\":1}", "old"));
        CacheEntry replacement = entry(NS, "k", "{\"v\":2}", Duration.ofMinutes(5), "new");
        put(replacement);
        assertEquals(replacement, get("k").orElseThrow());
        assertEquals(0, as(tenant, () -> store.deleteByTag(NS, new Tag("old"))));
        assertTrue(get("k").isPresent(), "the old tag no longer reaches the entry");
    }

    @Test
    void getAllAnswersOnlyTheHits() {
        put(entry("a", "1"));
        put(entry("c", "3"));
        CacheKey a = new CacheKey(NS, "a");
        CacheKey b = new CacheKey(NS, "b");
        CacheKey c = new CacheKey(NS, "c");
        Map<CacheKey, CacheEntry> hits = as(tenant, () -> store.getAll(List.of(a, b, c)));
        assertEquals(Set.of(a, c), hits.keySet());
        assertEquals("1", hits.get(a).value().asUtf8());
        assertEquals("3", hits.get(c).value().asUtf8());
        assertTrue(as(tenant, () -> store.getAll(List.of())).isEmpty());
    }

    @Test
    void anEntryAlreadyExpiredIsNeverServed() {
        put(entry(NS, "stale", "1", Duration.ofSeconds(-5)));
        assertTrue(get("stale").isEmpty());
        assertTrue(as(tenant, () -> store.getAll(List.of(new CacheKey(NS, "stale")))).isEmpty());
        assertFalse(as(tenant, () -> store.delete(new CacheKey(NS, "stale"))));
    }

    @Test
    void anEntryExpiresWhenItsTimeHasPassed() {
        put(entry(NS, "long", "1", Duration.ofHours(1)));
        put(entry(NS, "short", "2", Duration.ofMillis(400)));
        elapse(Duration.ofMillis(1200));
        assertTrue(get("long").isPresent());
        assertTrue(get("short").isEmpty());
        assertEquals(Set.of(new CacheKey(NS, "long")),
                as(tenant, () -> store.getAll(List.of(new CacheKey(NS, "long"), new CacheKey(NS, "short")))).keySet());
    }

    @Test
    void putIfMatchStoresOnlyOverTheExpectedEtag() {
        CacheEntry first = entry("k", "{\"v\":1}");
        put(first);
        CacheEntry second = entry("k", "{\"v\":2}");
        CacheEntry third = entry("k", "{\"v\":3}");

        assertFalse(as(tenant, () -> store.putIfMatch(second, third.etag())), "wrong etag");
        assertEquals(first, get("k").orElseThrow());

        assertTrue(as(tenant, () -> store.putIfMatch(second, first.etag())));
        assertEquals(second, get("k").orElseThrow());

        assertFalse(as(tenant, () -> store.putIfMatch(third, first.etag())), "the etag moved on");
        assertEquals(second, get("k").orElseThrow());
    }

    @Test
    void putIfAbsentNeverOverwritesALiveEntry() {
        CacheEntry first = entry("k", "{\"v\":1}", "t");
        assertTrue(as(tenant, () -> store.putIfAbsent(first)));
        assertFalse(as(tenant, () -> store.putIfAbsent(entry("k", "{\"v\":2}"))));
        assertEquals(first, get("k").orElseThrow());

        put(entry(NS, "expired", "1", Duration.ofSeconds(-1)));
        CacheEntry fresh = entry("expired", "2");
        assertTrue(as(tenant, () -> store.putIfAbsent(fresh)), "an expired entry is absent");
        assertEquals(fresh, get("expired").orElseThrow());
    }

    @Test
    void putIfMatchNeverCreatesAMissingOrExpiredKey() {
        CacheEntry wanted = entry("absent", "1");
        assertFalse(as(tenant, () -> store.putIfMatch(wanted, wanted.etag())));
        assertTrue(get("absent").isEmpty());

        CacheEntry expired = entry(NS, "expired", "1", Duration.ofSeconds(-1));
        put(expired);
        assertFalse(as(tenant, () -> store.putIfMatch(entry("expired", "2"), expired.etag())));
        assertTrue(get("expired").isEmpty());
    }

    @Test
    void deleteRemovesTheKeyAndTellsWhetherItWasThere() {
        put(entry("k", "1"));
        put(entry("keep", "2"));
        assertTrue(as(tenant, () -> store.delete(new CacheKey(NS, "k"))));
        assertTrue(get("k").isEmpty());
        assertFalse(as(tenant, () -> store.delete(new CacheKey(NS, "k"))));
        assertTrue(get("keep").isPresent());
    }

    @Test
    void deleteByPrefixRemovesOnlyMatchingKeysOfThatNamespace() {
        put(entry("user:1:profile", "1"));
        put(entry("user:1:cart", "2"));
        put(entry("user:10:cart", "3"));
        put(entry("user:2:cart", "4"));
        put(entry("über:1", "5"));
        put(entry(OTHER_NS, "user:1:profile", "6", Duration.ofHours(1)));

        assertEquals(2, as(tenant, () -> store.deleteByPrefix(NS, "user:1:")));
        assertTrue(get("user:1:profile").isEmpty());
        assertTrue(get("user:1:cart").isEmpty());
        assertTrue(get("user:10:cart").isPresent());
        assertTrue(get("user:2:cart").isPresent());
        assertTrue(as(tenant, () -> store.get(new CacheKey(OTHER_NS, "user:1:profile"))).isPresent());

        assertEquals(1, as(tenant, () -> store.deleteByPrefix(NS, "ü")));
        assertTrue(get("über:1").isEmpty());
        assertEquals(0, as(tenant, () -> store.deleteByPrefix(NS, "nothing-here")));
    }

    @Test
    void deleteByTagRemovesEveryTaggedEntryOfThatNamespace() {
        put(entry("a", "1", "catalog"));
        put(entry("b", "2", "catalog", "featured"));
        put(entry("c", "3", "featured"));
        put(entry("d", "4"));
        put(entry(OTHER_NS, "e", "5", Duration.ofHours(1), "catalog"));

        assertEquals(2, as(tenant, () -> store.deleteByTag(NS, new Tag("catalog"))));
        assertTrue(get("a").isEmpty());
        assertTrue(get("b").isEmpty());
        assertTrue(get("c").isPresent());
        assertTrue(get("d").isPresent());
        assertTrue(as(tenant, () -> store.get(new CacheKey(OTHER_NS, "e"))).isPresent());
        assertEquals(0, as(tenant, () -> store.deleteByTag(NS, new Tag("catalog"))));
    }

    @Test
    void deleteNamespaceRemovesEverythingOfThatNamespaceOnly() {
        put(entry("a", "1"));
        put(entry("b", "2", "t"));
        put(entry(OTHER_NS, "a", "3", Duration.ofHours(1)));
        assertEquals(2, as(tenant, () -> store.deleteNamespace(NS)));
        assertTrue(get("a").isEmpty());
        assertTrue(get("b").isEmpty());
        assertTrue(as(tenant, () -> store.get(new CacheKey(OTHER_NS, "a"))).isPresent());
        put(entry("a", "4"));
        assertEquals("4", get("a").orElseThrow().value().asUtf8(), "the namespace is usable again");
    }

    @Test
    void tenantsNeverSeeEachOthersEntries() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other, NS);
        assertTenantCannotReach(other, tenant, OTHER_NS);
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder, ResourceName ns) {
        CacheEntry owned = entry(ns, "shared-key", "{\"owner\":\"" + owner + "\"}", Duration.ofHours(1), "t");
        runAs(owner, () -> store.put(owned));
        CacheKey key = owned.key();

        runAs(intruder, () -> {
            assertTrue(store.get(key).isEmpty());
            assertTrue(store.getAll(List.of(key)).isEmpty());
            assertFalse(store.putIfMatch(entry(ns, "shared-key", "\"stolen\"", Duration.ofHours(1)), owned.etag()));
            assertFalse(store.delete(key));
            assertEquals(0, store.deleteByPrefix(ns, "shared"));
            assertEquals(0, store.deleteByTag(ns, new Tag("t")));
            assertEquals(0, store.deleteNamespace(ns));
            store.put(entry(ns, "shared-key", "{\"owner\":\"intruder\"}", Duration.ofHours(1)));
        });

        assertEquals(owned, as(owner, () -> store.get(key)).orElseThrow());
        assertEquals("{\"owner\":\"intruder\"}", as(intruder, () -> store.get(key)).orElseThrow().value().asUtf8());
        assertTrue(as(intruder, () -> store.delete(key)));
        assertTrue(as(owner, () -> store.get(key)).isPresent(), "the intruder's delete removed only its own entry");
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> store.get(new CacheKey(NS, "k")));
        assertThrows(IllegalStateException.class, () -> store.put(entry("k", "1")));
    }
}
