package dev.strata.adapters.postgres.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.SessionStoreContract;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The session store contract against real Postgres (the durable copy), plus the purge of expired rows. */
class PostgresSessionStoreIT extends SessionStoreContract {
    @Override
    protected SessionStore createSubject() {
        return new PostgresSessionStore(PostgresTestContext.shared().getBean(Jdbc.class), Clock.system());
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    @Test
    void thePurgeRemovesExpiredRowsAndKeepsLiveOnes() {
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        Instant past = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        MutableClock then = new MutableClock(past);
        PostgresSessionStore writer = new PostgresSessionStore(jdbc, then);
        UserId user = UserId.random();
        Session expired = Session.start(SessionId.random(), user, "{}".getBytes(StandardCharsets.UTF_8), past, past.plus(Duration.ofHours(1)));
        Session live = session(user);
        TenantContext.runAs(tenant, () -> writer.create(expired));
        TenantContext.runAs(tenant, () -> store.create(live));
        assertEquals(1, rows(jdbc, expired.id()), "an expired row stays until purged");

        assertTrue(new PostgresSessionStore(jdbc, Clock.system()).purgeExpired(Instant.now()) >= 1);
        assertEquals(0, rows(jdbc, expired.id()));
        assertEquals(1, rows(jdbc, live.id()));
    }

    private int rows(Jdbc jdbc, SessionId id) {
        return TenantContext.callAs(tenant, () -> jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select count(*) from sessions where session_id = ?")) {
                statement.setString(1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        }));
    }
}
