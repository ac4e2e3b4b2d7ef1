package dev.strata.adapters.redis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Open SSE streams in real Redis: an atomic per-tenant count of leases that expire unless refreshed. */
class RedisOpenStreamsIT {
    private static final Duration LONG = Duration.ofMinutes(5);
    private static TestRedis redis;
    private static RedisOpenStreams streams;

    @BeforeAll
    static void open() {
        redis = TestRedis.open();
        streams = new RedisOpenStreams(redis.connector());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static long members(TenantId tenant) {
        return redis.connector().call(commands -> commands.zcard(EventKeys.openStreams(tenant)));
    }

    @Test
    void aTenantHoldsAtMostTheLimitAndAClosedStreamFreesItsSlot() {
        TenantId tenant = TenantId.random();
        TenantId other = TenantId.random();
        assertTrue(streams.tryOpen(tenant, "s1", 2, LONG));
        assertTrue(streams.tryOpen(tenant, "s2", 2, LONG));
        assertFalse(streams.tryOpen(tenant, "s3", 2, LONG));
        assertTrue(streams.tryOpen(tenant, "s1", 2, LONG), "a stream already counted is no new one");
        assertTrue(streams.tryOpen(other, "s3", 2, LONG), "other tenants count apart");
        assertEquals(2, members(tenant));
        streams.close(tenant, "s1");
        assertTrue(streams.tryOpen(tenant, "s3", 2, LONG));
        assertEquals(2, members(tenant));
    }

    @Test
    void anUnrefreshedLeaseStopsCountingAndARefreshedOneKeepsCounting() throws InterruptedException {
        TenantId tenant = TenantId.random();
        // a stream of an instance that died: nobody refreshes it
        assertTrue(streams.tryOpen(tenant, "orphan", 1, Duration.ofMillis(200)));
        boolean freed = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!freed && System.nanoTime() < deadline) {
            freed = streams.tryOpen(tenant, "live", 1, LONG);
            if (!freed) {
                Thread.sleep(50);
            }
        }
        assertTrue(freed, "the orphaned stream never stopped counting");
        assertEquals(1, members(tenant), "the expired member is gone");
        // a refresh re-counts streams the store lost (Redis restarted, or opened while it was down)
        redis.connector().call(commands -> commands.del(EventKeys.openStreams(tenant)));
        streams.refresh(tenant, List.of("live"), LONG);
        assertFalse(streams.tryOpen(tenant, "another", 1, LONG));
    }
}
