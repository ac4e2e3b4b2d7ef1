package dev.strata.adapters.redis.sessions;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.StoreUnavailableException;
import io.lettuce.core.SetArgs;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Redis adapter for {@link AccessRevocations}: one small key per principal holding {@code 1}
 * (active) or {@code 0} (revoked). A revocation overwrites any "active" record at once, so every
 * instance refuses the principal's tokens on its next request.
 */
@Singleton
public class RedisAccessRevocations implements AccessRevocations {
    private static final String ACTIVE = "1";
    private static final String REVOKED = "0";
    private final RedisConnector redis;

    public RedisAccessRevocations(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public Status clientStatus(ClientId id) {
        String key = SessionKeys.clientStatus(id);
        try {
            String value = redis.call(commands -> commands.get(key));
            if (value == null) {
                return Status.UNKNOWN;
            }
            return REVOKED.equals(value) ? Status.REVOKED : Status.ACTIVE;
        } catch (StoreUnavailableException e) {
            return Status.UNKNOWN;
        }
    }

    @Override
    public void remember(ClientId id, boolean active, Duration ttl) {
        String key = SessionKeys.clientStatus(id);
        try {
            // NX: never let a late "active" overwrite a revocation written in between.
            redis.call(commands -> commands.set(key, active ? ACTIVE : REVOKED, SetArgs.Builder.nx().px(ttl.toMillis())));
        } catch (StoreUnavailableException e) {
            // Best effort: the durable store stays the truth.
        }
    }

    @Override
    public void revoke(ClientId id, Duration ttl) {
        String key = SessionKeys.clientStatus(id);
        redis.call(commands -> commands.set(key, REVOKED, SetArgs.Builder.px(ttl.toMillis())));
    }
}
