package dev.strata.adapters.redis.sessions;

import dev.strata.domain.sessions.ClientId;
import dev.strata.domain.shared.TenantContext;

/** Key codec of the sessions area: every key is {@code strata:{tenant}:sessions:...}. */
final class SessionKeys {
    private SessionKeys() {
    }

    private static String prefix() {
        return "strata:{" + TenantContext.require() + "}:sessions:";
    }

    static String clientStatus(ClientId id) {
        return prefix() + "client:" + id.value();
    }
}
