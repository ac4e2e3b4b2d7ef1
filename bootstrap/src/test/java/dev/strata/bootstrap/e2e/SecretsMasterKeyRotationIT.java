package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.secrets.PostgresSecretStore;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.TenantContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Master-key rotation over HTTP: secrets written under k1; then two instances hold k1 and k2 (active), one
 * re-wraps through {@code POST /v1/admin/secrets/rewrap} while both reveal all the time. Every reveal succeeds
 * with the right value, afterwards no data key of the tenant is wrapped by k1, and an instance holding only k2
 * reveals everything.
 */
class SecretsMasterKeyRotationIT {
    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void rewrapUnderConcurrentRevealsLosesNoRevealAndLeavesNothingWrappedByTheOldKey() throws Exception {
        String k1 = key();
        String k2 = key();
        Map<String, String> values = new LinkedHashMap<>();
        TenantCreated tenant;
        try (StrataInstance old = StrataInstance.start(Map.of("strata.secrets.master-keys.k1", k1))) {
            tenant = Tenants.create(old);
            String admin = Tenants.adminToken(old, tenant);
            for (int i = 0; i < 10; i++) {
                String name = "rewrap-" + i;
                String value = "value-" + i + "-" + UUID.randomUUID();
                values.put(name, value);
                assertEquals(201, old.postJson("/v1/secrets", admin,
                        "{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}").status());
            }
        }
        Map<String, Object> both = Map.of("strata.secrets.master-keys.k1", k1, "strata.secrets.master-keys.k2", k2,
                "strata.secrets.active-key", "k2", "strata.secrets.cache-ttl", "0s");
        try (StrataInstance a = StrataInstance.start(both); StrataInstance b = StrataInstance.start(both)) {
            String admin = Tenants.adminToken(a, tenant);
            AtomicBoolean rewrapping = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> readers = new ArrayList<>();
                for (StrataInstance reader : List.of(a, b)) {
                    readers.add(pool.submit(() -> {
                        int reveals = 0;
                        do {
                            for (Map.Entry<String, String> entry : values.entrySet()) {
                                StrataInstance.Response revealed = reader.postJson("/v1/secrets/" + entry.getKey() + "/reveal", admin, "{}");
                                assertEquals(200, revealed.status(), revealed.body());
                                assertEquals(entry.getValue(), revealed.json("value"));
                                reveals++;
                            }
                        } while (rewrapping.get());
                        return reveals;
                    }));
                }
                StrataInstance.Response rewrap = a.postJson("/v1/admin/secrets/rewrap", admin, "");
                rewrapping.set(false);
                assertEquals(200, rewrap.status(), rewrap.body());
                assertTrue(rewrap.body().contains("\"rewrapped\":10"), rewrap.body());
                assertTrue(rewrap.body().contains("\"activeKey\":\"k2\""), rewrap.body());
                for (Future<Integer> reader : readers) {
                    assertTrue(reader.get() >= values.size());
                }
            } finally {
                rewrapping.set(false);
                pool.shutdownNow();
            }
            assertTrue(TenantContext.callAs(tenant.tenantId(),
                    () -> a.context.getBean(PostgresSecretStore.class).wrappedByOtherThan("k2", 100)).isEmpty());
            StrataInstance.Response audit = b.get("/v1/secrets/audit?limit=500", admin);
            assertTrue(audit.body().contains("\"chainValid\":true"), audit.body());
            assertTrue(audit.body().contains("\"rewrap\""), audit.body());
        }
        try (StrataInstance onlyNew = StrataInstance.start(Map.of("strata.secrets.master-keys.k2", k2))) {
            String admin = Tenants.adminToken(onlyNew, tenant);
            values.forEach((name, value) -> assertEquals(value,
                    onlyNew.postJson("/v1/secrets/" + name + "/reveal", admin, "{}").json("value")));
        }
    }
}
