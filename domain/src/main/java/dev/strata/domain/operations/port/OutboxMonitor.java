package dev.strata.domain.operations.port;

import dev.strata.domain.operations.OutboxFigures;

/** Driven port: the events not yet relayed from Postgres to Redis, over all tenants (counts and ages only); never throws. */
public interface OutboxMonitor {
    OutboxFigures figures();
}
