package dev.strata.domain.identity;

import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.shared.TenantContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory fake of {@link LoginAttempts}: the same ledger as the Postgres adapter, under one lock. */
public final class InMemoryLoginAttempts implements LoginAttempts {
    private static final class Ledger {
        int attempts;
        int failures;
        Instant windowStart;
        Instant lockedUntil;
    }

    private final Map<String, Ledger> ledgers = new HashMap<>();

    @Override
    public synchronized LoginAdmission admit(String account, LockoutPolicy policy, Instant now) {
        Ledger ledger = ledgers.computeIfAbsent(key(account), k -> {
            Ledger fresh = new Ledger();
            fresh.windowStart = now;
            return fresh;
        });
        if (ledger.lockedUntil != null && ledger.lockedUntil.isAfter(now)) {
            return new LoginAdmission.LockedOut(ledger.lockedUntil);
        }
        if (ledger.lockedUntil != null || !ledger.windowStart.plus(policy.window()).isAfter(now)) {
            ledger.attempts = 0;
            ledger.failures = 0;
            ledger.windowStart = now;
            ledger.lockedUntil = null;
        }
        if (ledger.attempts >= policy.maxFailures()) {
            return new LoginAdmission.LockedOut(ledger.windowStart.plus(policy.window()));
        }
        ledger.attempts++;
        return new LoginAdmission.Admitted();
    }

    @Override
    public synchronized void failed(String account, LockoutPolicy policy, Instant now) {
        Ledger ledger = ledgers.get(key(account));
        if (ledger != null && ++ledger.failures >= policy.maxFailures()) {
            ledger.lockedUntil = now.plus(policy.duration());
        }
    }

    @Override
    public synchronized void clear(String account) {
        ledgers.remove(key(account));
    }

    private static String key(String account) {
        return TenantContext.require() + "\n" + account;
    }
}
