package dev.strata.adapters.postgres.operations;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.strata.adapters.postgres.shared.PostgresHealthProbe;
import dev.strata.domain.operations.PoolFigures;
import dev.strata.domain.operations.port.PoolMonitor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Postgres adapter for {@link PoolMonitor}: Hikari's pool MXBean, and whether Postgres answers its health probe. */
@Singleton
public class HikariPoolMonitor implements PoolMonitor {
    private final DataSource dataSource;
    private final PostgresHealthProbe probe;

    public HikariPoolMonitor(DataSource dataSource, PostgresHealthProbe probe) {
        this.dataSource = dataSource;
        this.probe = probe;
    }

    @Override
    public PoolFigures figures() {
        boolean up = probe.probe().up();
        HikariDataSource hikari = hikari(dataSource);
        HikariPoolMXBean pool = hikari == null ? null : hikari.getHikariPoolMXBean();
        if (pool == null) {
            return PoolFigures.unknown(up);
        }
        return new PoolFigures(up, pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize());
    }

    /** The Hikari pool behind Micronaut's data source proxies, or null when there is none. */
    public static HikariDataSource hikari(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
