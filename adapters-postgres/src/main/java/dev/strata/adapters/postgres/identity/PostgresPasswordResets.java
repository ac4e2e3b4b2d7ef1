package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Postgres adapter for {@link PasswordResets} ({@code password_resets}, RLS); redemption is one conditional UPDATE. */
@Singleton
public class PostgresPasswordResets implements PasswordResets {
    private final Jdbc jdbc;

    public PostgresPasswordResets(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(String tokenHash, UserId userId, Instant expiresAt) {
        TenantContext.require();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "insert into password_resets (tenant_id, token_hash, user_id, expires_at) values (?, ?, ?, ?)")) {
                statement.setObject(1, TenantContext.require().value());
                statement.setString(2, tokenHash);
                statement.setString(3, userId.value());
                statement.setTimestamp(4, Timestamp.from(expiresAt));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public Optional<UserId> redeem(String tokenHash, Instant now) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update password_resets set used_at = ? where token_hash = ? and used_at is null and expires_at > ? returning user_id")) {
                statement.setTimestamp(1, Timestamp.from(now));
                statement.setString(2, tokenHash);
                statement.setTimestamp(3, Timestamp.from(now));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new UserId(rows.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean isRedeemable(String tokenHash, Instant now) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select 1 from password_resets where token_hash = ? and used_at is null and expires_at > ?")) {
                statement.setString(1, tokenHash);
                statement.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }
}
