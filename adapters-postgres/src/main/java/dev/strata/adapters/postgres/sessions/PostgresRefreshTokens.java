package dev.strata.adapters.postgres.sessions;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.sessions.RefreshRotation;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Postgres adapter for {@link RefreshTokens} ({@code refresh_tokens}, RLS). Spending is one conditional
 * UPDATE, so concurrent rotations of one token cannot both win.
 */
@Singleton
public class PostgresRefreshTokens implements RefreshTokens {
    private final Jdbc jdbc;

    public PostgresRefreshTokens(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void issue(String tokenHash, SessionId sessionId, UserId userId, Instant expiresAt) {
        TenantContext.require();
        jdbc.inTransaction(connection -> insert(connection, tokenHash, sessionId.value(), userId.value(), expiresAt));
    }

    @Override
    public RefreshRotation rotate(String tokenHash, String nextHash, Instant now, Instant nextExpiresAt) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement spend = connection.prepareStatement(
                    "update refresh_tokens set spent_at = ? where token_hash = ? and spent_at is null and expires_at > ? "
                            + "returning session_id, user_id")) {
                spend.setTimestamp(1, Timestamp.from(now));
                spend.setString(2, tokenHash);
                spend.setTimestamp(3, Timestamp.from(now));
                try (ResultSet rows = spend.executeQuery()) {
                    if (rows.next()) {
                        String session = rows.getString(1);
                        String user = rows.getString(2);
                        insert(connection, nextHash, session, user, nextExpiresAt);
                        return new RefreshRotation.Rotated(new SessionId(session), new UserId(user));
                    }
                }
            }
            try (PreparedStatement spent = connection.prepareStatement(
                    "select session_id, user_id from refresh_tokens where token_hash = ? and spent_at is not null")) {
                spent.setString(1, tokenHash);
                try (ResultSet rows = spent.executeQuery()) {
                    return rows.next()
                            ? new RefreshRotation.Reused(new SessionId(rows.getString(1)), new UserId(rows.getString(2)))
                            : new RefreshRotation.Unknown();
                }
            }
        });
    }

    @Override
    public void revokeSession(SessionId sessionId) {
        TenantContext.require();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    // spent rows are kept (marked) so that a later reuse is still recognised as such
                    "update refresh_tokens set spent_at = coalesce(spent_at, now()) where session_id = ?")) {
                statement.setString(1, sessionId.value());
                return statement.executeUpdate();
            }
        });
    }

    private static int insert(Connection connection, String hash, String session, String user, Instant expiresAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "insert into refresh_tokens (tenant_id, token_hash, session_id, user_id, expires_at) values (?, ?, ?, ?, ?)")) {
            statement.setObject(1, TenantContext.require().value());
            statement.setString(2, hash);
            statement.setString(3, session);
            statement.setString(4, user);
            statement.setTimestamp(5, Timestamp.from(expiresAt));
            return statement.executeUpdate();
        }
    }
}
