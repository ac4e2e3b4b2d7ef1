package dev.strata.adapters.postgres.shared;

import dev.strata.domain.shared.StoreUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres adapter plumbing: the circuit breaker every Postgres access goes through ({@link Jdbc}). A failure to
 * reach Postgres (no connection within the pool's timeout, a broken or silent connection) opens the circuit:
 * from then on work that needs Postgres is refused at once with {@link StoreUnavailableException} instead of
 * each request waiting out the pool's timeout, until a background probe (every {@code strata.postgres.probe-interval})
 * gets an answer again. An error Postgres answers (a constraint, a cancelled statement) leaves it closed.
 */
@Singleton
public class PostgresBreaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBreaker.class);

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final AtomicBoolean open = new AtomicBoolean();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-postgres-probe");
        thread.setDaemon(true);
        return thread;
    });

    public PostgresBreaker(DataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Throws {@link StoreUnavailableException} at once while the circuit is open. */
    public void ensureClosed() {
        if (open.get()) {
            throw StoreUnavailableException.refused("postgres", "postgres unavailable (circuit open)");
        }
    }

    /** True while Postgres counts as unreachable (from a failure until a probe succeeds). */
    public boolean isOpen() {
        return open.get();
    }

    /** Looks at a failure of Postgres work and opens the circuit when it says Postgres cannot be reached. */
    public void failed(Throwable failure) {
        SQLException cause = connectionFailure(failure);
        if (cause != null && open.compareAndSet(false, true)) {
            LOG.warn("postgres is failing ({}, SQLSTATE {}); refusing work that needs it until a probe succeeds",
                    cause.getClass().getSimpleName(), cause.getSQLState());
            schedule();
        }
    }

    /** The SQLException in {@code failure}'s causes that means "Postgres cannot be reached", or null. */
    static SQLException connectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                return sql;
            }
        }
        return null;
    }

    static boolean isConnectionFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true; // the pool gave no connection within its timeout
        }
        String state = e.getSQLState();
        // class 08: connection exception (refused, broken, I/O error or timeout on the socket);
        // 57P01-57P03: admin/crash shutdown, cannot connect now (starting or stopping)
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    private void schedule() {
        try {
            prober.schedule(this::probe, settings.probeInterval().toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // shutting down
        }
    }

    private void probe() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, (int) settings.networkTimeout().toMillis());
            try (Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            if (open.compareAndSet(true, false)) {
                LOG.info("postgres is reachable again");
            }
        } catch (SQLException | RuntimeException e) {
            schedule();
        }
    }

    @Override
    @PreDestroy
    public void close() {
        prober.shutdownNow();
    }
}
