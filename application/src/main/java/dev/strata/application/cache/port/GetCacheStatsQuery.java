package dev.strata.application.cache.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;

/** Query: the statistics of one namespace. */
public record GetCacheStatsQuery(ResourceName namespace) {
    public GetCacheStatsQuery {
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace must not be null");
        }
    }
}
