package dev.strata.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.LocalCacheTierContract;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local tier contract on Caffeine, plus its byte and entry bounds. */
class CaffeineLocalCacheTierTest extends LocalCacheTierContract {
    @Override
    protected LocalCacheTier createSubject() {
        return new CaffeineLocalCacheTier(10_000, 16 * 1024 * 1024, Clock.system());
    }

    @Test
    void isBoundedByEntriesAndBytes() {
        CaffeineLocalCacheTier small = new CaffeineLocalCacheTier(50, 64 * 1024, Clock.system());
        TenantId owner = newTenant();
        runAs(owner, () -> {
            for (int i = 0; i < 500; i++) {
                small.put(CacheEntry.of(new CacheKey(NS, "k" + i), CacheValue.ofUtf8("\"" + "x".repeat(100) + "\""),
                        now().plus(LONG), Set.of()), LONG, 1_000_000);
            }
            long held = 0;
            for (int i = 0; i < 500; i++) {
                held += small.get(new CacheKey(NS, "k" + i)).isPresent() ? 1 : 0;
            }
            assertTrue(held <= 55, "entry bound: held " + held);
            CacheValue big = CacheValue.ofUtf8("\"" + "y".repeat(20 * 1024) + "\"");
            small.put(CacheEntry.of(new CacheKey(NS, "big"), big, now().plus(LONG), Set.of()), Duration.ofHours(1), 1_000_000);
            assertTrue(small.get(new CacheKey(NS, "big")).isEmpty(), "a value over an eighth of the byte bound is not admitted");
        });
    }
}
