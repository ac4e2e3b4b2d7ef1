package dev.strata.adapters.postgres.cache;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres adapter job: deletes expired L3 cache rows in batches, every {@code strata.cache.purge.interval}
 * (1m). Row-level security is forced even for the table owner, so the job works tenant by tenant, each in
 * its own transactions of at most {@code strata.cache.purge.batch} rows (1000), so it never holds long locks.
 */
@Singleton
@Requires(property = "strata.cache.purge.enabled", notEquals = "false")
public class CacheExpiryPurge {
    private static final Logger LOG = LoggerFactory.getLogger(CacheExpiryPurge.class);
    private final Jdbc jdbc;
    private final PostgresCacheStore store;
    private final int batch;

    public CacheExpiryPurge(Jdbc jdbc, PostgresCacheStore store, CachePurgeSettings settings) {
        this.jdbc = jdbc;
        this.store = store;
        this.batch = Math.max(1, settings.batch());
    }

    @Scheduled(fixedDelay = "${strata.cache.purge.interval:1m}", initialDelay = "${strata.cache.purge.interval:1m}")
    void scheduled() {
        try {
            long purged = purgeAll();
            if (purged > 0) {
                LOG.info("purged {} expired cache rows", purged);
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("cache purge skipped: postgres unavailable");
        }
    }

    /** One pass over every tenant; answers how many rows were deleted. */
    public long purgeAll() {
        List<TenantId> tenants = jdbc.inTransaction(connection -> {
            List<TenantId> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("select id from tenants");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(new TenantId(rows.getObject(1, UUID.class)));
                }
            }
            return ids;
        });
        long total = 0;
        for (TenantId tenant : tenants) {
            total += TenantContext.callAs(tenant, () -> {
                long purged = 0;
                int deleted;
                do {
                    deleted = store.purgeExpired(batch);
                    purged += deleted;
                } while (deleted == batch);
                return purged;
            });
        }
        return total;
    }
}
