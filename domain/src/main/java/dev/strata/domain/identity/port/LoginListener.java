package dev.strata.domain.identity.port;

import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;

/**
 * Driven port: told that a user has just logged in (inside the user's tenant context), so that other parts of
 * Strata can prepare for them (warm caches, say) without identity knowing them. Must return quickly and
 * never fail the login: slow work goes to the background.
 */
@FunctionalInterface
public interface LoginListener {
    void loggedIn(TenantId tenant, UserId user);
}
