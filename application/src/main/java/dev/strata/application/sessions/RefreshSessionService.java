package dev.strata.application.sessions;

import dev.strata.application.sessions.port.RefreshSessionCommand;
import dev.strata.application.sessions.port.RefreshSessionUseCase;
import dev.strata.application.shared.TokenHashes;
import dev.strata.domain.sessions.RefreshRotation;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Service implementing {@link RefreshSessionUseCase}: the token is spent atomically in Postgres; a
 * second presentation of a spent token ends the session (whoever holds the newer token loses it too,
 * which is the point: one of the two holders is a thief). A rotation extends the session when sliding
 * expiry is on.
 */
public class RefreshSessionService implements RefreshSessionUseCase {
    private final RefreshTokens refreshTokens;
    private final SessionStore sessions;
    private final Duration sessionTtl;
    private final boolean sliding;
    private final Clock clock;

    public RefreshSessionService(RefreshTokens refreshTokens, SessionStore sessions, Duration sessionTtl, boolean sliding,
                                 Clock clock) {
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.sessionTtl = sessionTtl;
        this.sliding = sliding;
        this.clock = clock;
    }

    @Override
    public Optional<Refreshed> refresh(RefreshSessionCommand command) {
        Optional<TenantId> tenant = TokenHashes.tenantOf(command.refreshToken());
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        return TenantContext.callAs(tenant.get(), () -> refreshIn(tenant.get(), command.refreshToken()));
    }

    private Optional<Refreshed> refreshIn(TenantId tenant, String token) {
        Instant now = clock.now().truncatedTo(ChronoUnit.MILLIS);
        String next = TokenHashes.newToken(tenant);
        Optional<Session> live = Optional.empty();
        RefreshRotation rotation = refreshTokens.rotate(TokenHashes.hash(token), TokenHashes.hash(next), now, now.plus(sessionTtl));
        if (rotation instanceof RefreshRotation.Reused reused) {
            sessions.delete(reused.sessionId());
            refreshTokens.revokeSession(reused.sessionId());
            return Optional.empty();
        }
        if (!(rotation instanceof RefreshRotation.Rotated rotated)) {
            return Optional.empty();
        }
        live = sliding ? sessions.touch(rotated.sessionId(), now, now.plus(sessionTtl)) : sessions.find(rotated.sessionId());
        if (live.isEmpty() || !live.get().userId().equals(rotated.userId())) {
            refreshTokens.revokeSession(rotated.sessionId());
            return Optional.empty();
        }
        return Optional.of(new Refreshed(tenant, rotated.userId(), rotated.sessionId(), next));
    }
}
