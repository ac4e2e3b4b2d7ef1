package dev.strata.adapters.redis.shared;

import dev.strata.domain.shared.HealthProbe;
import jakarta.inject.Singleton;

/** Redis adapter for {@link HealthProbe}: Redis is fast and disposable, so not essential (DEGRADED when down). */
@Singleton
public class RedisHealthProbe implements HealthProbe {
    private final RedisConnector connector;

    public RedisHealthProbe(RedisConnector connector) {
        this.connector = connector;
    }

    @Override
    public String component() {
        return "redis";
    }

    @Override
    public boolean essential() {
        return false;
    }

    @Override
    public Result probe() {
        try {
            String pong = connector.probe(commands -> commands.ping());
            return "PONG".equals(pong) ? Result.up("reachable") : Result.down("unexpected reply");
        } catch (RuntimeException e) {
            return Result.down("unreachable");
        }
    }
}
