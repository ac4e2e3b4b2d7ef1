package dev.strata.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
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

/** Contract test of {@link LoginAttempts}: counting before the check, locking, clearing, concurrency. */
public abstract class LoginAttemptsContract extends ContractSupport {
    protected static final LockoutPolicy POLICY = new LockoutPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    protected LoginAttempts attempts;
    protected TenantId tenant;

    protected abstract LoginAttempts createSubject();

    @BeforeEach
    void createLoginAttempts() {
        attempts = createSubject();
        tenant = newTenant();
    }

    private LoginAdmission admitAndFail(String account, Instant at) {
        return as(tenant, () -> {
            LoginAdmission admission = attempts.admit(account, POLICY, at);
            if (admission instanceof LoginAdmission.Admitted) {
                attempts.failed(account, POLICY, at);
            }
            return admission;
        });
    }

    @Test
    void fiveFailuresLockTheAccountForTheDuration() {
        String account = "a-" + unique() + "@example.org";
        Instant t = now();
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(LoginAdmission.Admitted.class, admitAndFail(account, t));
        }
        LoginAdmission locked = as(tenant, () -> attempts.admit(account, POLICY, t.plusSeconds(1)));
        assertEquals(t.plus(POLICY.duration()), assertInstanceOf(LoginAdmission.LockedOut.class, locked).until());
        assertInstanceOf(LoginAdmission.Admitted.class,
                as(tenant, () -> attempts.admit(account, POLICY, t.plus(POLICY.duration()).plusSeconds(1))), "the lock ends");
    }

    @Test
    void clearingGivesAFreshSlateAndOtherAccountsAndTenantsAreUntouched() {
        String account = "b-" + unique() + "@example.org";
        Instant t = now();
        for (int i = 0; i < 5; i++) {
            admitAndFail(account, t);
        }
        assertInstanceOf(LoginAdmission.Admitted.class, as(tenant, () -> attempts.admit("other-" + account, POLICY, t)));
        TenantId other = newTenant();
        assertInstanceOf(LoginAdmission.Admitted.class, as(other, () -> attempts.admit(account, POLICY, t)));
        runAs(tenant, () -> attempts.clear(account));
        assertInstanceOf(LoginAdmission.Admitted.class, as(tenant, () -> attempts.admit(account, POLICY, t)));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        String account = "c-" + unique() + "@example.org";
        Instant t = now();
        for (int i = 0; i < 4; i++) {
            admitAndFail(account, t);
        }
        Instant later = t.plus(POLICY.window()).plusSeconds(1);
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(LoginAdmission.Admitted.class, admitAndFail(account, later));
        }
    }

    @Test
    void twoHundredParallelAttemptsAdmitAtMostMaxFailures() throws Exception {
        String account = "d-" + unique() + "@example.org";
        Instant t = now();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<LoginAdmission>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(() -> as(tenant, () -> attempts.admit(account, POLICY, t)));
            }
            int admitted = 0;
            for (Future<LoginAdmission> result : pool.invokeAll(calls)) {
                if (result.get() instanceof LoginAdmission.Admitted) {
                    admitted++;
                }
            }
            assertEquals(POLICY.maxFailures(), admitted, "exactly max-failures password checks go ahead");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(as(tenant, () -> attempts.admit(account, POLICY, t)) instanceof LoginAdmission.LockedOut);
    }
}
