package dev.strata.application.identity.port;

import dev.strata.domain.shared.UserId;
import java.util.Objects;

/** Query: a registered user of the current tenant. */
public record FindUserQuery(UserId userId) {
    public FindUserQuery {
        Objects.requireNonNull(userId, "userId must not be null");
    }
}
