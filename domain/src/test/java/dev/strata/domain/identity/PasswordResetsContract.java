package dev.strata.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link PasswordResets}: single use, expiry, exactly one winner under concurrency. */
public abstract class PasswordResetsContract extends ContractSupport {
    protected PasswordResets resets;
    protected TenantId tenant;

    protected abstract PasswordResets createSubject();

    @BeforeEach
    void createPasswordResets() {
        resets = createSubject();
        tenant = newTenant();
    }

    @Test
    void aTokenIsRedeemedOnceAndNotAfterItExpires() {
        UserId user = UserId.random();
        String live = "h-" + unique();
        String expired = "h-" + unique();
        Instant t = now();
        runAs(tenant, () -> resets.save(live, user, t.plus(Duration.ofMinutes(30))));
        runAs(tenant, () -> resets.save(expired, user, t.plusSeconds(1)));
        assertTrue(as(tenant, () -> resets.isRedeemable(live, t)));
        assertFalse(as(tenant, () -> resets.isRedeemable(expired, t.plusSeconds(2))));
        assertTrue(as(tenant, () -> resets.redeem(expired, t.plusSeconds(2))).isEmpty());
        assertTrue(as(newTenant(), () -> resets.redeem(live, t)).isEmpty(), "another tenant cannot redeem it");
        assertEquals(Optional.of(user), as(tenant, () -> resets.redeem(live, t)));
        assertTrue(as(tenant, () -> resets.redeem(live, t)).isEmpty());
        assertFalse(as(tenant, () -> resets.isRedeemable(live, t)));
    }

    @Test
    void ofAHundredConcurrentRedemptionsExactlyOneSucceeds() throws Exception {
        String token = "h-" + unique();
        Instant t = now();
        runAs(tenant, () -> resets.save(token, UserId.random(), t.plus(Duration.ofMinutes(30))));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> as(tenant, () -> resets.redeem(token, t)).isPresent());
            }
            int won = 0;
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                won += result.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }
}
