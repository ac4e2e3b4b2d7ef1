package dev.strata.application.identity;

import dev.strata.application.identity.port.LoginUserCommand;
import dev.strata.application.identity.port.LoginUserUseCase;
import dev.strata.application.shared.TokenHashes;
import dev.strata.domain.identity.LockoutPolicy;
import dev.strata.domain.identity.LoginAdmission;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.User;
import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.identity.port.LoginListener;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Service implementing {@link LoginUserUseCase}. The lockout ledger counts the attempt before the
 * password is checked (so parallel guesses cannot outrun it); unknown tenants and emails spend the
 * same hashing work as a real check and are counted too, so neither timing nor lockout tells whether
 * an account exists.
 */
public class LoginUserService implements LoginUserUseCase {
    private final TenantDirectory tenants;
    private final UserDirectory users;
    private final LoginAttempts attempts;
    private final SessionStore sessions;
    private final RefreshTokens refreshTokens;
    private final PasswordHashing hashing;
    private final LockoutPolicy lockout;
    private final Duration sessionTtl;
    private final Clock clock;
    private final LoginListener listener;

    public LoginUserService(TenantDirectory tenants, UserDirectory users, LoginAttempts attempts, SessionStore sessions,
                            RefreshTokens refreshTokens, PasswordHashing hashing, LockoutPolicy lockout, Duration sessionTtl,
                            Clock clock) {
        this(tenants, users, attempts, sessions, refreshTokens, hashing, lockout, sessionTtl, clock, (tenant, user) -> {
        });
    }

    /** With a listener told of every successful login. */
    public LoginUserService(TenantDirectory tenants, UserDirectory users, LoginAttempts attempts, SessionStore sessions,
                            RefreshTokens refreshTokens, PasswordHashing hashing, LockoutPolicy lockout, Duration sessionTtl,
                            Clock clock, LoginListener listener) {
        this.listener = listener;
        this.tenants = tenants;
        this.users = users;
        this.attempts = attempts;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.hashing = hashing;
        this.lockout = lockout;
        this.sessionTtl = sessionTtl;
        this.clock = clock;
    }

    @Override
    public LoginResult login(LoginUserCommand command) {
        Optional<Tenant> tenant = tenants.findBySlug(command.tenant());
        if (tenant.isEmpty()) {
            return hashing.burn(command.password()).<LoginResult>map(ignored -> new InvalidCredentials()).orElse(new Busy());
        }
        return TenantContext.callAs(tenant.get().id(), () -> loginIn(tenant.get(), command));
    }

    private LoginResult loginIn(Tenant tenant, LoginUserCommand command) {
        String account = command.email().value();
        Instant now = clock.now();
        if (attempts.admit(account, lockout, now) instanceof LoginAdmission.LockedOut locked) {
            return new LockedOut(locked.until());
        }
        Optional<User> user = users.findByEmail(command.email());
        Optional<Boolean> matches = user.isPresent()
                ? hashing.verify(command.password(), user.get().passwordHash())
                : hashing.burn(command.password());
        if (matches.isEmpty()) {
            return new Busy();
        }
        if (!matches.get()) {
            attempts.failed(account, lockout, clock.now());
            return new InvalidCredentials();
        }
        attempts.clear(account);
        Instant start = clock.now().truncatedTo(ChronoUnit.MILLIS);
        Session session = Session.start(SessionId.random(), user.get().id(), null, start, start.plus(sessionTtl));
        sessions.create(session);
        String refreshToken = TokenHashes.newToken(tenant.id());
        refreshTokens.issue(TokenHashes.hash(refreshToken), session.id(), user.get().id(), session.expiresAt());
        try {
            listener.loggedIn(tenant.id(), user.get().id());
        } catch (RuntimeException e) {
            // what listeners prepare is an optimisation: the login stands
        }
        return new LoggedIn(tenant.id(), user.get().id(), session.id(), refreshToken);
    }
}
