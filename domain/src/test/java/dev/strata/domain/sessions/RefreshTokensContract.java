package dev.strata.domain.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link RefreshTokens}: rotation, reuse detection, revocation, concurrency. */
public abstract class RefreshTokensContract extends ContractSupport {
    protected RefreshTokens tokens;
    protected TenantId tenant;

    protected abstract RefreshTokens createSubject();

    @BeforeEach
    void createRefreshTokens() {
        tokens = createSubject();
        tenant = newTenant();
    }

    @Test
    void rotationSpendsTheTokenAndASecondUseIsReuse() {
        SessionId session = SessionId.random();
        UserId user = UserId.random();
        Instant t = now();
        Instant until = t.plus(Duration.ofHours(1));
        String first = "r-" + unique();
        String second = "r-" + unique();
        runAs(tenant, () -> tokens.issue(first, session, user, until));
        assertEquals(new RefreshRotation.Rotated(session, user), as(tenant, () -> tokens.rotate(first, second, t, until)));
        assertEquals(new RefreshRotation.Reused(session, user), as(tenant, () -> tokens.rotate(first, "r-" + unique(), t, until)));
        assertInstanceOf(RefreshRotation.Rotated.class, as(tenant, () -> tokens.rotate(second, "r-" + unique(), t, until)));
        assertInstanceOf(RefreshRotation.Unknown.class, as(tenant, () -> tokens.rotate("r-" + unique(), "r-" + unique(), t, until)));
        assertInstanceOf(RefreshRotation.Unknown.class, as(newTenant(), () -> tokens.rotate(second, "r-" + unique(), t, until)));
    }

    @Test
    void expiredAndRevokedTokensDoNotRotate() {
        SessionId session = SessionId.random();
        Instant t = now();
        String expiring = "r-" + unique();
        String revoked = "r-" + unique();
        runAs(tenant, () -> tokens.issue(expiring, session, UserId.random(), t.plusSeconds(1)));
        assertInstanceOf(RefreshRotation.Unknown.class,
                as(tenant, () -> tokens.rotate(expiring, "r-" + unique(), t.plusSeconds(2), t.plusSeconds(60))));
        runAs(tenant, () -> tokens.issue(revoked, session, UserId.random(), t.plusSeconds(600)));
        runAs(tenant, () -> tokens.revokeSession(session));
        assertInstanceOf(RefreshRotation.Reused.class, as(tenant, () -> tokens.rotate(revoked, "r-" + unique(), t, t.plusSeconds(60))));
    }

    @Test
    void ofConcurrentRotationsOfOneTokenExactlyOneWins() throws Exception {
        String token = "r-" + unique();
        Instant t = now();
        runAs(tenant, () -> tokens.issue(token, SessionId.random(), UserId.random(), t.plusSeconds(600)));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<RefreshRotation>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> as(tenant, () -> tokens.rotate(token, "r-" + unique(), t, t.plusSeconds(600))));
            }
            int rotated = 0;
            for (Future<RefreshRotation> result : pool.invokeAll(calls)) {
                rotated += result.get() instanceof RefreshRotation.Rotated ? 1 : 0;
            }
            assertEquals(1, rotated);
        } finally {
            pool.shutdownNow();
        }
    }
}
