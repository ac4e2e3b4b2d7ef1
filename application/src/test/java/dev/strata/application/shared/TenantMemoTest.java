package dev.strata.application.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantMemoTest {
    private static final Duration TTL = Duration.ofSeconds(5);
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final TenantMemo<String, String> memo = new TenantMemo<>(TTL, 100, nanos::get);
    private final AtomicInteger reads = new AtomicInteger();
    private final TenantId tenant = TenantId.random();
    private boolean storeDown;
    private String stored = "v1";

    @BeforeEach
    void enter() {
        TenantContext.swap(tenant);
    }

    @AfterEach
    void leave() {
        TenantContext.swap(null);
    }

    private final Supplier<String> load = () -> {
        reads.incrementAndGet();
        if (storeDown) {
            throw new StoreUnavailableException("postgres", "down", null);
        }
        return stored;
    };

    private String get(String key) {
        return memo.get(key, load, e -> "fallback");
    }

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aValueIsReadOnceAndTrustedForItsTtl() {
        assertNull(memo.fresh("a"), "nothing held yet");
        assertEquals("v1", get("a"));
        stored = "v2";
        elapse(TTL.minusMillis(1));
        assertEquals("v1", get("a"));
        assertEquals("v1", memo.fresh("a"));
        assertEquals(1, reads.get());
        elapse(Duration.ofMillis(1));
        assertNull(memo.fresh("a"), "the ttl has passed");
        assertEquals("v2", get("a"));
        assertEquals(2, reads.get());
    }

    @Test
    void aStoreThatIsDownGetsTheLastCopyHoweverOldElseTheFallbackWhichIsNotRemembered() {
        get("a");
        elapse(TTL.multipliedBy(100));
        storeDown = true;
        assertEquals("v1", get("a"), "a stale answer beats none");
        assertEquals("fallback", get("b"));
        storeDown = false;
        assertEquals("v1", get("b"), "the fallback was not remembered");
    }

    @Test
    void theFallbackMayRethrowTheFault() {
        storeDown = true;
        StoreUnavailableException thrown = new StoreUnavailableException("postgres", "down", null);
        assertThrows(StoreUnavailableException.class, () -> memo.get("a", load, e -> {
            throw e;
        }));
        assertSame(thrown, assertThrows(StoreUnavailableException.class, () -> memo.get("a", () -> {
            throw thrown;
        }, e -> {
            throw e;
        })));
    }

    @Test
    void copiesArePerTenantAndCanBeForgotten() {
        get("a");
        TenantId other = TenantId.random();
        stored = "theirs";
        assertEquals("theirs", TenantContext.callAs(other, () -> get("a")));
        assertEquals("v1", get("a"));

        memo.forget(other, "a");
        assertNull(TenantContext.callAs(other, () -> memo.fresh("a")));
        assertEquals("v1", memo.fresh("a"), "only that tenant's copy");
        memo.forget("a");
        assertNull(memo.fresh("a"));
        get("a");
        memo.clear();
        assertEquals(0, memo.size());
    }

    @Test
    void aFloodOfNamesStaysWithinTheBound() {
        TenantMemo<String, String> small = new TenantMemo<>(TTL, 10, nanos::get);
        for (int i = 0; i < 1_000; i++) {
            small.get("n-" + i, load, e -> "fallback");
            assertTrue(small.size() <= 10, "size " + small.size());
        }
    }

    @Test
    void needsATenant() {
        TenantContext.swap(null);
        assertThrows(IllegalStateException.class, () -> get("a"));
    }
}
