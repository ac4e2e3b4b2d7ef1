package dev.strata.domain.operations;

/**
 * Value object: the durable log's events not yet relayed to the live stream, over all tenants — how many, and
 * the age in seconds of the oldest (null when none is waiting or it is unknown).
 */
public record OutboxFigures(Long backlog, Double oldestAgeSeconds) {
    /** Postgres did not answer. */
    public static OutboxFigures unknown() {
        return new OutboxFigures(null, null);
    }
}
