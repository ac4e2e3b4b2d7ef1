package dev.strata.application.sessions;

import dev.strata.application.sessions.port.RequestPasswordResetCommand;
import dev.strata.application.sessions.port.RequestPasswordResetUseCase;
import dev.strata.domain.sessions.Tenant;
import dev.strata.domain.sessions.User;
import dev.strata.domain.sessions.port.PasswordResetNotifier;
import dev.strata.domain.sessions.port.PasswordResets;
import dev.strata.domain.sessions.port.TenantDirectory;
import dev.strata.domain.sessions.port.UserDirectory;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Service implementing {@link RequestPasswordResetUseCase}: a 256-bit single-use token, stored as a
 * SHA-256 hash, handed to the {@link PasswordResetNotifier}. Unknown tenants and emails do nothing and
 * look the same to the caller.
 */
public class RequestPasswordResetService implements RequestPasswordResetUseCase {
    private final TenantDirectory tenants;
    private final UserDirectory users;
    private final PasswordResets resets;
    private final PasswordResetNotifier notifier;
    private final Duration tokenTtl;
    private final Clock clock;

    public RequestPasswordResetService(TenantDirectory tenants, UserDirectory users, PasswordResets resets,
                                       PasswordResetNotifier notifier, Duration tokenTtl, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.resets = resets;
        this.notifier = notifier;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
    }

    @Override
    public void requestReset(RequestPasswordResetCommand command) {
        Optional<Tenant> tenant = tenants.findBySlug(command.tenant());
        if (tenant.isEmpty()) {
            return;
        }
        TenantContext.runAs(tenant.get().id(), () -> {
            Optional<User> user = users.findByEmail(command.email());
            if (user.isEmpty()) {
                return;
            }
            String token = TokenHashes.newToken(tenant.get().id());
            Instant expiresAt = clock.now().plus(tokenTtl);
            resets.save(TokenHashes.hash(token), user.get().id(), expiresAt);
            notifier.resetRequested(user.get().id(), user.get().email(), token, expiresAt);
        });
    }
}
