package dev.strata.adapters.postgres.cache;

import dev.strata.domain.shared.Clock;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Test support: the {@link Clock} bean that bootstrap provides in the application, for the adapter-only test context. */
@Singleton
class WallClock implements Clock {
    @Override
    public Instant now() {
        return Instant.now();
    }
}
