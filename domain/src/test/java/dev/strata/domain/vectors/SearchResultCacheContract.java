package dev.strata.domain.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.SearchResultCache;
import dev.strata.domain.vectors.port.SearchResultCache.Lookup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link SearchResultCache}: the in-memory fake and the Redis adapter extend it. Never stale: a
 * result is served only under the stamp it was stored under; a stamp set again after it expired is a new one.
 */
public abstract class SearchResultCacheContract extends ContractSupport {
    protected static final ResourceName DOCS = new ResourceName("docs");
    protected static final ResourceName OTHER = new ResourceName("other");
    private static final Duration LONG = Duration.ofMinutes(5);

    private TenantId tenant;

    /** Hook: a cache with these settings; called once per test. */
    protected abstract SearchResultCache createSubject(Duration resultTtl, int maxEntries, Duration versionLease);

    @BeforeEach
    void newTenantForEachTest() {
        tenant = newTenant();
    }

    private SearchResultCache cache() {
        return createSubject(LONG, 100, LONG);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lets time pass in small steps until {@code condition} holds; fails after {@code max}. */
    protected void eventually(Duration max, BooleanSupplier condition, String what) {
        long steps = Math.max(1, max.toMillis() / 100);
        for (long i = 0; i < steps; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            elapse(Duration.ofMillis(100));
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void aCollectionWithoutVersionIsUnversionedUntilSeededThenMissesThenHits() {
        SearchResultCache cache = cache();
        runAs(tenant, () -> {
            assertInstanceOf(Lookup.Unversioned.class, cache.lookup(DOCS, "q1"));
            CollectionStamp stamp = cache.seedVersion(DOCS, 5);
            assertEquals(5, stamp.version());
            Lookup.Miss miss = assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q1"));
            assertEquals(stamp, miss.stamp());
            assertFalse(miss.renewal().due(), "a fresh stamp needs no renewal");
            assertTrue(cache.store(DOCS, stamp, "q1", bytes("answer 1")));
            Lookup.Hit hit = assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q1"));
            assertArrayEquals(bytes("answer 1"), hit.result());
            assertEquals(stamp, hit.stamp());
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q2"), "another request");
        });
    }

    @Test
    void resultsAreBytesExactly() {
        SearchResultCache cache = cache();
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        runAs(tenant, () -> {
            CollectionStamp stamp = cache.seedVersion(DOCS, 1);
            assertTrue(cache.store(DOCS, stamp, "bin", binary));
            assertArrayEquals(binary, assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "bin")).result());
        });
    }

    @Test
    void aPublishedVersionMakesEveryEarlierResultUnreachable() {
        SearchResultCache cache = cache();
        runAs(tenant, () -> {
            CollectionStamp first = cache.seedVersion(DOCS, 1);
            assertTrue(cache.store(DOCS, first, "q", bytes("old")));
            CollectionStamp second = cache.publishVersion(DOCS, 2);
            assertEquals(2, second.version());
            Lookup.Miss miss = assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q"), "never the older answer");
            assertEquals(second, miss.stamp());
        });
    }

    @Test
    void aStoreUnderAStampThatMovedOnIsRefused() {
        SearchResultCache cache = cache();
        runAs(tenant, () -> {
            CollectionStamp before = cache.seedVersion(DOCS, 1);
            cache.publishVersion(DOCS, 2);
            assertFalse(cache.store(DOCS, before, "q", bytes("raced a write")));
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q"));
            assertFalse(cache.store(DOCS, new CollectionStamp(2, before.token()), "q", bytes("made-up stamp")));
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q"));
        });
    }

    @Test
    void versionsNeverGoBack() {
        SearchResultCache cache = cache();
        runAs(tenant, () -> {
            CollectionStamp five = cache.publishVersion(DOCS, 5);
            assertEquals(five, cache.publishVersion(DOCS, 3), "a late publish of an older version changes nothing");
            assertEquals(five, cache.publishVersion(DOCS, 5), "the same version keeps its stamp");
            assertEquals(five, cache.seedVersion(DOCS, 4), "a seed read before a newer publish loses");
            assertTrue(cache.store(DOCS, five, "q", bytes("five")));
            assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q"));
            CollectionStamp six = cache.publishVersion(DOCS, 6);
            assertEquals(6, six.version());
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q"));
        });
    }

    @Test
    void anExpiredStampSetAgainIsANewStampAndRevivesNothing() {
        SearchResultCache cache = createSubject(LONG, 100, Duration.ofSeconds(1));
        runAs(tenant, () -> {
            CollectionStamp first = cache.seedVersion(DOCS, 7);
            assertTrue(cache.store(DOCS, first, "q", bytes("before")));
            eventually(Duration.ofSeconds(10), () -> cache.lookup(DOCS, "q") instanceof Lookup.Unversioned, "the stamp's lease ends");
            CollectionStamp again = cache.seedVersion(DOCS, 7);
            assertEquals(7, again.version());
            assertNotEquals(first, again);
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q"), "a late seed of the same version never revives old results");
            assertFalse(cache.store(DOCS, first, "q", bytes("late")));
        });
    }

    @Test
    void resultsExpire() {
        SearchResultCache cache = createSubject(Duration.ofSeconds(1), 100, LONG);
        runAs(tenant, () -> {
            CollectionStamp stamp = cache.seedVersion(DOCS, 1);
            assertTrue(cache.store(DOCS, stamp, "q", bytes("short-lived")));
            eventually(Duration.ofSeconds(10), () -> cache.lookup(DOCS, "q") instanceof Lookup.Miss, "the result expires");
        });
    }

    @Test
    void atMostTheMaximumOfResultsPerCollectionTheOldestEvicted() {
        SearchResultCache cache = createSubject(LONG, 3, LONG);
        runAs(tenant, () -> {
            CollectionStamp stamp = cache.seedVersion(DOCS, 1);
            CollectionStamp other = cache.seedVersion(OTHER, 1);
            assertTrue(cache.store(OTHER, other, "q0", bytes("elsewhere")));
            for (int i = 1; i <= 5; i++) {
                assertTrue(cache.store(DOCS, stamp, "q" + i, bytes("answer " + i)));
                elapse(Duration.ofMillis(5));
            }
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q1"));
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q2"));
            for (int i = 3; i <= 5; i++) {
                assertArrayEquals(bytes("answer " + i), assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q" + i)).result());
            }
            assertInstanceOf(Lookup.Hit.class, cache.lookup(OTHER, "q0"), "the bound is per collection");
        });
    }

    @Test
    void aStampPastHalfItsLeaseAsksOneCallerToRenewItAndARenewalKeepsItsResults() {
        SearchResultCache cache = createSubject(LONG, 100, Duration.ofSeconds(6));
        runAs(tenant, () -> {
            CollectionStamp stamp = cache.seedVersion(DOCS, 3);
            assertTrue(cache.store(DOCS, stamp, "q", bytes("kept")));
            assertFalse(assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q")).renewal().due());
            elapse(Duration.ofMillis(3500));
            Lookup.Hit due = assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q"));
            assertTrue(due.renewal().due(), "past half its lease");
            assertFalse(assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q")).renewal().due(), "one renewer at a time");
            assertFalse(cache.renewVersion(DOCS, new CollectionStamp(3, stamp.token() + 1), due.renewal().checkpointMillis()));
            assertTrue(cache.renewVersion(DOCS, stamp, due.renewal().checkpointMillis()));
            elapse(Duration.ofMillis(3000));
            assertArrayEquals(bytes("kept"), assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q")).result(),
                    "renewed past its first lease");
        });
    }

    @Test
    void aStampThatMovedOnIsNotRenewed() {
        SearchResultCache cache = cache();
        runAs(tenant, () -> {
            CollectionStamp old = cache.seedVersion(DOCS, 1);
            cache.publishVersion(DOCS, 2);
            assertFalse(cache.renewVersion(DOCS, old, System.currentTimeMillis()));
        });
    }

    @Test
    void collectionsAreSeparate() {
        SearchResultCache cache = cache();
        runAs(tenant, () -> {
            CollectionStamp docs = cache.seedVersion(DOCS, 1);
            assertTrue(cache.store(DOCS, docs, "q", bytes("docs")));
            cache.seedVersion(OTHER, 1);
            cache.publishVersion(OTHER, 9);
            assertInstanceOf(Lookup.Hit.class, cache.lookup(DOCS, "q"), "another collection's write");
            assertInstanceOf(Lookup.Miss.class, cache.lookup(OTHER, "q"));
        });
    }

    @Test
    void tenantsAreSeparateBothWays() {
        SearchResultCache cache = cache();
        TenantId other = newTenant();
        CollectionStamp mine = as(tenant, () -> cache.seedVersion(DOCS, 4));
        runAs(tenant, () -> assertTrue(cache.store(DOCS, mine, "q", bytes("mine"))));
        assertInstanceOf(Lookup.Unversioned.class, as(other, () -> cache.lookup(DOCS, "q")), "the other tenant sees no version");
        assertFalse(as(other, () -> cache.store(DOCS, mine, "q", bytes("theirs under my stamp"))));
        CollectionStamp theirs = as(other, () -> cache.seedVersion(DOCS, 4));
        runAs(other, () -> assertTrue(cache.store(DOCS, theirs, "q", bytes("theirs"))));
        assertArrayEquals(bytes("mine"), assertInstanceOf(Lookup.Hit.class, as(tenant, () -> cache.lookup(DOCS, "q"))).result());
        assertArrayEquals(bytes("theirs"), assertInstanceOf(Lookup.Hit.class, as(other, () -> cache.lookup(DOCS, "q"))).result());
        runAs(other, () -> cache.publishVersion(DOCS, 5));
        assertInstanceOf(Lookup.Hit.class, as(tenant, () -> cache.lookup(DOCS, "q")), "the other tenant's write");
        runAs(tenant, () -> cache.forget(DOCS));
        assertInstanceOf(Lookup.Unversioned.class, as(tenant, () -> cache.lookup(DOCS, "q")));
        assertEquals(5, assertInstanceOf(Lookup.Miss.class, as(other, () -> cache.lookup(DOCS, "q"))).stamp().version(),
                "my forget leaves the other tenant's collection");
    }

    @Test
    void forgetDropsTheVersionAndEveryResult() {
        SearchResultCache cache = cache();
        runAs(tenant, () -> {
            CollectionStamp stamp = cache.seedVersion(DOCS, 8);
            assertTrue(cache.store(DOCS, stamp, "q", bytes("gone")));
            cache.forget(DOCS);
            assertInstanceOf(Lookup.Unversioned.class, cache.lookup(DOCS, "q"));
            assertFalse(cache.store(DOCS, stamp, "q", bytes("late")));
            CollectionStamp recreated = cache.seedVersion(DOCS, 1);
            assertEquals(1, recreated.version(), "a re-created collection starts again");
            assertInstanceOf(Lookup.Miss.class, cache.lookup(DOCS, "q"));
        });
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        SearchResultCache cache = cache();
        assertThrows(IllegalStateException.class, () -> cache.lookup(DOCS, "q"));
    }
}
