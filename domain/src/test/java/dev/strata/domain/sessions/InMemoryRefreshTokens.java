package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory fake of {@link RefreshTokens}. Thread-safe. */
public final class InMemoryRefreshTokens implements RefreshTokens {
    private record Token(String tenant, SessionId sessionId, UserId userId, Instant expiresAt, boolean spent) {
    }

    private final Map<String, Token> tokens = new HashMap<>();

    @Override
    public synchronized void issue(String tokenHash, SessionId sessionId, UserId userId, Instant expiresAt) {
        tokens.put(key(tokenHash), new Token(TenantContext.require().toString(), sessionId, userId, expiresAt, false));
    }

    @Override
    public synchronized RefreshRotation rotate(String tokenHash, String nextHash, Instant now, Instant nextExpiresAt) {
        Token token = tokens.get(key(tokenHash));
        if (token == null) {
            return new RefreshRotation.Unknown();
        }
        if (token.spent()) {
            return new RefreshRotation.Reused(token.sessionId(), token.userId());
        }
        if (!token.expiresAt().isAfter(now)) {
            return new RefreshRotation.Unknown();
        }
        tokens.put(key(tokenHash), new Token(token.tenant(), token.sessionId(), token.userId(), token.expiresAt(), true));
        issue(nextHash, token.sessionId(), token.userId(), nextExpiresAt);
        return new RefreshRotation.Rotated(token.sessionId(), token.userId());
    }

    @Override
    public synchronized void revokeSession(SessionId sessionId) {
        String tenant = TenantContext.require().toString();
        tokens.replaceAll((hash, token) -> token.tenant().equals(tenant) && token.sessionId().equals(sessionId)
                ? new Token(token.tenant(), token.sessionId(), token.userId(), token.expiresAt(), true) : token);
    }

    private static String key(String tokenHash) {
        return TenantContext.require() + "\n" + tokenHash;
    }
}
