package dev.strata.domain.identity;

import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link PasswordResets}. Thread-safe. */
public final class InMemoryPasswordResets implements PasswordResets {
    private record Reset(UserId userId, Instant expiresAt, boolean used) {
    }

    private final Map<String, Reset> resets = new HashMap<>();

    @Override
    public synchronized void save(String tokenHash, UserId userId, Instant expiresAt) {
        resets.put(key(tokenHash), new Reset(userId, expiresAt, false));
    }

    @Override
    public synchronized Optional<UserId> redeem(String tokenHash, Instant now) {
        if (!isRedeemable(tokenHash, now)) {
            return Optional.empty();
        }
        Reset reset = resets.get(key(tokenHash));
        resets.put(key(tokenHash), new Reset(reset.userId(), reset.expiresAt(), true));
        return Optional.of(reset.userId());
    }

    @Override
    public synchronized boolean isRedeemable(String tokenHash, Instant now) {
        Reset reset = resets.get(key(tokenHash));
        return reset != null && !reset.used() && reset.expiresAt().isAfter(now);
    }

    private static String key(String tokenHash) {
        return TenantContext.require() + "\n" + tokenHash;
    }
}
