package dev.strata.adapters.postgres.shared;

import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Postgres adapter for {@link UnitOfWork}, and the single way every Postgres adapter reaches the
 * database. Every statement runs in a transaction whose first act is
 * {@code set_config('strata.tenant_id', <current tenant>, true)} — the SET LOCAL form, so the
 * setting dies with the transaction and never leaks to the next user of a pooled connection.
 * Row-level security policies read it; without a tenant context the setting is empty and tenant
 * tables show nothing. No work runs before {@link PostgresRoleGuard} has accepted the serving role.
 *
 * <p>A read of one statement can go in a single round trip ({@link #readOnce}): the settings and the statement
 * are sent together and run as one implicit transaction, with the same guarantees.
 */
@Singleton
public class Jdbc implements UnitOfWork {
    /** SQLSTATE unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final PostgresRoleGuard roleGuard;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
    private final PostgresBreaker breaker;
    private final int networkTimeoutMillis;
    private final String statementTimeout;

    public Jdbc(DataSource dataSource, PostgresRoleGuard roleGuard, PostgresBreaker breaker, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.roleGuard = roleGuard;
        this.breaker = breaker;
        this.networkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.networkTimeout().toMillis());
        this.statementTimeout = settings.statementTimeout().toMillis() + "ms";
    }

    /** A unit of JDBC work on a connection inside the current transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Binds a read's parameters; its first placeholder is number {@code first}. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** Reads the rows of a read. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** The settings {@link #applyTenant} makes, as a statement that precedes a one-trip read. */
    private static final String SETTINGS = "select set_config('strata.tenant_id', ?, true), set_config('statement_timeout', ?, true)";

    @Override
    public <T> T execute(Supplier<T> work) {
        return inTransaction(connection -> work.get());
    }

    /**
     * Runs {@code work} in the current transaction, or in a new one scoped to the current tenant. A new one is
     * refused at once while the {@link PostgresBreaker} is open, and every wait on Postgres in it is bounded
     * (the pool's connection timeout, then {@code strata.postgres.network-timeout} per answer).
     */
    public <T> T inTransaction(Work<T> work) {
        Connection joined = current.get();
        if (joined != null) {
            try {
                return work.apply(joined);
            } catch (SQLException e) {
                throw translate(e);
            }
        }
        breaker.ensureClosed();
        try {
            return inNewTransaction(work);
        } catch (RuntimeException | Error e) {
            breaker.failed(e);
            throw e;
        }
    }

    /**
     * Runs {@code work} on a connection in autocommit mode (each statement its own transaction, committed by the
     * server as it ends, with no round trip in between) and WITHOUT a tenant setting: for statements that scope
     * themselves (a function given the tenant). Refused inside a transaction, which it would silently leave.
     */
    public <T> T inAutoCommit(Work<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("autocommit work inside a transaction");
        }
        breaker.ensureClosed();
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            roleGuard.verify(connection);
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.apply(connection);
        } catch (SQLException e) {
            RuntimeException translated = translate(e);
            breaker.failed(translated);
            throw translated;
        } catch (RuntimeException | Error e) {
            breaker.failed(e);
            throw e;
        }
    }

    /** Whether the calling thread is inside a transaction that a call of {@link #inTransaction} would join. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    @Override
    public boolean inProgress() {
        return inTransaction();
    }

    /**
     * Runs {@code action} on this thread right after the current transaction commits (never when it rolls back);
     * outside a transaction, at once. A failing action is the action's business: it must not throw.
     */
    public void afterCommit(Runnable action) {
        if (current.get() == null) {
            action.run();
            return;
        }
        List<Runnable> actions = afterCommit.get();
        if (actions == null) {
            actions = new ArrayList<>();
            afterCommit.set(actions);
        }
        actions.add(action);
    }

    private <T> T inNewTransaction(Work<T> work) {
        T result = inNewTransactionOnly(work);
        List<Runnable> actions = afterCommit.get();
        if (actions != null) {
            afterCommit.remove();
            actions.forEach(Runnable::run);
        }
        return result;
    }

    private <T> T inNewTransactionOnly(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            // a frozen or cut-off server must not hold the request: every read of an answer is bounded
            connection.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            // a no-op once the role passed; the first check when Postgres was unreachable at start
            roleGuard.verify(connection);
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                applyTenant(connection, statementTimeout);
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                afterCommit.remove();
                rollbackQuietly(connection, e);
                if (e instanceof SQLException sql) {
                    throw translate(sql);
                }
                throw e;
            } finally {
                current.remove();
                resetQuietly(connection);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * Runs one read-only {@code select} in the current transaction, or else in a single round trip: the tenant
     * and statement-timeout settings and the statement go to Postgres together, on a connection in auto-commit,
     * and run as one implicit transaction (the extended protocol's, up to its Sync), so the settings are local
     * to it exactly as in {@link #inTransaction}, and vanish with it. Row-level security, the breaker and every
     * bound on waiting hold as in {@link #inTransaction}. Only for a single statement that writes nothing. Bind
     * typed values ({@code setObject} with an {@code OffsetDateTime}, not {@code setTimestamp}): once the driver
     * prepares the two statements server-side, it mis-infers an untyped parameter.
     */
    public <T> T readOnce(String select, Binder binder, Rows<T> reader) {
        Connection joined = current.get();
        if (joined != null) {
            try (PreparedStatement statement = joined.prepareStatement(select)) {
                binder.bind(statement, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            } catch (SQLException e) {
                throw translate(e);
            }
        }
        breaker.ensureClosed();
        try {
            return readInOneTrip(SETTINGS + ";\n" + select, binder, reader);
        } catch (RuntimeException | Error e) {
            breaker.failed(e);
            throw e;
        }
    }

    private <T> T readInOneTrip(String sql, Binder binder, Rows<T> reader) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            roleGuard.verify(connection);
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, TenantContext.current().map(TenantId::toString).orElse(""));
                statement.setString(2, statementTimeout);
                binder.bind(statement, 3);
                // both statements are sent with one Sync: the settings' row first, then the read's rows
                statement.execute();
                if (!statement.getMoreResults()) {
                    throw new SQLException("a one-trip read returned no rows", "XX000");
                }
                try (ResultSet rows = statement.getResultSet()) {
                    return reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static void resetQuietly(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection: the pool evicts it
        }
    }

    private static void applyTenant(Connection connection, String statementTimeout) throws SQLException {
        String tenant = TenantContext.current().map(TenantId::toString).orElse("");
        try (PreparedStatement statement = connection.prepareStatement(SETTINGS)) {
            statement.setString(1, tenant);
            statement.setString(2, statementTimeout);
            statement.execute();
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Translates a driver exception: unique violations become conflicts, everything else "store unavailable". */
    public static RuntimeException translate(SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new ConflictException("already exists");
        }
        return new StoreUnavailableException("postgres", "postgres failed: " + e.getSQLState(), e);
    }
}
