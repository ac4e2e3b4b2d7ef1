package dev.strata.domain.identity.port;

import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Driven port: pending password resets, keyed by a hash of their single-use token. Works inside the
 * current tenant context.
 */
public interface PasswordResets {
    void save(String tokenHash, UserId userId, Instant expiresAt);

    /**
     * Spends the token atomically: exactly one of any number of concurrent callers gets the user; a used,
     * expired or unknown token gives empty.
     */
    Optional<UserId> redeem(String tokenHash, Instant now);

    /** True when the token exists, is unused and unexpired (a cheap look before expensive work). */
    boolean isRedeemable(String tokenHash, Instant now);
}
