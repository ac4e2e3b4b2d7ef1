package dev.strata.adapters.postgres.shared;

import dev.strata.domain.shared.HealthProbe;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Postgres adapter for {@link HealthProbe}: Postgres is the source of truth, so it is essential. */
@Singleton
public class PostgresHealthProbe implements HealthProbe {
    private final DataSource dataSource;
    private final PostgresRoleGuard roleGuard;
    private final PostgresBreaker breaker;

    public PostgresHealthProbe(DataSource dataSource, PostgresRoleGuard roleGuard, PostgresBreaker breaker) {
        this.dataSource = dataSource;
        this.roleGuard = roleGuard;
        this.breaker = breaker;
    }

    @Override
    public String component() {
        return "postgres";
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public Result probe() {
        if (breaker.isOpen()) {
            // the breaker's own probe is on it; health answers at once instead of waiting out the pool
            return Result.down("unreachable (circuit open)");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setNetworkTimeout(Runnable::run, 2000);
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            roleGuard.verify(connection);
            return Result.up("reachable");
        } catch (PostgresRoleGuard.RoleRefusedException e) {
            return Result.down("role refused");
        } catch (SQLException | RuntimeException e) {
            breaker.failed(e);
            return Result.down("unreachable");
        }
    }
}
