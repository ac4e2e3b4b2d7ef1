package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.identity.LockoutPolicy;
import dev.strata.domain.identity.LoginAdmission;
import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.shared.TenantContext;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Postgres adapter for {@link LoginAttempts} ({@code login_lockouts}, RLS). Each admission takes the
 * account's row lock ({@code SELECT ... FOR UPDATE}), so parallel attempts are counted one after
 * another. Postgres rather than Redis: the login already needs Postgres, and lockout must hold while
 * Redis is down.
 */
@Singleton
public class PostgresLoginAttempts implements LoginAttempts {
    private final Jdbc jdbc;

    public PostgresLoginAttempts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public LoginAdmission admit(String account, LockoutPolicy policy, Instant now) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement ensure = connection.prepareStatement(
                    "insert into login_lockouts (tenant_id, account, attempts, failures, window_started_at) "
                            + "values (?, ?, 0, 0, ?) on conflict do nothing")) {
                ensure.setObject(1, TenantContext.require().value());
                ensure.setString(2, account);
                ensure.setTimestamp(3, Timestamp.from(now));
                ensure.executeUpdate();
            }
            int attempts;
            Instant windowStart;
            Instant lockedUntil;
            try (PreparedStatement lock = connection.prepareStatement(
                    "select attempts, window_started_at, locked_until from login_lockouts where account = ? for update")) {
                lock.setString(1, account);
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                    attempts = rows.getInt(1);
                    windowStart = rows.getTimestamp(2).toInstant();
                    Timestamp locked = rows.getTimestamp(3);
                    lockedUntil = locked == null ? null : locked.toInstant();
                }
            }
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                return new LoginAdmission.LockedOut(lockedUntil);
            }
            boolean fresh = lockedUntil != null || !windowStart.plus(policy.window()).isAfter(now);
            if (fresh) {
                attempts = 0;
                windowStart = now;
            }
            if (attempts >= policy.maxFailures()) {
                // every remaining attempt of this window is in flight: refuse until the window is over
                return new LoginAdmission.LockedOut(windowStart.plus(policy.window()));
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "update login_lockouts set attempts = ?, failures = case when ? then 0 else failures end, "
                            + "window_started_at = ?, locked_until = null where account = ?")) {
                count.setInt(1, attempts + 1);
                count.setBoolean(2, fresh);
                count.setTimestamp(3, Timestamp.from(windowStart));
                count.setString(4, account);
                count.executeUpdate();
            }
            return new LoginAdmission.Admitted();
        });
    }

    @Override
    public void failed(String account, LockoutPolicy policy, Instant now) {
        TenantContext.require();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update login_lockouts set failures = failures + 1, "
                            + "locked_until = case when failures + 1 >= ? then ?::timestamptz else locked_until end where account = ?")) {
                statement.setInt(1, policy.maxFailures());
                statement.setTimestamp(2, Timestamp.from(now.plus(policy.duration())));
                statement.setString(3, account);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void clear(String account) {
        TenantContext.require();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("delete from login_lockouts where account = ?")) {
                statement.setString(1, account);
                return statement.executeUpdate();
            }
        });
    }
}
