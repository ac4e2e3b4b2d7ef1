package dev.strata.domain.operations.port;

import dev.strata.domain.operations.PoolFigures;

/** Driven port: this instance's Postgres connection pool figures; never throws. */
public interface PoolMonitor {
    PoolFigures figures();
}
