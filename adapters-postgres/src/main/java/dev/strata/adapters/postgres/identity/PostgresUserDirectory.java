package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.User;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** Postgres adapter for {@link UserDirectory}: the {@code users} table (tenant-scoped, RLS). */
@Singleton
public class PostgresUserDirectory implements UserDirectory {
    private static final String COLUMNS = "user_id, email, password_hash, created_at";
    private final Jdbc jdbc;

    public PostgresUserDirectory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(User user) {
        try {
            jdbc.inTransaction(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "insert into users (tenant_id, " + COLUMNS + ") values (?, ?, ?, ?, ?)")) {
                    statement.setObject(1, TenantContext.require().value());
                    statement.setString(2, user.id().value());
                    statement.setString(3, user.email().value());
                    statement.setString(4, user.passwordHash());
                    statement.setTimestamp(5, Timestamp.from(user.createdAt()));
                    return statement.executeUpdate();
                }
            });
        } catch (ConflictException e) {
            throw new ConflictException("sessions.email_taken", "a user with this email already exists");
        }
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return findOne("select " + COLUMNS + " from users where email = ?", email.value());
    }

    @Override
    public Optional<User> findById(UserId id) {
        return findOne("select " + COLUMNS + " from users where user_id = ?", id.value());
    }

    @Override
    public boolean changePassword(UserId id, String passwordHash) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update users set password_hash = ? where user_id = ?")) {
                statement.setString(1, passwordHash);
                statement.setString(2, id.value());
                return statement.executeUpdate() == 1;
            }
        });
    }

    private Optional<User> findOne(String sql, String parameter) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, parameter);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(map(rows)) : Optional.empty();
                }
            }
        });
    }

    private static User map(ResultSet rows) throws SQLException {
        return new User(new UserId(rows.getString(1)), new Email(rows.getString(2)), rows.getString(3),
                rows.getTimestamp(4).toInstant());
    }
}
