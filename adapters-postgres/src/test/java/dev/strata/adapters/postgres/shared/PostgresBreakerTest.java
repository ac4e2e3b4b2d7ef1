package dev.strata.adapters.postgres.shared;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures open the Postgres circuit: those that say Postgres cannot be reached, never an answered error. */
class PostgresBreakerTest {
    @Test
    void connectionFailuresOpenTheCircuit() {
        assertTrue(PostgresBreaker.isConnectionFailure(new SQLTransientConnectionException("pool timed out")));
        assertTrue(PostgresBreaker.isConnectionFailure(new SQLException("refused", "08001")));
        assertTrue(PostgresBreaker.isConnectionFailure(new SQLException("I/O error", "08006")));
        assertTrue(PostgresBreaker.isConnectionFailure(new SQLException("admin shutdown", "57P01")));
        assertTrue(PostgresBreaker.isConnectionFailure(new SQLException("starting up", "57P03")));
    }

    @Test
    void errorsPostgresAnsweredLeaveItClosed() {
        assertFalse(PostgresBreaker.isConnectionFailure(new SQLException("duplicate", "23505")));
        assertFalse(PostgresBreaker.isConnectionFailure(new SQLException("statement timeout", "57014")));
        assertFalse(PostgresBreaker.isConnectionFailure(new SQLException("syntax", "42601")));
        assertFalse(PostgresBreaker.isConnectionFailure(new SQLException("no state")));
    }

    @Test
    void theFailureIsFoundBehindTranslations() {
        SQLException io = new SQLException("I/O error", "08006");
        assertNotNull(PostgresBreaker.connectionFailure(new StoreUnavailableException("postgres", "failed", io)));
        assertNull(PostgresBreaker.connectionFailure(new StoreUnavailableException("postgres", "failed", new SQLException("x", "23505"))));
        assertNull(PostgresBreaker.connectionFailure(new IllegalArgumentException("not a database failure")));
    }
}
