package dev.strata.adapters.redis.sessions;

import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

    static String session(SessionId id) {
        return prefix() + "s:" + id.value();
    }

    /** The user's index of session ids; user ids may hold any printable character, so they are encoded. */
    static String userSessions(UserId user) {
        return prefix() + "u:" + Base64.getUrlEncoder().withoutPadding().encodeToString(user.value().getBytes(StandardCharsets.UTF_8));
    }
}
