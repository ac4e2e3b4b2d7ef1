package dev.strata.adapters.postgres.sessions;

import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.StoreUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled job of the Postgres adapter: removes expired sessions (and spent refresh tokens, old reset
 * tokens, idle lockout rows) every {@code strata.sessions.purge-interval} (5m). Expired rows are already
 * invisible to every read; this only keeps the tables small. Running it on several instances at once is
 * harmless (deletes of the same rows).
 */
@Singleton
@Requires(notEnv = "cli")
@Requires(beans = Clock.class)
public class PostgresSessionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSessionPurge.class);
    private final PostgresSessionStore sessions;
    private final Clock clock;

    public PostgresSessionPurge(PostgresSessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${strata.sessions.purge-interval:5m}", initialDelay = "${strata.sessions.purge-interval:5m}")
    void purge() {
        try {
            int purged = sessions.purgeExpired(clock.now());
            if (purged > 0) {
                LOG.info("purged {} expired sessions", purged);
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("session purge skipped: postgres unavailable");
        }
    }
}
