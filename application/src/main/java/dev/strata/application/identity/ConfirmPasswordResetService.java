package dev.strata.application.identity;

import dev.strata.application.identity.port.ConfirmPasswordResetCommand;
import dev.strata.application.identity.port.ConfirmPasswordResetUseCase;
import dev.strata.application.shared.TokenHashes;
import dev.strata.domain.identity.User;
import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;
import dev.strata.domain.shared.UserId;
import java.util.Optional;

/**
 * Service implementing {@link ConfirmPasswordResetUseCase}. The new password is hashed before the token
 * is spent (a saturated hashing pool must not burn a valid token); spending the token and storing the
 * hash are one unit of work, and the conditional spend lets exactly one of concurrent redemptions win.
 * Then every session of the user ends and the lockout is cleared.
 */
public class ConfirmPasswordResetService implements ConfirmPasswordResetUseCase {
    private final PasswordResets resets;
    private final UserDirectory users;
    private final SessionStore sessions;
    private final LoginAttempts attempts;
    private final PasswordHashing hashing;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public ConfirmPasswordResetService(PasswordResets resets, UserDirectory users, SessionStore sessions, LoginAttempts attempts,
                                       PasswordHashing hashing, UnitOfWork unitOfWork, Clock clock) {
        this.resets = resets;
        this.users = users;
        this.sessions = sessions;
        this.attempts = attempts;
        this.hashing = hashing;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public ResetOutcome confirmReset(ConfirmPasswordResetCommand command) {
        Optional<TenantId> tenant = TokenHashes.tenantOf(command.token());
        if (tenant.isEmpty()) {
            return ResetOutcome.INVALID_TOKEN;
        }
        return TenantContext.callAs(tenant.get(), () -> confirmIn(command));
    }

    private ResetOutcome confirmIn(ConfirmPasswordResetCommand command) {
        String tokenHash = TokenHashes.hash(command.token());
        if (!resets.isRedeemable(tokenHash, clock.now())) {
            return ResetOutcome.INVALID_TOKEN;
        }
        Optional<String> hash = hashing.hash(command.newPassword());
        if (hash.isEmpty()) {
            return ResetOutcome.BUSY;
        }
        Optional<User> changed = unitOfWork.execute(() -> resets.redeem(tokenHash, clock.now())
                .flatMap(userId -> users.changePassword(userId, hash.get()) ? users.findById(userId) : Optional.empty()));
        if (changed.isEmpty()) {
            return ResetOutcome.INVALID_TOKEN;
        }
        UserId userId = changed.get().id();
        sessions.deleteByUser(userId);
        attempts.clear(changed.get().email().value());
        return ResetOutcome.DONE;
    }
}
