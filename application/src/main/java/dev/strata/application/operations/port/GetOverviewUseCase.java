package dev.strata.application.operations.port;

import dev.strata.domain.operations.Alert;
import dev.strata.domain.operations.CacheTraffic;
import dev.strata.domain.operations.GroupLag;
import dev.strata.domain.operations.HttpTraffic;
import dev.strata.domain.operations.OutboxFigures;
import dev.strata.domain.operations.PoolFigures;
import dev.strata.domain.operations.RedisFigures;
import java.time.Instant;
import java.util.List;

/**
 * Use case: the operations overview for the current tenant — the cluster's and this instance's figures, which carry
 * no tenant data, the tenant's own consumer groups, and the alerts that hold now.
 */
public interface GetOverviewUseCase {
    Overview overview();

    /** Everything the overview shows, computed now. */
    record Overview(Instant time, RedisFigures redis, PoolFigures postgres, CacheTraffic cache, HttpTraffic http,
                    OutboxFigures outbox, List<GroupLag> streams, List<Alert> alerts) {
        public Overview {
            streams = List.copyOf(streams);
            alerts = List.copyOf(alerts);
        }
    }
}
