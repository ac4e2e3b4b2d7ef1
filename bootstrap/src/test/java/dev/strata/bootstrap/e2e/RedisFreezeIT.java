package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.RedisServerProcess;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis frozen (SIGSTOP) under two instances: a read on B of a key written through A is answered (from
 * Postgres) within the command timeout plus one Postgres round trip, never held for the whole freeze.
 */
class RedisFreezeIT {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void aReadOnTheOtherInstanceIsAnsweredWhileRedisIsFrozen() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            Map<String, Object> overrides = Map.of("redis.uri", redis.uri());
            try (StrataInstance a = StrataInstance.start(overrides); StrataInstance b = StrataInstance.start(overrides)) {
                TenantCreated tenant = Tenants.create(a);
                String token = Tenants.adminToken(a, tenant);
                String ns = "freeze-" + UUID.randomUUID().toString().substring(0, 8);
                String path = CacheEndToEndIT.path(ns, "k");
                assertEquals(204, CacheEndToEndIT.put(a, token, path, "{\"v\":1}").status());
                // B has not touched the cache before the freeze: its first cache read meets the frozen server
                redis.freeze();
                try {
                    long worst = 0;
                    for (int i = 0; i < 6; i++) {
                        long started = System.nanoTime();
                        StrataInstance.Response read = b.send(b.builder(path, token).timeout(CLIENT_TIMEOUT).GET());
                        worst = Math.max(worst, (System.nanoTime() - started) / 1_000_000);
                        assertEquals(200, read.status(), read.body());
                        assertEquals("{\"v\":1}", read.body());
                        CacheEndToEndIT.sleep(500);
                    }
                    System.out.println("[faults] redis frozen: worst GET on the other instance " + worst + " ms");
                } finally {
                    redis.thaw();
                }
                assertTrue(CacheEndToEndIT.get(b, token, path).status() == 200, "readable after the thaw");
            }
        }
    }
}
